"""Racing for one stand on PostgreSQL: real threads, real transactions, one meeting."""

import pytest

from modus.matchmaking.models import Meeting
from modus.matchmaking.services import requests, setup
from tests.factories import ParticipantFactory
from tests.matchmaking.test_concurrency import event_with, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def event_with_only_a_stand():
    """One slot, no pool table, and one stand whose holder is free."""
    event, slot = event_with(tables=0, slots=1)
    holder = ParticipantFactory(event=event, role="exhibitor")
    stand = setup.add_stand(by=None, event=event, name="S1", host=holder)
    return event, slot, holder, stand


def test_a_holder_and_a_borrower_race_for_the_stand():
    event, slot, holder, stand = event_with_only_a_stand()
    guest, first, second = (ParticipantFactory(event=event) for _ in range(3))
    asks = [
        (requests.send_request(by=guest, recipient=holder), holder),
        (requests.send_request(by=first, recipient=second), second),
    ]
    outcomes = race(
        [lambda r=r, b=b: requests.accept_request(request=r, by=b, slot=slot) for r, b in asks]
    )
    assert outcomes == ["booked", "refused"]
    (meeting,) = Meeting.objects.filter(slot=slot, status="confirmed")
    assert meeting.table == stand


def test_two_borrowers_race_for_one_free_stand():
    event, slot, holder, stand = event_with_only_a_stand()
    pairs = [(ParticipantFactory(event=event), ParticipantFactory(event=event)) for _ in range(2)]
    asks = [(requests.send_request(by=a, recipient=b), b) for a, b in pairs]
    outcomes = race(
        [lambda r=r, b=b: requests.accept_request(request=r, by=b, slot=slot) for r, b in asks]
    )
    assert outcomes == ["booked", "refused"]
    assert Meeting.objects.filter(slot=slot, table=stand, status="confirmed").count() == 1
