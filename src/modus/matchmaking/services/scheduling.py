"""Running the meeting scheduler for an event: load the accepted meetings, ask the pure
solver, and book the result in one transaction.

Meetings that already have a slot (participants chose it, or an earlier run placed it)
stay where they are: the solver sees them pinned. When the organiser allows moves, only
locked meetings are pinned; the others may move, and the solver moves as few as it can.
"""

from collections import Counter, defaultdict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from modus import tasks
from modus.common import audit
from modus.common.permissions import require
from modus.events.models import Event
from modus.matchmaking.models import (
    MatchmakingSettings,
    Meeting,
    MeetingSeat,
    ScheduleRun,
    Slot,
    Table,
    Unavailability,
)
from modus.matchmaking.scheduling import instance as core
from modus.matchmaking.scheduling.solver import solve
from modus.matchmaking.services.busy import event_clashes, taken_elsewhere
from modus.matchmaking.services.locks import lock_people, lock_slots
from modus.matchmaking.services.publishing import tell_about_move
from modus.matchmaking.services.setup import settings_for
from modus.matchmaking.services.tables import meeting_stand, pick_table, stands_by_host

PINNED_WEIGHT = 1_000_000.0


def build_instance(
    event: Event, *, allow_moves: bool = False
) -> tuple[core.Instance, dict[str, Meeting]]:
    """The event's confirmed meetings as a solver instance (ids are database keys as text)."""
    # Session by session: parallel sessions interleave in time, and the format wants each
    # session's slots together; their overlaps are the slots' clashes.
    slots, at_that_time = event_clashes(event)
    slots_of_session = defaultdict(list)
    for slot in slots:
        slots_of_session[slot.session_id].append(str(slot.pk))
    meetings = list(
        Meeting.objects.filter(event=event, status=Meeting.Status.CONFIRMED)
        .select_related("request")
        .prefetch_related("seats", "request__sessions")
        .order_by("pk")
    )
    people = sorted({seat.participant_id for m in meetings for seat in m.seats.all()})
    away = defaultdict(set)
    unavailable = Unavailability.objects.filter(participant__event=event)
    for person, slot in unavailable.values_list("participant_id", "slot_id"):
        away[person].update(str(other) for other in at_that_time[slot])
    stands = dict(event.tables.filter(host__isnull=False).values_list("host_id", "pk"))
    for person, slot in lent_stand_slots(stands, meetings):
        away[person].update(str(other) for other in at_that_time[int(slot)])
    # Sessions, tours and the like they attend: every kind's busy time, asked for all at once.
    for person, taken in taken_elsewhere(people, slots).items():
        away[person].update(str(slot) for slot in taken)
    # A meeting pinned where it is booked stays there, whatever was booked over it since
    # (data from before a clash was refused, an import): its slot is its people's, or the
    # solver would count it unplaceable and promise fewer meetings than stay booked.
    for meeting in meetings:
        if meeting.slot_id and (meeting.locked or not allow_moves):
            for seat in meeting.seats.all():
                away[seat.participant_id].discard(str(meeting.slot_id))
    booth_of = booths(stands, meetings)
    limits = settings_for(event)
    instance = core.Instance(
        name=event.slug,
        slots=tuple(
            core.Slot(
                id=str(s.pk),
                session=str(s.session_id),
                clashes=frozenset(str(other) for other in at_that_time[s.pk] - {s.pk}),
            )
            for s in slots
        ),
        tables=tuple(str(pk) for pk in event.tables.order_by("pk").values_list("pk", flat=True)),
        participants=tuple(
            core.Participant(
                id=str(pk),
                available=frozenset(str(s.pk) for s in slots if str(s.pk) not in away[pk])
                if away[pk]
                else None,
                max_per_session=limits.max_meetings_per_session,
                min_per_session=limits.min_meetings_per_session,
                booth=booth_of.get(pk),
            )
            for pk in people
        ),
        meetings=tuple(solver_meeting(m, slots_of_session, allow_moves) for m in meetings),
    )
    return instance, {str(m.pk): m for m in meetings}


