from django.urls import path

from modus.events import check_in_views, programme_views, views

app_name = "events"
urlpatterns = [
    # Before the event's pages: the link names the registration, not the event.
    path("withdraw/<str:token>/", views.registration_withdraw, name="withdraw"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/programme/", programme_views.programme_page, name="programme"),
    path("<slug:slug>/programme.pdf", programme_views.programme_pdf, name="programme-pdf"),
    path("<slug:slug>/programme.ics", programme_views.programme_ics, name="programme-ics"),
    path(
        "<slug:slug>/programme/<int:programme_session_id>/",
        programme_views.session_page,
        name="programme-session",
    ),
    path(
        "<slug:slug>/programme/<int:programme_session_id>/attend/",
        programme_views.attend,
        name="programme-attend",
    ),
    path(
        "<slug:slug>/programme/<int:programme_session_id>/leave/",
        programme_views.leave,
        name="programme-leave",
    ),
    path("<slug:slug>/manage/programme/new/", programme_views.session_new, name="programme-new"),
    path(
        "<slug:slug>/manage/programme/<int:programme_session_id>/",
        programme_views.session_edit,
        name="programme-edit",
    ),
    path(
        "<slug:slug>/manage/programme/<int:programme_session_id>/delete/",
        programme_views.session_delete,
        name="programme-delete",
    ),
    path("<slug:slug>/manage/participants/", views.participant_list, name="participants"),
    path("<slug:slug>/manage/participants.csv", views.participant_export, name="participants-csv"),
    path(
        "<slug:slug>/manage/participants.xlsx",
        views.participant_export,
        {"kind": "xlsx"},
        name="participants-xlsx",
    ),
    path("<slug:slug>/manage/import/", views.participant_import, name="import"),
    path("<slug:slug>/manage/import/<int:pk>/", views.import_detail, name="import-detail"),
    path(
        "<slug:slug>/manage/import/<int:pk>/confirm/",
        views.import_confirm,
        name="import-confirm",
    ),
    path("<slug:slug>/manage/badges/", check_in_views.badge_list, name="badges"),
    path("<slug:slug>/manage/badges.pdf", check_in_views.badge_pdf, name="badges-pdf"),
    path("<slug:slug>/manage/badges/prints/", check_in_views.badge_prints, name="badge-prints"),
    path(
        "<slug:slug>/manage/badges/prints/<int:print_id>.pdf",
        check_in_views.badge_print_pdf,
        name="badge-print",
    ),
    path(
        "<slug:slug>/manage/badges/<int:participant_id>/reissue/",
        check_in_views.badge_reissue,
        name="badge-reissue",
    ),
    path("<slug:slug>/check-in/", check_in_views.check_in_desk, name="check-in"),
    path("<slug:slug>/check-in/desk/", check_in_views.desk_name, name="check-in-desk"),
    path("<slug:slug>/check-in/arrivals/", check_in_views.arrival_counts, name="arrivals"),
    path("<slug:slug>/my-badge/", check_in_views.my_badge, name="my-badge"),
]
