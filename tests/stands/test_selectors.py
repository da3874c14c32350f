"""Reads for the stand pages: stand numbers in the order people count them."""

import random

import pytest

from modus.stands import selectors
from modus.stands.models import Hall, Stand
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

# In the order people count them: text before the number, then the number, then the rest.
COUNTED = [
    "3",
    "12",
    "A 3",
    "A 10",
    "B2-3",
    "B2-14",
    "B10-1",
    "N1",
    "S1",
    "S01a",
    "S2",
    "S9",
    "S10",
    "S11",
    "S19",
    "S20",
    "S100",
    "S100a",
    "Stage",
]


def stands_numbered(event, numbers, hall: Hall | None = None) -> None:
    shuffled = list(numbers)
    random.Random(7).shuffle(shuffled)
    for number in shuffled:
        Stand.objects.create(event=event, number=number, name=f"Stand {number}", hall=hall)


def test_numbers_are_in_counting_order_not_text_order():
    event = EventFactory()
    stands_numbered(event, COUNTED)
    numbers = [stand.number for stand in selectors.in_number_order(event.stands.all())]
    assert numbers == COUNTED


def test_each_hall_lists_its_stands_in_counting_order(django_assert_num_queries):
    event = EventFactory()
    north = Hall.objects.create(event=event, name="North")
    south = Hall.objects.create(event=event, name="South")
    stands_numbered(event, ["N1", "N2", "N10", "12"], hall=north)
    stands_numbered(event, ["S1", "S2", "S10", "A 3"], hall=south)
    stands_numbered(event, ["X10", "X9"])
    with django_assert_num_queries(2):
        halls = {
            hall.name: [s.number for s in hall.stands.all()]
            for hall in selectors.halls_with_stands(event)
        }
    assert halls == {"North": ["12", "N1", "N2", "N10"], "South": ["A 3", "S1", "S2", "S10"]}
    assert [s.number for s in selectors.unplaced_stands(event)] == ["X9", "X10"]
    assert [s.number for s in selectors.stands_of_hall(south)] == ["A 3", "S1", "S2", "S10"]


def test_search_results_are_in_counting_order():
    event = EventFactory()
    stands_numbered(event, ["S1", "S2", "S10", "N1", "A 3", "12"])
    found = selectors.search_stands(event, user=None)
    assert [stand.number for stand in found] == ["12", "A 3", "N1", "S1", "S2", "S10"]
