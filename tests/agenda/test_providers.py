"""The provider registry: entries of every kind in time order, busy times, clashes."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from modus.agenda import providers
from modus.agenda.providers import busy_for, clashes, entries_for, label, notes_for
from tests.agenda.helpers import MadeUpKind, registered

NINE = datetime(2022, 9, 26, 9, 0, tzinfo=UTC)
ANNA, BEN = SimpleNamespace(pk=-1), SimpleNamespace(pk=-2)


def hours(start: float, end: float) -> tuple[datetime, datetime]:
    return NINE + timedelta(hours=start), NINE + timedelta(hours=end)


@pytest.fixture
def kinds():
    """Two made-up kinds in place of whatever the installed apps register."""
    saved = dict(providers._providers)
    providers._providers.clear()
    tour, talk = MadeUpKind("tour", "Tour"), MadeUpKind("talk")
    with registered(tour, talk):
        yield tour, talk
    providers._providers.update(saved)


def test_entries_of_every_kind_come_in_time_order_for_everyone_asked(kinds):
    tour, talk = kinds
    late = tour.add(ANNA, *hours(3, 5), "Lasers at Meopta")
    early = talk.add(ANNA, *hours(0, 1), "Opening")
    bens = talk.add(BEN, *hours(1, 2), "Panel")
    assert entries_for([ANNA.pk, BEN.pk, -3]) == {ANNA.pk: [early, late], BEN.pk: [bens], -3: []}
    # One call per kind for all the people asked.
    assert tour.asked == talk.asked == [[ANNA.pk, BEN.pk, -3]]


def test_busy_leaves_out_entries_that_do_not_take_time_and_excluded_kinds(kinds):
    tour, talk = kinds
    walk = tour.add(ANNA, *hours(0, 2), "Walk")
    talk.add(ANNA, *hours(0, 1), "Open seating", busy=False)
    assert busy_for([ANNA.pk]) == {ANNA.pk: [walk]}
    assert busy_for([ANNA.pk], exclude=["tour"]) == {ANNA.pk: []}
    assert len(tour.asked) == 1  # an excluded kind is not even asked


def test_clashes_are_overlaps_in_time_and_an_entry_does_not_clash_with_itself(kinds):
    tour, talk = kinds
    walk = tour.add(ANNA, *hours(1, 2), "Walk")
    assert clashes(ANNA.pk, *hours(1.5, 3)) == [walk]
    assert clashes(ANNA.pk, *hours(0, 1.01)) == [walk]
    assert clashes(ANNA.pk, *hours(2, 3)) == []  # touching ends do not clash
    assert clashes(ANNA.pk, *hours(0, 1)) == []
    assert clashes(ANNA.pk, *hours(1, 2), ignore=walk.key) == []
    assert clashes(ANNA.pk, *hours(1, 2), exclude=["tour"]) == []
    assert clashes(BEN.pk, *hours(1, 2)) == []


def test_registering_a_kind_again_replaces_it_and_labels_fall_back_to_the_kind(kinds):
    tour, talk = kinds
    newer = MadeUpKind("tour", "Site visit")
    providers.register(newer)
    assert providers.providers() == [newer, talk]
    assert (label("tour"), label("talk"), label("unknown")) == ("Site visit", "Talk", "Unknown")
    providers.unregister("talk")
    assert providers.providers() == [newer]


def test_notes_come_from_the_kinds_that_have_them(kinds):
    tour, talk = kinds
    assert notes_for(ANNA.pk) == []
    tour.notes = lambda ids: {pk: [f"note for {pk}"] for pk in ids}
    assert notes_for(ANNA.pk) == [f"note for {ANNA.pk}"]