def booths(stands: dict[int, int], meetings: list[Meeting]) -> dict[int, str]:
    """Each stand holder's stand as their booth, for the solver (host key -> table id).

    The format lets no two booth holders share a meeting. Theirs sits at the lower key's
    stand, so the other goes without a booth: the solver then treats their meetings as
    ordinary ones, and booking still seats them at their own stand, which nobody else takes
    while they are free (`lent_stand_slots`, and holders' meetings are booked first).
    """
    guests = set()
    for meeting in meetings:
        hosts = sorted(s.participant_id for s in meeting.seats.all() if s.participant_id in stands)
        guests.update(hosts[1:])
    return {host: str(stand) for host, stand in stands.items() if host not in guests}


def lent_stand_slots(stands: dict[int, int], meetings: list[Meeting]) -> set[tuple[int, str]]:
    """(holder, slot) where the holder is free but their stand seats someone else's meeting:
    the holder cannot meet then, since their meetings sit at their stand."""
    host_of = {stand: host for host, stand in stands.items()}
    placed = [m for m in meetings if m.slot_id]
    busy = {(seat.participant_id, m.slot_id) for m in placed for seat in m.seats.all()}
    return {
        (host_of[m.table_id], str(m.slot_id))
        for m in placed
        if m.table_id in host_of and (host_of[m.table_id], m.slot_id) not in busy
    }


def stand_of(meeting: Meeting, stand_of_host: dict[int, Table]) -> Table | None:
    return meeting_stand((seat.participant_id for seat in meeting.seats.all()), stand_of_host)


def solver_meeting(meeting: Meeting, slots_of_session: dict, allow_moves: bool) -> core.Meeting:
    """A meeting for the solver: pinned where it is booked, else limited to the named sessions."""
    pinned = bool(meeting.slot_id) and (meeting.locked or not allow_moves)
    named = meeting.request.sessions.all() if meeting.request else []
    allowed = frozenset(slot for session in named for slot in slots_of_session[session.pk])
    return core.Meeting(
        id=str(meeting.pk),
        participants=tuple(str(seat.participant_id) for seat in meeting.seats.all()),
        # A booked meeting outweighs any trade: the solver never drops it to place others.
        weight=PINNED_WEIGHT if pinned else meeting.weight,
        slot=str(meeting.slot_id) if pinned else None,
        allowed=allowed if allowed and not pinned else None,
    )


class RunAbandoned(Exception):
    """The run was marked failed while it solved (no sign of life for too long): its
    result is stale and is not written."""


@transaction.atomic
def request_run(
    *, by, event: Event, time_limit: int = 30, allow_moves: bool = False
) -> ScheduleRun:
    """Queue a scheduler run; refused while another run of the event is queued or running."""
    require(by, "events.manage_event", event)
    fail_stale_runs(event=event)
    try:
        with transaction.atomic():
            run = ScheduleRun.objects.create(
                event=event, time_limit=time_limit, allow_moves=allow_moves
            )
    except IntegrityError as error:  # the database allows one active run per event
        raise ValidationError(
            _("The scheduler is already running for this event; wait for its result.")
        ) from error
    audit.record(by=by, action="schedule.requested", obj=run)
    tasks.enqueue(run_scheduler, run.pk)
    return run


INTERRUPTED = gettext_noop("Interrupted: no sign of life for too long (was the server restarted?)")


def fail_stale_runs(*, event: Event | None = None, now=None, every: bool = False) -> int:
    """Mark failed the queued or running runs that showed no sign of life for longer than
    their time limit and `SCHEDULER_STALE_MARGIN` seconds: a restart cut them off. With
    `every`, all queued and running runs: for the start of the only process that runs them."""
    now = now or timezone.now()
    runs = ScheduleRun.objects.filter(status__in=ScheduleRun.ACTIVE)
    if event is not None:
        runs = runs.filter(event=event)
    runs = list(runs.only("pk", "status", "created_at", "heartbeat_at", "time_limit"))
    seen = tasks.long_queue_seen() if runs and not every else None
    failed = 0
    for run in runs:
        if not (every or run.looks_stale(seen, now)):
            continue
        # A run that finished meanwhile (its write held the row) keeps its result.
        if ScheduleRun.objects.filter(pk=run.pk, status__in=ScheduleRun.ACTIVE).update(
            status=ScheduleRun.Status.FAILED, error=INTERRUPTED, finished_at=now
        ):
            audit.record(by=None, action="schedule.interrupted", obj=run)
            failed += 1
    return failed


@tasks.task
def sweep_stale_runs() -> None:
    fail_stale_runs()


