"""The organiser's set-up: sessions and their removal."""

import pytest
from django.core.exceptions import ValidationError

from modus.matchmaking.models import MatchmakingSession, Meeting, MeetingSeat
from modus.matchmaking.services import requests, setup
from tests.matchmaking.conftest import slots_of
from tests.matchmaking.helpers import meet

pytestmark = pytest.mark.django_db


def test_a_session_whose_meetings_were_cancelled_can_be_removed(fair):
    event, session, anna, ben, cyril = fair
    first = slots_of(session)[0]
    cancelled = meet(anna, ben, first)
    requests.cancel_meeting(meeting=cancelled, by=anna)
    setup.remove_session(by=None, session=session)
    assert MatchmakingSession.objects.filter(event=event).count() == 0
    cancelled.refresh_from_db()
    assert (cancelled.status, cancelled.slot_id, cancelled.table_id) == ("cancelled", None, None)
    assert list(MeetingSeat.objects.filter(meeting=cancelled).values_list("slot", flat=True)) == [
        None,
        None,
    ]


def test_a_session_with_a_booked_meeting_stays_whole(fair):
    event, session, anna, ben, cyril = fair
    first, second = slots_of(session)[:2]
    cancelled = meet(anna, ben, first)
    requests.cancel_meeting(meeting=cancelled, by=anna)
    booked = meet(anna, cyril, second)
    with pytest.raises(ValidationError) as refused:
        setup.remove_session(by=None, session=session)
    assert refused.value.messages == [
        "Meetings are booked in this session; move or cancel them first."
    ]
    assert MatchmakingSession.objects.filter(event=event).count() == 1
    assert dict(Meeting.objects.values_list("pk", "slot")) == {
        cancelled.pk: first.pk,
        booked.pk: second.pk,
    }
