"""The organiser's table plan: for each session a grid of tables (and stands) by slots.

Once people check in at the venue, each person in a meeting is marked as there or not yet,
and each slot counts its meetings whose people are all there: on the day, the desk sees
which meetings will happen and whom to call.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects

from modus.events.models import CheckIn, Event
from modus.matchmaking.models import MatchmakingSession, Meeting, MeetingSeat, Slot, Table

# In the order the seats were made (who asked, then who was asked), the same in every cell.
SEATS = Prefetch(
    "seats",
    queryset=MeetingSeat.objects.select_related(
        "participant__person__organisation", "participant__check_in"
    ).order_by("pk"),
)


@dataclass
class Cell:
    slot: Slot
    table: Table
    meeting: Meeting | None


@dataclass
class Row:
    table: Table
    cells: list[Cell]


@dataclass
class Column:
    slot: Slot
    meetings: int
    all_here: int  # meetings whose people have all checked in


@dataclass
class SessionPlan:
    session: MatchmakingSession
    slots: list[Slot]
    rows: list[Row]
    columns: list[Column]


# Waiting meetings the plan shows to drag: before the scheduler runs every accepted meeting
# waits, tens of thousands at a big event; the review page lists them all, a page at a time.
WAITING_SHOWN = 50


@dataclass
class TablePlan:
    sessions: list[SessionPlan]
    waiting: list[Meeting]  # the first WAITING_SHOWN accepted meetings with no slot yet
    waiting_total: int
    arrivals: bool  # someone has checked in at the event: people are marked there or not


def table_plan(event: Event) -> TablePlan:
    """Every session's grid and the meetings still waiting, in a fixed number of queries."""
    sessions = list(event.matchmaking_sessions.prefetch_related("slots"))
    tables = list(Table.objects.filter(event=event).order_by("pk"))
    confirmed = Meeting.objects.filter(event=event, status=Meeting.Status.CONFIRMED)
    # Placed meetings are bounded by the grid (tables by slots); waiting ones are not.
    on_grid = list(confirmed.filter(slot__isnull=False, table__isnull=False))
    waiting = confirmed.filter(slot__isnull=True).order_by("pk")
    shown = list(waiting[:WAITING_SHOWN])
    prefetch_related_objects(on_grid + shown, SEATS)
    for meeting in on_grid + shown:
        for seat in meeting.seats.all():
            # Loaded with the seat: no query, whether or not the person checked in.
            seat.here = hasattr(seat.participant, "check_in")
    placed = {(m.slot_id, m.table_id): m for m in on_grid}
    return TablePlan(
        sessions=[session_plan(session, tables, placed) for session in sessions],
        waiting=shown,
        waiting_total=len(shown) if len(shown) < WAITING_SHOWN else waiting.count(),
        arrivals=CheckIn.objects.filter(participant__event=event).exists(),
    )


def session_plan(
    session: MatchmakingSession, tables: list[Table], placed: dict[tuple[int, int], Meeting]
) -> SessionPlan:
    slots = sorted(session.slots.all(), key=lambda slot: slot.position)
    rows = [
        Row(table, [Cell(slot, table, placed.get((slot.pk, table.pk))) for slot in slots])
        for table in tables
    ]
    columns = []
    for index, slot in enumerate(slots):
        meetings = [row.cells[index].meeting for row in rows if row.cells[index].meeting]
        here = sum(all(seat.here for seat in meeting.seats.all()) for meeting in meetings)
        columns.append(Column(slot, len(meetings), here))
    return SessionPlan(session=session, slots=slots, rows=rows, columns=columns)
