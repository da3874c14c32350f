from django.urls import path

from modus.matchmaking import schedule_views, views

app_name = "matchmaking"
urlpatterns = [
    path("people/<int:participant_id>/", views.participant_page, name="participant"),
    path("recommendations/", views.recommendations_page, name="recommendations"),
    path("recommendations/<int:participant_id>/dismiss/", views.dismiss, name="dismiss"),
    path("meetings/", views.inbox_page, name="inbox"),
    path("meetings/requests/<int:request_id>/accept/", views.accept, name="accept"),
    path("meetings/requests/<int:request_id>/decline/", views.decline, name="decline"),
    path("meetings/requests/<int:request_id>/withdraw/", views.withdraw, name="withdraw"),
    path("meetings/<int:meeting_id>/cancel/", views.cancel, name="cancel"),
    path(
        "meetings/people/<int:participant_id>/allow/",
        views.allow_requests,
        name="allow-requests",
    ),
    path("marketplace/", views.marketplace_page, name="marketplace"),
    path("notifications/", views.notifications_page, name="notifications"),
    path("notifications/read/", views.mark_notifications_read, name="notifications-read"),
    path("manage/matchmaking/", views.organiser_page, name="organiser"),
    path("manage/matchmaking/rules/", views.organiser_rules, name="organiser-rules"),
    path("manage/matchmaking/schedule/", schedule_views.schedule_run, name="organiser-schedule"),
    path("manage/matchmaking/runs/", views.organiser_runs, name="organiser-runs"),
    path("agenda/availability/", schedule_views.availability, name="availability"),
    path("manage/schedule/", schedule_views.review_page, name="review"),
    path("manage/schedule/publish/", schedule_views.publish, name="publish"),
    path("manage/schedule/meetings/<int:meeting_id>/move/", schedule_views.move, name="move"),
    path("manage/schedule/meetings/<int:meeting_id>/lock/", schedule_views.lock, name="lock"),
    path("manage/schedule/tables/", schedule_views.tables_page, name="tables"),
    path("manage/schedule/plan/", schedule_views.table_plan_page, name="table-plan"),
    path("manage/schedule/meetings/<int:meeting_id>/drop/", schedule_views.drop, name="drop"),
    path("manage/matchmaking/sessions/", schedule_views.sessions_page, name="sessions"),
    path(
        "manage/matchmaking/sessions/<int:session_id>/remove/",
        schedule_views.remove_session,
        name="remove-session",
    ),
    path("manage/matchmaking/tables/", schedule_views.add_tables, name="add-tables"),
    path("manage/matchmaking/stands/", schedule_views.add_stand, name="add-stand"),
    path("manage/matchmaking/stands/hosts/", schedule_views.stand_hosts, name="stand-hosts"),
    path(
        "manage/matchmaking/stands/<int:table_id>/remove/",
        schedule_views.remove_stand,
        name="remove-stand",
    ),
]
