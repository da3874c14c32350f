from django.urls import path

from modus.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.search, name="search"),
    path("catalogue/", views.catalogue_page, name="catalogue"),
    path("catalogue.pdf", views.catalogue_download, name="catalogue-pdf"),
    path("me/", views.profile, name="profile"),
    path("o/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("me/join-request/withdraw/", views.join_request_withdraw, name="join-withdraw"),
    path("o/<slug:slug>/edit/", views.organisation_edit, name="organisation-edit"),
    path(
        "o/<slug:slug>/join-requests/<int:pk>/approve/",
        views.join_request_decide,
        {"decision": "approve"},
        name="join-approve",
    ),
    path(
        "o/<slug:slug>/join-requests/<int:pk>/decline/",
        views.join_request_decide,
        {"decision": "decline"},
        name="join-decline",
    ),
]
