"""Where a meeting sits: the one rule every booking follows, as the solver's table assignment.

A meeting with an exhibitor who holds a stand sits at that stand; when two stand holders
meet, at the stand of the one with the lower key. Any other meeting takes a free table of
the shared pool, and a stand only when the pool is full in that slot and nobody meets at
the stand then (its holder is free, or away at another holder's stand), as
`scheduling.board.assign_tables` does.
"""

from collections.abc import Iterable

from modus.matchmaking.models import Meeting, Slot, Table
from modus.matchmaking.services.busy import overlapping_slots


def meeting_stand(people: Iterable[int], stand_of_host: dict[int, Table]) -> Table | None:
    """The stand a meeting of these participants (by key) belongs at, or None."""
    hosts = sorted(person for person in people if person in stand_of_host)
    return stand_of_host[hosts[0]] if hosts else None


def pick_table(tables: list[Table], taken: set[int], stand: Table | None) -> Table | None:
    """A table for one meeting among the event's `tables`, given the keys `taken` in its slot."""
    if stand is not None:
        return None if stand.pk in taken else stand
    free = [table for table in tables if table.pk not in taken]
    pool = [table for table in free if not table.is_stand]
    return (pool or free or [None])[0]


def stands_by_host(tables: Iterable[Table]) -> dict[int, Table]:
    return {table.host_id: table for table in tables if table.is_stand}


def taken_tables(slot: Slot, *, besides: Meeting | None = None) -> set[int]:
    """Keys of the tables with a confirmed meeting at `slot`'s time (in it or in a slot of
    a parallel session that overlaps it), not counting `besides`."""
    meetings = Meeting.objects.filter(
        slot__in=overlapping_slots(slot), status=Meeting.Status.CONFIRMED, table__isnull=False
    )
    if besides is not None:
        meetings = meetings.exclude(pk=besides.pk)
    return set(meetings.values_list("table_id", flat=True))


def table_for(slot: Slot, people: Iterable[int], *, besides: Meeting | None = None) -> Table | None:
    """The table a meeting of `people` would get in `slot` now, or None when none is free.

    The caller holds the row locks of the slots overlapping it, so the answer stays true
    until it books.
    """
    tables = list(Table.objects.filter(event_id=slot.session.event_id).order_by("pk"))
    stand = meeting_stand(people, stands_by_host(tables))
    return pick_table(tables, taken_tables(slot, besides=besides), stand)


def stand_for(people: Iterable[int]) -> Table | None:
    """The stand a meeting of `people` (by key) belongs at, or None."""
    people = list(people)
    return meeting_stand(people, stands_by_host(Table.objects.filter(host__in=people)))
