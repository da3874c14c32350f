from datetime import UTC, datetime

import pytest

from modus.matchmaking.services import setup
from tests.factories import EventFactory, ParticipantFactory


@pytest.fixture
def fair(db):
    """An event with one session of four slots, two tables and three delegates."""
    event = EventFactory(time_zone="Europe/Prague")
    session = setup.add_session(
        by=None,
        event=event,
        name="Day 1",
        starts_at=datetime(2022, 9, 26, 12, 0, tzinfo=UTC),
        slot_count=4,
    )
    setup.add_tables(by=None, event=event, count=2)
    anna, ben, cyril = (ParticipantFactory(event=event) for _ in range(3))
    return event, session, anna, ben, cyril


def slots_of(session):
    return list(session.slots.order_by("position"))
