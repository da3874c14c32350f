from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from modus import tasks
from modus.events.models import BadgePrint
from modus.matchmaking.models import Meeting, Notification, ScheduleRun
from modus.matchmaking.scheduling.feasibility import check
from modus.matchmaking.scheduling.instance import Assignment, Solution
from modus.matchmaking.scheduling.solver import solve
from modus.matchmaking.services import publishing, requests, scheduling, setup
from tests.factories import EventFactory, ParticipantFactory
from tests.matchmaking.conftest import slots_of

pytestmark = pytest.mark.django_db
START = datetime(2022, 9, 26, 12, tzinfo=UTC)


@pytest.fixture
def waiting(fair):
    """Organiser scheduling: six accepted meetings wait for a slot; one was booked by hand."""
    event, session, anna, ben, cyril = fair
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    people = [anna, ben, cyril] + [ParticipantFactory(event=event) for _ in range(2)]
    for index, first in enumerate(people):
        for second in people[index + 1 : index + 3]:
            request = requests.send_request(by=first, recipient=second)
            requests.accept_request(request=request, by=second)
    booked = Meeting.objects.order_by("pk").first()
    slot = slots_of(session)[0]
    Meeting.objects.filter(pk=booked.pk).update(slot=slot, table=event.tables.first())
    booked.seats.update(slot=slot)
    booked.refresh_from_db()
    return event, booked


def test_the_instance_pins_booked_meetings(waiting):
    event, booked = waiting
    instance, meetings = scheduling.build_instance(event)
    assert len(instance.meetings) == Meeting.objects.count() == 7
    pinned = {m.id: m.slot for m in instance.meetings if m.slot}
    assert pinned == {str(booked.pk): str(booked.slot_id)}
    assert len(instance.slots) == 4
    assert len(instance.tables) == 2


def test_a_run_books_waiting_meetings_without_conflicts(
    waiting, django_capture_on_commit_callbacks
):
    event, booked = waiting
    original_slot = booked.slot_id
    with django_capture_on_commit_callbacks(execute=True):
        run = scheduling.request_run(by=None, event=event, time_limit=2)
    run.refresh_from_db()
    assert run.status == "done"
    assert (run.meetings, run.bound) == (7, 7)
    assert run.placed == Meeting.objects.filter(slot__isnull=False).count() == 7
    booked.refresh_from_db()
    assert booked.slot_id == original_slot
    instance, _ = scheduling.build_instance(event)
    solution = [(m.id, m.slot) for m in instance.meetings]
    assert all(slot is not None for _, slot in solution)
    assert check_booked(event) == []


def check_booked(event) -> list[str]:
    """The stored schedule re-checked by the solver's independent checker."""
    instance, meetings = scheduling.build_instance(event)
    assignments = [
        Assignment(meeting=str(m.pk), slot=str(m.slot_id), table=str(m.table_id))
        for m in meetings.values()
    ]
    solution = Solution(
        assignments=assignments,
        unscheduled=[],
        objective={},
        bound={},
        status="feasible",
        seconds=0,
    )
    free = type(instance)(
        name=instance.name,
        slots=instance.slots,
        tables=instance.tables,
        participants=instance.participants,
        meetings=tuple(
            type(m)(id=m.id, participants=m.participants, weight=m.weight)
            for m in instance.meetings
        ),
    )
    return check(free, solution)


def test_only_organisers_run_the_scheduler(waiting):
    event, _ = waiting
    delegate = ParticipantFactory(event=event)
    with pytest.raises(PermissionDenied):
        scheduling.request_run(by=delegate.person.user, event=event)
    assert ScheduleRun.objects.count() == 0


def test_rerun_keeps_booked_meetings_unless_moves_are_allowed(
    waiting, django_capture_on_commit_callbacks
):
    event, booked = waiting
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.request_run(by=None, event=event, time_limit=2)
    placed = dict(Meeting.objects.values_list("pk", "slot_id"))
    lock = Meeting.objects.exclude(pk=booked.pk).order_by("pk").first()
    Meeting.objects.filter(pk=lock.pk).update(locked=True)
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.request_run(by=None, event=event, time_limit=2)
    assert dict(Meeting.objects.values_list("pk", "slot_id")) == placed
    with django_capture_on_commit_callbacks(execute=True):
        run = scheduling.request_run(by=None, event=event, time_limit=2, allow_moves=True)
    run.refresh_from_db()
    assert (run.status, run.placed) == ("done", 7)
    assert Meeting.objects.get(pk=lock.pk).slot_id == placed[lock.pk]
    assert Meeting.objects.filter(slot__isnull=True).count() == 0
    assert check_booked(event) == []


