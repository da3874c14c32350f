from django.urls import path

from modus.matchmaking import views

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
    path("marketplace/", views.marketplace_page, name="marketplace"),
    path("notifications/", views.notifications_page, name="notifications"),
    path("manage/matchmaking/", views.organiser_page, name="organiser"),
]
