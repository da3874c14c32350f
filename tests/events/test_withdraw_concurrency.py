"""A withdrawal by the e-mail's link racing a meeting request to the same person, or their
check-in, on PostgreSQL: real requests in threads, each on its own connection. Either the
withdrawal is refused (the person takes part now) or the other action is refused cleanly;
never a request or a check-in for a registration that is gone, never a server error."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from modus.events import services as event_services
from modus.events.models import CheckIn, Participant, WithdrawnRegistration
from modus.events.registration_notices import withdraw_token
from modus.matchmaking.models import MeetingRequest
from modus.matchmaking.services import requests as request_services
from tests.factories import EventFactory, ParticipantFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def meeting_request(event, leaving):
    """A participant's POST asking `leaving` for a meeting."""
    client = signed_in(ParticipantFactory(event=event).person.user)
    url = reverse("matchmaking:participant", args=[event.slug, leaving.pk])
    return lambda: client.post(url, {"message": "Shall we meet?"})


def check_in(event, leaving):
    """A desk's POST checking `leaving` in."""
    client = signed_in(ParticipantFactory(event=event, role="organiser").person.user)
    url = reverse("events:check-in", args=[event.slug])
    return lambda: client.post(url, {"participant": str(leaving.pk)})


def withdrawal(leaving):
    url = reverse("events:withdraw", args=[withdraw_token(leaving)])
    return lambda: Client().post(url)


def run_together(*actions) -> list[int]:
    """Each action in its own thread at once; their status codes, in the order given."""
    barrier = threading.Barrier(len(actions))

    def run(action) -> int:
        barrier.wait()
        try:
            return action().status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(len(actions)) as pool:
        return list(pool.map(run, actions))


def other_action_left(leaving) -> bool:
    return (
        MeetingRequest.objects.filter(recipient=leaving).exists()
        or CheckIn.objects.filter(participant=leaving).exists()
    )


OTHERS = {"meeting request": (meeting_request, 302), "check-in": (check_in, 200)}


@pytest.mark.parametrize("other", OTHERS)
def test_a_withdrawal_racing_another_action_ends_in_one_of_two_consistent_states(other):
    make, done = OTHERS[other]
    for _round in range(4):
        event = EventFactory()
        leaving = ParticipantFactory(event=event)
        action = make(event, leaving)
        connection.close()
        withdrawn, answered = run_together(withdrawal(leaving), action)
        registered = Participant.objects.filter(pk=leaving.pk).exists()
        if registered:
            # The other came first: the person takes part, the withdrawal is refused.
            assert (withdrawn, answered) == (422, done)
            assert other_action_left(leaving)
            assert not WithdrawnRegistration.objects.filter(event=event).exists()
        else:
            assert withdrawn == 200
            assert answered in (200, 302, 404, 422)  # refused, or the person not found
            assert not other_action_left(leaving)
            assert WithdrawnRegistration.objects.filter(event=event).count() == 1


def paused_withdrawal(monkeypatch, module, lock_name: str):
    """Make the withdrawal hold the person's row until the other action reaches its own
    lock of that row: the other has found the person registered, and must now wait for
    the withdrawal and be refused when it ends, not write for a row that is gone."""
    locked, other_at_lock = threading.Event(), threading.Event()
    tell = event_services.tell_organisers_of_withdrawal

    def tell_then_wait(participant):
        tell(participant)
        locked.set()
        assert other_at_lock.wait(30)

    lock = getattr(module, lock_name)

    def signal_then_lock(*participants):
        other_at_lock.set()
        return lock(*participants)

    monkeypatch.setattr(event_services, "tell_organisers_of_withdrawal", tell_then_wait)
    monkeypatch.setattr(module, lock_name, signal_then_lock)
    return locked


@pytest.mark.parametrize(
    ("other", "module", "status"),
    [("meeting request", request_services, 200), ("check-in", event_services, 422)],
)
def test_an_action_waiting_for_a_withdrawal_in_progress_is_refused_cleanly(
    monkeypatch, other, module, status
):
    event = EventFactory()
    leaving = ParticipantFactory(event=event, person__first_name="Nora", person__last_name="N")
    action = OTHERS[other][0](event, leaving)
    locked = paused_withdrawal(monkeypatch, module, "lock_registered")
    connection.close()

    def after_the_lock():
        assert locked.wait(30)
        return action()

    withdrawn, answered = run_together(withdrawal(leaving), after_the_lock)
    assert (withdrawn, answered) == (200, status)
    assert not Participant.objects.filter(pk=leaving.pk).exists()
    assert not other_action_left(leaving)
    assert WithdrawnRegistration.objects.filter(event=event).count() == 1
