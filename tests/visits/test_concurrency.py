"""Racing bookings on PostgreSQL: real threads, real transactions; places never exceed the
capacity, the waitlist keeps its order, one place per person."""

import pytest

from modus.events import programme
from modus.events.models import Place
from modus.visits import services
from tests.concurrency import race
from tests.factories import ParticipantFactory
from tests.visits.factories import ProgrammeSessionFactory, SiteVisitFactory, at

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
BOOKED, WAITING = Place.Status.BOOKED, Place.Status.WAITING


def counts(bookable) -> tuple[int, int]:
    return (
        bookable.places.filter(status=BOOKED).count(),
        bookable.places.filter(status=WAITING).count(),
    )


def test_fifty_people_booking_the_last_five_places():
    visit = SiteVisitFactory(capacity=8)
    for person in [ParticipantFactory(event=visit.event) for _ in range(3)]:
        services.book(visit=visit, participant=person, by=None)
    crowd = [ParticipantFactory(event=visit.event) for _ in range(50)]
    # All fifty at once, each on its own connection (the server allows 100).
    outcomes = race([lambda p=p: services.book(visit=visit, participant=p, by=None) for p in crowd])
    assert outcomes.count("done") == 50
    assert counts(visit) == (8, 45)
    # The waitlist is in the order the places were taken: keys grow with each booking.
    waiting = list(visit.places.filter(status=WAITING).order_by("created_at", "pk"))
    assert waiting == sorted(waiting, key=lambda place: place.pk)


def test_one_person_booking_many_times_at_once_holds_one_place():
    visit = SiteVisitFactory(capacity=3)
    person = ParticipantFactory(event=visit.event)
    outcomes = race([lambda: services.book(visit=visit, participant=person, by=None)] * 10)
    assert outcomes == ["done"] + ["refused"] * 9
    assert counts(visit) == (1, 0)


def test_cancellations_racing_bookings_and_promotions_keep_the_capacity_and_the_order():
    visit = SiteVisitFactory(capacity=5)
    holders = [ParticipantFactory(event=visit.event) for _ in range(5)]
    waiters = [ParticipantFactory(event=visit.event) for _ in range(15)]
    for person in holders + waiters:
        services.book(visit=visit, participant=person, by=None)
    newcomers = [ParticipantFactory(event=visit.event) for _ in range(10)]
    actions = [lambda p=p: services.cancel(visit=visit, participant=p, by=None) for p in holders]
    # Waiters 10–14 leave the line while places are handed out.
    actions += [
        lambda p=p: services.cancel(visit=visit, participant=p, by=None) for p in waiters[10:]
    ]
    actions += [lambda p=p: services.book(visit=visit, participant=p, by=None) for p in newcomers]
    outcomes = race(actions)
    assert outcomes == ["done"] * 20
    booked = set(visit.places.filter(status=BOOKED).values_list("participant_id", flat=True))
    # The five freed places went to the first five in line, never to a newcomer.
    assert booked == {p.pk for p in waiters[:5]}
    assert counts(visit) == (5, 5 + 10)
    line = list(
        visit.places.filter(status=WAITING).order_by("pk").values_list("participant_id", flat=True)
    )
    assert line[:5] == [p.pk for p in waiters[5:10]]


def test_one_person_booking_two_clashing_things_at_once_gets_one():
    visit = SiteVisitFactory(capacity=10, starts_at=at(14))
    session = ProgrammeSessionFactory(event=visit.event, starts_at=at(15), capacity=10)
    people = [ParticipantFactory(event=visit.event) for _ in range(10)]
    actions = []
    for p in people:
        actions.append(lambda p=p: services.book(visit=visit, participant=p, by=None))
        actions.append(lambda p=p: programme.attend(session=session, participant=p, by=None))
    assert race(actions) == ["done"] * 10 + ["refused"] * 10
    holds = [
        visit.places.filter(participant=p).count() + session.places.filter(participant=p).count()
        for p in people
    ]
    assert holds == [1] * 10
