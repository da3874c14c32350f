from django.urls import path

from modus.visits import views

app_name = "visits"
urlpatterns = [
    path("", views.visit_list, name="list"),
    path("new/", views.visit_new, name="new"),
    path("<int:visit_id>/", views.visit_detail, name="detail"),
    path("<int:visit_id>/book/", views.book, name="book"),
    path("<int:visit_id>/cancel/", views.cancel, name="cancel"),
    path("<int:visit_id>/edit/", views.visit_edit, name="edit"),
    path("<int:visit_id>/delete/", views.visit_delete, name="delete"),
    path("<int:visit_id>/people/", views.people, name="people"),
    path("<int:visit_id>/people.csv", views.people_export, name="people-csv"),
    path("<int:visit_id>/people.xlsx", views.people_export, {"kind": "xlsx"}, name="people-xlsx"),
    path(
        "<int:visit_id>/people/<int:booking_id>/showed-up/",
        views.showed_up,
        name="showed-up",
    ),
    path("<int:visit_id>/message/", views.message, name="message"),
]
