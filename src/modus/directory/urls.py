from django.urls import path

from modus.directory import introduction_views, views

app_name = "directory"
urlpatterns = [
    path("", views.search, name="search"),
    path("catalogue/", views.catalogue_page, name="catalogue"),
    path("catalogue.pdf", views.catalogue_download, name="catalogue-pdf"),
    path("me/", views.profile, name="profile"),
    path("photos/<stored:name>", views.photo, name="photo"),
    path("o/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("me/join-request/withdraw/", views.join_request_withdraw, name="join-withdraw"),
    path(
        "me/join-request/suggestions/",
        views.organisation_suggestions,
        name="organisation-suggestions",
    ),
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
    path("introductions/", introduction_views.introduction_list, name="introductions"),
    path("introductions/ask/", introduction_views.introduction_ask, name="introduction-ask"),
    path(
        "introductions/open/", introduction_views.introduction_overview, name="introductions-open"
    ),
    path(
        "introductions/<int:introduction_id>/",
        introduction_views.introduction_detail,
        name="introduction",
    ),
    path(
        "introductions/<int:introduction_id>/accept/",
        introduction_views.introduction_action,
        {"action": "accept"},
        name="introduction-accept",
    ),
    path(
        "introductions/<int:introduction_id>/decline/",
        introduction_views.introduction_action,
        {"action": "decline"},
        name="introduction-decline",
    ),
    path(
        "introductions/<int:introduction_id>/nudge/",
        introduction_views.introduction_action,
        {"action": "nudge"},
        name="introduction-nudge",
    ),
    path(
        "introductions/<int:introduction_id>/reassign/",
        introduction_views.introduction_action,
        {"action": "reassign"},
        name="introduction-reassign",
    ),
    path("booth/<slug:event_slug>/", introduction_views.booth, name="booth"),
]
