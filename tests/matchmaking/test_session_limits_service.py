"""The organiser's per-session minimum and maximum reach the scheduler, and its progress is
stored for the runs table."""

from collections import Counter
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from modus.matchmaking.agenda import review
from modus.matchmaking.models import (
    MatchmakingSession,
    MatchmakingSettings,
    Meeting,
    MeetingRequest,
    ScheduleRun,
)
from modus.matchmaking.services import requests, scheduling, setup
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sessions(db):
    """Morning and afternoon of four slots each, four tables, organiser scheduling."""
    event = EventFactory(time_zone="Europe/Prague")
    for name, hour in (("Morning", 8), ("Afternoon", 13)):
        setup.add_session(
            by=None,
            event=event,
            name=name,
            starts_at=datetime(2022, 9, 26, hour, tzinfo=UTC),
            slot_count=4,
        )
    setup.add_tables(by=None, event=event, count=4)
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    return event


def meet_many(event, n: int):
    """One popular person with n accepted meetings."""
    host = ParticipantFactory(event=event)
    for _ in range(n):
        guest = ParticipantFactory(event=event)
        request = requests.send_request(by=guest, recipient=host)
        requests.accept_request(request=request, by=host)
    return host


def run(event, capture) -> ScheduleRun:
    with capture(execute=True):
        scheduled = scheduling.request_run(by=None, event=event, time_limit=2)
    scheduled.refresh_from_db()
    return scheduled


def per_session(host) -> Counter:
    meetings = Meeting.objects.filter(seats__participant=host, slot__isnull=False)
    return Counter(meetings.values_list("slot__session__name", flat=True))


def test_the_maximum_per_session_holds_and_the_rest_goes_elsewhere(
    two_sessions, django_capture_on_commit_callbacks
):
    setup.update_settings(by=None, event=two_sessions, max_meetings_per_session=2)
    host = meet_many(two_sessions, 6)
    instance, _ = scheduling.build_instance(two_sessions)
    assert {p.max_per_session for p in instance.participants} == {2}
    done = run(two_sessions, django_capture_on_commit_callbacks)
    assert (done.placed, done.bound) == (4, 4)
    assert per_session(host) == Counter({"Morning": 2, "Afternoon": 2})


def test_the_minimum_per_session_spreads_a_persons_meetings(
    two_sessions, django_capture_on_commit_callbacks
):
    setup.update_settings(by=None, event=two_sessions, min_meetings_per_session=2)
    host = meet_many(two_sessions, 4)
    done = run(two_sessions, django_capture_on_commit_callbacks)
    assert done.placed == 4
    assert per_session(host) == Counter({"Morning": 2, "Afternoon": 2})


def test_a_finished_run_shows_full_progress(two_sessions, django_capture_on_commit_callbacks):
    meet_many(two_sessions, 3)
    assert run(two_sessions, django_capture_on_commit_callbacks).progress == 100


def test_progress_is_written_as_whole_percent_and_never_goes_back(two_sessions):
    scheduled = ScheduleRun.objects.create(event=two_sessions)
    write = scheduling.progress_writer(scheduled)
    for share in (0.1, 0.05, 0.427, 1.0):
        write(share)
    scheduled.refresh_from_db()
    # 99 at most: 100 means the schedule is booked, which the run says itself.
    assert scheduled.progress == 99


def test_a_minimum_above_the_maximum_is_refused_and_nothing_changes(two_sessions):
    with pytest.raises(ValidationError) as error:
        setup.update_settings(
            by=None, event=two_sessions, max_meetings_per_session=2, min_meetings_per_session=3
        )
    assert "cannot be above the maximum" in str(error.value)
    stored = MatchmakingSettings.objects.get(event=two_sessions)
    assert (stored.max_meetings_per_session, stored.min_meetings_per_session) == (8, 0)


def test_the_review_lists_who_stays_below_the_minimum(
    client, two_sessions, django_capture_on_commit_callbacks
):
    setup.update_settings(by=None, event=two_sessions, min_meetings_per_session=2)
    host = meet_many(two_sessions, 4)
    # Every meeting of the host is for the morning only: the afternoon stays empty.
    morning = MatchmakingSession.objects.get(event=two_sessions, name="Morning")
    for request in MeetingRequest.objects.filter(recipient=host):
        request.sessions.set([morning])
    run(two_sessions, django_capture_on_commit_callbacks)
    report = review(two_sessions)
    assert report.minimum == 2
    # Guests have one meeting each: not enough for two sessions, so they are not listed.
    assert [(p, s.name, placed, accepted) for p, s, placed, accepted in report.below_minimum] == [
        (host, "Afternoon", 0, 4)
    ]
    organiser = ParticipantFactory(event=two_sessions, role="organiser")
    client.force_login(organiser.person.user)
    page = client.get(reverse("matchmaking:review", args=[two_sessions.slug])).content.decode()
    assert "Below the minimum of 2 meetings in a session" in page
    assert f"{host.person.full_name}: 0 in Afternoon (4 accepted in all)" in page