def recent_runs(event: Event, count: int = 5) -> list[ScheduleRun]:
    """The event's latest runs, each with `stale`: queued or running, but cut off."""
    runs = list(event.schedule_runs.all()[:count])
    active = [run for run in runs if run.status in ScheduleRun.ACTIVE]
    seen = tasks.long_queue_seen() if active else None
    for run in runs:
        run.stale = run in active and run.looks_stale(seen)
    return runs


@tasks.task(queue=tasks.LONG)
def run_scheduler(run_id: int) -> None:
    # Claimed once: a run marked failed while it waited in the queue does not start.
    claimed = ScheduleRun.objects.filter(pk=run_id, status=ScheduleRun.Status.QUEUED).update(
        status=ScheduleRun.Status.RUNNING, heartbeat_at=timezone.now()
    )
    if not claimed:
        return
    run = ScheduleRun.objects.select_related("event").get(pk=run_id)
    try:
        schedule(run)
    except RunAbandoned:
        return
    except Exception as error:
        now = timezone.now()
        ScheduleRun.objects.filter(pk=run.pk, status=ScheduleRun.Status.RUNNING).update(
            status=ScheduleRun.Status.FAILED,
            error=str(error)[:300],
            finished_at=now,
            heartbeat_at=now,
        )
        raise


def schedule(run: ScheduleRun) -> ScheduleRun:
    instance, meetings = build_instance(run.event, allow_moves=run.allow_moves)
    snapshot = {key: state_of(m) for key, m in meetings.items()}
    previous = {key: str(m.slot_id) for key, m in meetings.items() if m.slot_id}
    solution = solve(
        instance, float(run.time_limit), previous=previous, progress=progress_writer(run)
    )
    slot_of = {a.meeting: int(a.slot) for a in solution.assignments}
    with transaction.atomic():
        if not ScheduleRun.objects.select_for_update().filter(
            pk=run.pk, status=ScheduleRun.Status.RUNNING
        ):
            raise RunAbandoned(run.pk)
        # The shared lock order (people, meetings, slots), then what changed since the snapshot:
        # meetings moved, locked or cancelled meanwhile stay as the organiser left them.
        lock_people_of(list(meetings.values()))
        now = lock_meetings([m.pk for m in meetings.values()])
        lock_slots(Slot.objects.filter(session__event=run.event).values("pk"))
        untouched = {key: m for key, m in meetings.items() if now.get(m.pk) == snapshot[key]}
        moved = clear_moving(untouched, slot_of) if run.allow_moves else []
        placed_now = book(run.event, untouched, slot_of)
        tell_moved(run.event, moved)
        run.status = ScheduleRun.Status.DONE
        run.progress = 100
        run.finished_at = run.heartbeat_at = timezone.now()
        run.meetings = len(instance.meetings)
        # What is booked now, not what the solver hoped: the database has the last word.
        run.placed = Meeting.objects.filter(
            event=run.event, status=Meeting.Status.CONFIRMED, slot__isnull=False
        ).count()
        run.bound = int(solution.bound.get("placed", run.placed))
        run.gaps = int(solution.objective.get("gaps", 0))
        run.proven_optimal = solution.status == "optimal"
        run.seconds = solution.seconds
        run.save()
        audit.record(
            by=None,
            action="schedule.done",
            obj=run,
            data={"booked": placed_now, "left_as_changed": len(meetings) - len(untouched)},
        )
    return run


def state_of(meeting: Meeting) -> tuple:
    return (meeting.slot_id, meeting.table_id, meeting.locked, meeting.status)


def lock_meetings(ids: list[int]) -> dict[int, tuple]:
    """Lock the meetings' rows by key (after their people) and read them as they are now."""
    # No default ordering: it joins the slot, and PostgreSQL cannot lock an outer join.
    rows = (
        Meeting.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", "slot_id", "table_id", "locked", "status")
    )
    return {pk: tuple(state) for pk, *state in rows}


def progress_writer(run: ScheduleRun):
    """Store the share of the time limit used, in whole percent, when it changes."""
    shown = [run.progress]

    def write(share: float) -> None:
        percent = min(99, int(share * 100))
        if percent > shown[0]:
            shown[0] = percent
            ScheduleRun.objects.filter(pk=run.pk).update(
                progress=percent, heartbeat_at=timezone.now()
            )

    return write


