"""The organiser's schedule pages: starting a run, the review page, sessions, the table plan
and a participant's agenda; bad input and other events' ids."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from modus.matchmaking.models import ScheduleRun
from modus.matchmaking.services import requests, scheduling, setup
from tests.factories import ParticipantFactory
from tests.matchmaking.conftest import slots_of
from tests.matchmaking.helpers import meet

pytestmark = pytest.mark.django_db


def url(name, event, *args):
    return reverse(f"matchmaking:{name}", args=[event.slug, *args])


def organiser_of(event):
    return ParticipantFactory(event=event, role="organiser").person.user


def shown(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_second_run_while_one_is_under_way_is_refused_with_a_message(client, fair):
    event = fair[0]
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    scheduling.request_run(by=None, event=event)  # queued, not run: no commit in this test
    client.force_login(organiser_of(event))
    response = client.post(url("organiser-schedule", event), {"time_limit": 30})
    assert response.status_code == 302
    assert shown(response) == [
        "The scheduler is already running for this event; wait for its result."
    ]
    assert ScheduleRun.objects.count() == 1


def test_removing_a_session_with_cancelled_meetings_answers_with_a_message(client, fair):
    event, session, anna, ben, _ = fair
    meeting = meet(anna, ben, slots_of(session)[0])
    requests.cancel_meeting(meeting=meeting, by=anna)
    client.force_login(organiser_of(event))
    response = client.post(url("remove-session", event, session.pk))
    assert response.status_code == 302
    assert shown(response) == ["Session removed."]
    assert event.matchmaking_sessions.count() == 0
