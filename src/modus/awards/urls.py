from django.urls import path

from modus.awards import manage_views, views

app_name = "awards"
urlpatterns = [
    path("awards/", views.vote_page, name="vote"),
    path("awards/<int:award_id>/vote/", views.cast, name="cast"),
    path(
        "awards/<int:award_id>/receipt/<str:phase_kind>/",
        views.receipt_given,
        name="receipt-given",
    ),
    path("awards/<int:award_id>/propose/", views.propose, name="propose"),
    path("awards/receipt/", views.receipt_check, name="receipt"),
    path("awards/results/", views.results, name="results"),
    path("awards/ballots.csv", views.ballots_csv, name="ballots-csv"),
    path("awards/tally.json", views.tally_json, name="tally-json"),
    path("awards/screen/", views.screen, name="screen"),
    path("awards/screen/count/", views.screen_count, name="screen-count"),
    path("manage/awards/", manage_views.manage, name="manage"),
    path("manage/awards/add/", manage_views.add_award, name="add-award"),
    path("manage/awards/<int:award_id>/", manage_views.award_page, name="award"),
    path("manage/awards/<int:award_id>/nominees/", manage_views.add_nominee, name="add-nominee"),
    path("manage/awards/<int:award_id>/paper/", manage_views.paper, name="paper"),
    path("manage/awards/<int:award_id>/publish/", manage_views.publish, name="publish"),
    path("manage/awards/nominees/<int:nominee_id>/", manage_views.decide, name="decide"),
    path("manage/awards/voters/", manage_views.invite, name="voters"),
    path("manage/awards/phases/<str:phase_kind>/", manage_views.configure_phase, name="phase"),
    path("manage/awards/phases/<str:phase_kind>/open/", manage_views.open_phase, name="open"),
    path("manage/awards/phases/<str:phase_kind>/close/", manage_views.close_phase, name="close"),
    path("manage/awards/ceremony/", manage_views.ceremony, name="ceremony"),
]
