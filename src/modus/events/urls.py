from django.urls import path

from modus.events import views

app_name = "events"
urlpatterns = [
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/manage/participants/", views.participant_list, name="participants"),
    path("<slug:slug>/manage/participants.csv", views.participant_export, name="participants-csv"),
    path("<slug:slug>/manage/import/", views.participant_import, name="import"),
    path("<slug:slug>/manage/import/<int:pk>/", views.import_detail, name="import-detail"),
    path(
        "<slug:slug>/manage/import/<int:pk>/confirm/",
        views.import_confirm,
        name="import-confirm",
    ),
]
