"""Set-up shared by the matchmaking tests and the browser tests."""

from datetime import UTC, datetime

from modus.events.models import Event, Participant
from modus.matchmaking.models import MatchmakingSession, Meeting, Slot
from modus.matchmaking.services import requests, setup
from tests.factories import EventFactory

# 14:00 in Prague, summer time.
DAY_1_STARTS = datetime(2022, 9, 26, 12, 0, tzinfo=UTC)


def event_with_day_1(**fields) -> tuple[Event, MatchmakingSession]:
    """An event in Prague time with one session, Day 1, of four 20-minute slots from 14:00
    on Monday 26 September 2022, and two pool tables, T1 and T2."""
    event = EventFactory(time_zone="Europe/Prague", **fields)
    session = setup.add_session(
        by=None, event=event, name="Day 1", starts_at=DAY_1_STARTS, slot_count=4
    )
    setup.add_tables(by=None, event=event, count=2)
    return event, session


def meet(first: Participant, second: Participant, slot: Slot | None = None) -> Meeting:
    """First asks second, who accepts, in the given slot if any."""
    request = requests.send_request(by=first, recipient=second)
    return requests.accept_request(request=request, by=second, slot=slot)
