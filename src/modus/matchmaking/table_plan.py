"""The organiser's table plan: for each session a grid of tables (and stands) by slots."""

from dataclasses import dataclass

from django.db.models import Prefetch

from modus.events.models import Event
from modus.matchmaking.models import MatchmakingSession, Meeting, MeetingSeat, Slot, Table

# In the order the seats were made (who asked, then who was asked), the same in every cell.
SEATS = Prefetch(
    "seats",
    queryset=MeetingSeat.objects.select_related("participant__person__organisation").order_by("pk"),
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
class SessionPlan:
    session: MatchmakingSession
    slots: list[Slot]
    rows: list[Row]


@dataclass
class TablePlan:
    sessions: list[SessionPlan]
    waiting: list[Meeting]  # accepted meetings with no slot yet, to be dropped onto a cell


def table_plan(event: Event) -> TablePlan:
    """Every session's grid and the meetings still waiting, in a fixed number of queries."""
    sessions = list(event.matchmaking_sessions.prefetch_related("slots"))
    tables = list(Table.objects.filter(event=event).order_by("pk"))
    meetings = list(
        Meeting.objects.filter(event=event, status=Meeting.Status.CONFIRMED)
        .prefetch_related(SEATS)
        .order_by("pk")
    )
    placed = {(m.slot_id, m.table_id): m for m in meetings if m.slot_id and m.table_id}
    return TablePlan(
        sessions=[session_plan(session, tables, placed) for session in sessions],
        waiting=[m for m in meetings if m.slot_id is None],
    )


def session_plan(
    session: MatchmakingSession, tables: list[Table], placed: dict[tuple[int, int], Meeting]
) -> SessionPlan:
    slots = sorted(session.slots.all(), key=lambda slot: slot.position)
    rows = [
        Row(table, [Cell(slot, table, placed.get((slot.pk, table.pk))) for slot in slots])
        for table in tables
    ]
    return SessionPlan(session=session, slots=slots, rows=rows)
