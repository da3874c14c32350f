from django.urls import path

from modus.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.search, name="search"),
    path("catalogue/", views.catalogue_page, name="catalogue"),
    path("catalogue.pdf", views.catalogue_download, name="catalogue-pdf"),
    path("me/", views.profile, name="profile"),
    path("o/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("o/<slug:slug>/edit/", views.organisation_edit, name="organisation-edit"),
]