def test_an_allowed_move_places_more_and_tells_the_people(django_capture_on_commit_callbacks):
    """a–b sits in slot 1 and c–d in slot 2: a–c and b–d fit only if c–d moves to slot 1."""
    event = EventFactory()
    setup.update_settings(by=None, event=event, scheduling_mode="organiser", schedule_state="final")
    session = setup.add_session(by=None, event=event, name="S", starts_at=START, slot_count=2)
    setup.add_tables(by=None, event=event, count=2)
    a, b, c, d = (ParticipantFactory(event=event) for _ in range(4))

    def meet(first, second):
        request = requests.send_request(by=first, recipient=second)
        return requests.accept_request(request=request, by=second)

    first_slot, second_slot = slots_of(session)
    ab, cd = meet(a, b), meet(c, d)
    publishing.move_meeting(by=None, meeting=ab, slot=first_slot)
    publishing.move_meeting(by=None, meeting=cd, slot=second_slot)
    meet(a, c), meet(b, d)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        kept = scheduling.request_run(by=None, event=event, time_limit=2)
    kept.refresh_from_db()
    assert (kept.placed, kept.bound) == (2, 4)
    with django_capture_on_commit_callbacks(execute=True):
        moved = scheduling.request_run(by=None, event=event, time_limit=2, allow_moves=True)
    moved.refresh_from_db()
    assert moved.placed == Meeting.objects.filter(slot__isnull=False).count() == 4
    assert check_booked(event) == []
    ab.refresh_from_db()
    cd.refresh_from_db()
    moved_one = ab if ab.slot != first_slot else cd
    assert [ab.slot, cd.slot].count(None) == 0
    assert (ab.slot != first_slot) != (cd.slot != second_slot)  # exactly one of them moved
    told = Notification.objects.filter(kind="meeting-moved").values_list("recipient", flat=True)
    assert sorted(told) == sorted(moved_one.seats.values_list("participant", flat=True))


def test_the_solver_never_drops_a_booked_meeting_to_place_others():
    """a–b and c–d are booked in different slots; a–c and b–d could replace c–d."""
    event = EventFactory()
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    session = setup.add_session(by=None, event=event, name="S", starts_at=START, slot_count=2)
    setup.add_tables(by=None, event=event, count=2)
    a, b, c, d = (ParticipantFactory(event=event) for _ in range(4))
    booked = []
    for first, second, slot in ((a, b, 0), (c, d, 1)):
        meeting = requests.accept_request(
            request=requests.send_request(by=first, recipient=second), by=second
        )
        publishing.move_meeting(by=None, meeting=meeting, slot=slots_of(session)[slot])
        booked.append(str(meeting.pk))
    for first, second in ((a, c), (b, d)):
        requests.accept_request(
            request=requests.send_request(by=first, recipient=second), by=second
        )
    instance, _ = scheduling.build_instance(event)
    solution = solve(instance, 2.0)
    assert sorted(a.meeting for a in solution.assignments) == sorted(booked)


def test_a_second_run_is_refused_while_one_is_under_way(waiting):
    event, _ = waiting
    first = scheduling.request_run(by=None, event=event, time_limit=5)
    with pytest.raises(ValidationError) as refused:
        scheduling.request_run(by=None, event=event, time_limit=5)
    assert refused.value.messages == [
        "The scheduler is already running for this event; wait for its result."
    ]
    assert list(ScheduleRun.objects.values_list("pk", flat=True)) == [first.pk]
    other = EventFactory()
    assert scheduling.request_run(by=None, event=other).status == "queued"


def test_a_run_silent_past_its_time_limit_and_margin_is_marked_failed(waiting, settings):
    """A restart killed the thread that ran it: the next request finds it stale."""
    event, _ = waiting
    settings.SCHEDULER_STALE_MARGIN = 60
    run = scheduling.request_run(by=None, event=event, time_limit=30)
    ScheduleRun.objects.filter(pk=run.pk).update(status="running", heartbeat_at=timezone.now())
    assert scheduling.fail_stale_runs(now=timezone.now() + timedelta(seconds=89)) == 0
    later = timezone.now() + timedelta(seconds=91)
    assert scheduling.fail_stale_runs(now=later) == 1
    run.refresh_from_db()
    assert (run.status, run.error) == ("failed", scheduling.INTERRUPTED)
    assert scheduling.request_run(by=None, event=event).status == "queued"


