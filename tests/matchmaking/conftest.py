import pytest

from tests.factories import ParticipantFactory
from tests.matchmaking.helpers import event_with_day_1


@pytest.fixture
def fair(db):
    """An event with one session of four slots, two tables and three delegates."""
    event, session = event_with_day_1()
    anna, ben, cyril = (ParticipantFactory(event=event) for _ in range(3))
    return event, session, anna, ben, cyril


def slots_of(session):
    return list(session.slots.order_by("position"))