def clear_moving(meetings: dict[str, Meeting], slot_of: dict[str, int]) -> list[Meeting]:
    """Free the old places of unlocked meetings the solver moved, before booking anew: the
    meetings and their seats alike (the caller holds their locks and passes only meetings
    unchanged since the snapshot)."""
    moving = [
        m
        for key, m in meetings.items()
        if m.slot_id and not m.locked and slot_of.get(key) != m.slot_id
    ]
    ids = [m.pk for m in moving]
    Meeting.objects.filter(pk__in=ids).update(slot=None, table=None)
    MeetingSeat.objects.filter(meeting_id__in=ids).update(slot=None)
    for meeting in moving:
        meeting.slot_id = None
    return moving


def tell_moved(event: Event, moved: list[Meeting]) -> None:
    if settings_for(event).schedule_state == MatchmakingSettings.ScheduleState.DRAFT:
        return
    for meeting in Meeting.objects.filter(pk__in=[m.pk for m in moved], slot__isnull=False):
        tell_about_move(
            meeting, list(meeting.seats.select_related("participant__person")), meeting.slot
        )


def lock_people_of(meetings: list[Meeting]) -> None:
    """Lock the meetings' participants, first as every booking path does (`locks`)."""
    lock_people(
        MeetingSeat.objects.filter(meeting__in=[m.pk for m in meetings]).values("participant")
    )


def book(event: Event, meetings: dict[str, Meeting], slot_of: dict[str, int]) -> int:
    """Give waiting meetings their slot and a free table; booked meetings keep theirs."""
    waiting = [m for key, m in meetings.items() if m.slot_id is None and key in slot_of]
    lock_people_of(waiting)
    # No ordering: the default one joins the slot, and PostgreSQL cannot lock an outer join.
    locked = (
        Meeting.objects.select_for_update(of=("self",))
        .order_by()
        .filter(pk__in=[m.pk for m in waiting], slot__isnull=True, status=Meeting.Status.CONFIRMED)
    )
    still_waiting = set(locked.values_list("pk", flat=True))
    lock_slots(Slot.objects.filter(session__event=event).values("pk"))
    slots, at_that_time = event_clashes(event)
    # What they booked elsewhere while the solver ran (their rows are locked now).
    elsewhere = taken_elsewhere(
        {seat.participant_id for meeting in waiting for seat in meeting.seats.all()}, slots
    )
    taken = defaultdict(set)
    confirmed = Meeting.objects.filter(
        event=event, status=Meeting.Status.CONFIRMED, table__isnull=False
    )
    for slot_id, table_id in confirmed.values_list("slot_id", "table_id"):
        taken[slot_id].add(table_id)
    tables = list(event.tables.order_by("pk"))
    stand_of_host = stands_by_host(tables)
    # Stand holders' meetings first, so that no one borrows a stand its holder needs.
    waiting.sort(key=lambda meeting: stand_of(meeting, stand_of_host) is None)
    busy = set(
        MeetingSeat.objects.filter(
            active=True, slot__isnull=False, meeting__event=event
        ).values_list("participant_id", "slot_id")
    )
    session_of = dict(Slot.objects.filter(session__event=event).values_list("pk", "session_id"))
    limit = settings_for(event).max_meetings_per_session
    per_session = Counter((person, session_of[slot]) for person, slot in busy)
    booked = 0
    for meeting in waiting:
        if meeting.pk not in still_waiting:
            continue  # cancelled meanwhile
        slot_id = slot_of[str(meeting.pk)]
        session_id = session_of[slot_id]
        people = [seat.participant_id for seat in meeting.seats.all()]
        # A table and a person are taken at a time: in this slot or an overlapping one.
        parallel = at_that_time[slot_id]
        taken_then = set().union(*(taken[other] for other in parallel))
        table = pick_table(tables, taken_then, stand_of(meeting, stand_of_host))
        # The database refuses double bookings anyway; checking first keeps the rest of the run.
        if (
            table is None
            or any((person, other) in busy for person in people for other in parallel)
            or any(slot_id in elsewhere.get(person, ()) for person in people)
            or any(per_session[person, session_id] >= limit for person in people)
        ):
            continue
        taken[slot_id].add(table.pk)
        busy.update((person, slot_id) for person in people)
        per_session.update((person, session_id) for person in people)
        Meeting.objects.filter(pk=meeting.pk).update(
            slot_id=slot_id, table=table, picked_by_participants=False
        )
        MeetingSeat.objects.filter(meeting=meeting).update(slot_id=slot_id)
        booked += 1
    return booked
