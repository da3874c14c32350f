import pytest

from tests.agenda.helpers import MadeUpKind, registered
from tests.factories import ParticipantFactory
from tests.matchmaking.helpers import event_with_day_1


@pytest.fixture
def fair(db):
    """An event in Prague time with one session of four slots from 14:00, and three people."""
    event, session = event_with_day_1()
    anna, ben, cyril = (ParticipantFactory(event=event) for _ in range(3))
    return event, session, anna, ben, cyril


@pytest.fixture
def tours():
    """A second kind of entry, made up for the test."""
    kind = MadeUpKind("tour", "Tour")
    with registered(kind):
        yield kind