def test_a_run_queued_behind_long_work_waits_while_the_long_queue_lives(waiting, settings):
    """Another event's run, or a long badge print, holds the one long-queue worker: a run
    queued behind it is not cut off, until that worker falls silent for as long."""
    event, _ = waiting
    settings.SCHEDULER_STALE_MARGIN = 60
    queued = scheduling.request_run(by=None, event=event, time_limit=30)
    now = timezone.now()
    ScheduleRun.objects.filter(pk=queued.pk).update(created_at=now - timedelta(hours=1))
    printing = BadgePrint.objects.create(
        event=EventFactory(), layout="a6", status="running", heartbeat_at=now
    )
    assert scheduling.fail_stale_runs(now=now) == 0
    run = scheduling.recent_runs(event)[0]
    assert (run.pk, run.status, run.stale) == (queued.pk, "queued", False)
    # The print's worker went silent 80 s ago: the queued run has waited its 30 s and 60 s.
    BadgePrint.objects.filter(pk=printing.pk).update(heartbeat_at=now - timedelta(seconds=80))
    assert scheduling.fail_stale_runs(now=now) == 0
    assert scheduling.fail_stale_runs(now=now + timedelta(seconds=11)) == 1
    queued.refresh_from_db()
    assert (queued.status, queued.error) == ("failed", scheduling.INTERRUPTED)


def test_a_finished_run_is_a_sign_of_life_of_the_long_queue(waiting):
    event, _ = waiting
    run = scheduling.request_run(by=None, event=event, time_limit=2)
    before = timezone.now()
    scheduling.run_scheduler(run.pk)
    run.refresh_from_db()
    assert run.status == "done"
    assert tasks.long_queue_seen() == run.heartbeat_at == run.finished_at >= before


def test_a_request_sweeps_its_events_stale_run_first(waiting, settings):
    event, _ = waiting
    settings.SCHEDULER_STALE_MARGIN = 0
    old = scheduling.request_run(by=None, event=event, time_limit=5)
    ScheduleRun.objects.filter(pk=old.pk).update(
        status="running", heartbeat_at=timezone.now() - timedelta(seconds=6)
    )
    new = scheduling.request_run(by=None, event=event, time_limit=5)
    assert dict(ScheduleRun.objects.values_list("pk", "status")) == {
        old.pk: "failed",
        new.pk: "queued",
    }


def test_a_run_failed_while_queued_does_not_start(waiting):
    event, _ = waiting
    run = scheduling.request_run(by=None, event=event, time_limit=2)
    ScheduleRun.objects.filter(pk=run.pk).update(status="failed", error="x")
    scheduling.run_scheduler(run.pk)
    run.refresh_from_db()
    assert (run.status, run.error) == ("failed", "x")
    assert Meeting.objects.filter(slot__isnull=False).count() == 1


def test_a_run_marked_failed_while_it_solved_writes_nothing(waiting, monkeypatch):
    event, _ = waiting
    run = scheduling.request_run(by=None, event=event, time_limit=2)
    real_solve = scheduling.solve

    def solve_then_be_declared_stale(*args, **kwargs):
        solution = real_solve(*args, **kwargs)
        scheduling.fail_stale_runs(now=timezone.now() + timedelta(days=1))
        return solution

    monkeypatch.setattr(scheduling, "solve", solve_then_be_declared_stale)
    scheduling.run_scheduler(run.pk)
    run.refresh_from_db()
    assert (run.status, run.error) == ("failed", scheduling.INTERRUPTED)
    assert Meeting.objects.filter(slot__isnull=False).count() == 1


def test_the_start_up_command_marks_stale_runs_failed(waiting):
    event, _ = waiting
    run = scheduling.request_run(by=None, event=event, time_limit=5)
    ScheduleRun.objects.filter(pk=run.pk).update(
        status="running", heartbeat_at=timezone.now() - timedelta(days=1)
    )
    out = StringIO()
    call_command("fail_stale_runs", stdout=out)
    assert out.getvalue() == (
        "1 stale scheduler runs marked failed, 0 stale badge prints marked failed, "
        "0 stale registration imports marked failed, "
        "0 old registration imports deleted\n"
    )
    assert ScheduleRun.objects.get(pk=run.pk).status == "failed"


def test_at_the_start_of_the_only_runner_every_active_run_is_marked_failed(waiting):
    event, _ = waiting
    run = scheduling.request_run(by=None, event=event, time_limit=30)
    ScheduleRun.objects.filter(pk=run.pk).update(status="running", heartbeat_at=timezone.now())
    call_command("fail_stale_runs", stdout=StringIO())
    assert ScheduleRun.objects.get(pk=run.pk).status == "running"
    out = StringIO()
    call_command("fail_stale_runs", "--all", stdout=out)
    assert out.getvalue() == (
        "1 stale scheduler runs marked failed, 0 stale badge prints marked failed, "
        "0 stale registration imports marked failed, "
        "0 old registration imports deleted\n"
    )
    assert ScheduleRun.objects.get(pk=run.pk).status == "failed"
