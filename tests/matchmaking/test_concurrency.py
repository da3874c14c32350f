"""Racing acceptances on PostgreSQL: real threads, real transactions, one winner."""

import functools
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from django.db import connection, transaction

from modus.matchmaking.models import (
    Meeting,
    MeetingRequest,
    MeetingSeat,
    Notification,
    ScheduleRun,
    Slot,
)
from modus.matchmaking.services import publishing, requests, scheduling, setup
from modus.matchmaking.services.tables import pick_table
from tests.concurrency import race
from tests.factories import EventFactory, ParticipantFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


race = functools.partial(race, success="booked")


def event_with(tables: int, slots: int = 2):
    """An event with one session of that many slots and pool tables, and its first slot."""
    event = EventFactory()
    session = setup.add_session(
        by=None,
        event=event,
        name="S",
        starts_at=datetime(2022, 9, 26, 12, tzinfo=UTC),
        slot_count=slots,
    )
    if tables:
        setup.add_tables(by=None, event=event, count=tables)
    return event, session.slots.order_by("position").first()


def test_two_acceptances_for_one_persons_slot_book_once():
    event, slot = event_with(tables=5)
    ben = ParticipantFactory(event=event)
    asks = [
        requests.send_request(by=ParticipantFactory(event=event), recipient=ben) for _ in range(2)
    ]
    outcomes = race(
        [lambda r=r: requests.accept_request(request=r, by=ben, slot=slot) for r in asks]
    )
    assert outcomes == ["booked", "refused"]
    assert MeetingSeat.objects.filter(participant=ben, slot=slot, active=True).count() == 1


def test_the_last_free_table_goes_to_one_meeting():
    event, slot = event_with(tables=1)
    pairs = [(ParticipantFactory(event=event), ParticipantFactory(event=event)) for _ in range(3)]
    asks = [(requests.send_request(by=a, recipient=b), b) for a, b in pairs]
    outcomes = race(
        [lambda r=r, b=b: requests.accept_request(request=r, by=b, slot=slot) for r, b in asks]
    )
    assert outcomes == ["booked", "refused", "refused"]
    assert Meeting.objects.filter(slot=slot, status="confirmed").count() == 1


def test_a_double_click_on_request_sends_one():
    event, _ = event_with(tables=1)
    anna, ben = ParticipantFactory(event=event), ParticipantFactory(event=event)
    outcomes = race([lambda: requests.send_request(by=anna, recipient=ben) for _ in range(3)])
    assert outcomes == ["booked", "refused", "refused"]


def test_two_manual_moves_into_one_persons_slot_move_one():
    event, slot = event_with(tables=5)
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    ben = ParticipantFactory(event=event)
    meetings = [
        requests.accept_request(
            request=requests.send_request(by=ParticipantFactory(event=event), recipient=ben), by=ben
        )
        for _ in range(2)
    ]
    outcomes = race(
        [lambda m=m: publishing.move_meeting(by=None, meeting=m, slot=slot) for m in meetings]
    )
    assert outcomes == ["booked", "refused"]
    assert MeetingSeat.objects.filter(participant=ben, slot=slot, active=True).count() == 1


def test_a_move_racing_a_cancellation_leaves_a_consistent_seat():
    event, slot = event_with(tables=5)
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    anna, ben = ParticipantFactory(event=event), ParticipantFactory(event=event)
    meeting = requests.accept_request(request=requests.send_request(by=anna, recipient=ben), by=ben)
    race(
        [
            lambda: publishing.move_meeting(by=None, meeting=meeting, slot=slot),
            lambda: requests.cancel_meeting(meeting=meeting, by=anna),
        ]
    )
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    assert MeetingSeat.objects.filter(meeting=meeting, active=True).count() == 0


def test_a_scheduler_booking_racing_a_manual_move_books_one(monkeypatch):
    def slow_pick_table(*args):
        # Widen the window between reading who is busy and booking: the move lands in it.
        time.sleep(0.6)
        return pick_table(*args)

    monkeypatch.setattr(scheduling, "pick_table", slow_pick_table)
    event, _ = event_with(tables=5, slots=3)
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    ben = ParticipantFactory(event=event)
    for slot in event.matchmaking_sessions.get().slots.order_by("position"):
        first, second = (
            requests.accept_request(
                request=requests.send_request(by=ParticipantFactory(event=event), recipient=ben),
                by=ben,
            )
            for _ in range(2)
        )

        def run_booking(meeting=first, slot=slot):
            with transaction.atomic():
                scheduling.book(event, {str(meeting.pk): meeting}, {str(meeting.pk): slot.pk})

        def run_move(meeting=second, slot=slot):
            time.sleep(0.2)  # after the booking has read who is busy
            publishing.move_meeting(by=None, meeting=meeting, slot=slot)

        race([run_booking, run_move])
        assert MeetingSeat.objects.filter(participant=ben, slot=slot, active=True).count() == 1


def test_two_simultaneous_requests_for_one_pair_leave_one_open_request_and_one_email(
    settings, mailoutbox
):
    event, _ = event_with(tables=1)
    anna, ben = ParticipantFactory(event=event), ParticipantFactory(event=event)
    outcomes = race([lambda: requests.send_request(by=anna, recipient=ben) for _ in range(2)])
    assert outcomes == ["booked", "refused"]
    assert (
        MeetingRequest.objects.filter(requester=anna, recipient=ben, status="pending").count() == 1
    )
    assert Notification.objects.filter(recipient=ben, emailed=True).count() == 1


def test_the_request_rate_limit_holds_under_concurrency(settings):
    settings.MEETING_REQUESTS_PER_HOUR = 2
    event, _ = event_with(tables=1)
    anna = ParticipantFactory(event=event)
    others = [ParticipantFactory(event=event) for _ in range(4)]
    outcomes = race([lambda o=o: requests.send_request(by=anna, recipient=o) for o in others])
    assert outcomes == ["booked", "booked", "refused", "refused"]
    assert MeetingRequest.objects.filter(requester=anna).count() == 2


def test_a_request_withdraw_loop_in_threads_sends_one_email(settings):
    event, _ = event_with(tables=1)
    anna, ben = ParticipantFactory(event=event), ParticipantFactory(event=event)

    def ask_and_withdraw():
        request = requests.send_request(by=anna, recipient=ben)
        requests.withdraw_request(request=request, by=anna)

    race([ask_and_withdraw for _ in range(3)])
    assert Notification.objects.filter(recipient=ben, emailed=True).count() == 1


def test_two_scheduler_requests_at_once_queue_one_run():
    event, _ = event_with(tables=1)
    outcomes = race([lambda: scheduling.request_run(by=None, event=event) for _ in range(3)])
    assert outcomes == ["booked", "refused", "refused"]
    assert ScheduleRun.objects.filter(event=event).count() == 1


def forced_move_fair():
    """Slots A, B, C and two tables. Anna–Ben sits in A; Cyril (free only in A) waits to meet
    Ben, and Dana (free anywhere) too: placing all three moves Anna–Ben out of A."""
    event, first = event_with(tables=2, slots=3)
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    slots = list(first.session.slots.order_by("position"))
    anna, ben, cyril, dana = (ParticipantFactory(event=event) for _ in range(4))
    setup.set_unavailable(by=cyril, slots=slots[1:])

    def meet(first, second):
        return requests.accept_request(
            request=requests.send_request(by=first, recipient=second), by=second
        )

    anna_ben = meet(anna, ben)
    publishing.move_meeting(by=None, meeting=anna_ben, slot=slots[0])
    return event, slots, ben, anna_ben, meet(cyril, ben), meet(dana, ben)


def run_with_organiser_between_solve_and_write(monkeypatch, event, organiser):
    """A scheduler run with moves allowed; once the solver is done, the organiser acts (in
    another connection, committed) before the run writes."""
    real_solve = scheduling.solve

    def solve_then_organiser(*args, **kwargs):
        solution = real_solve(*args, **kwargs)
        with ThreadPoolExecutor(1) as pool:
            pool.submit(lambda: organiser(solution) or connection.close()).result()
        return solution

    monkeypatch.setattr(scheduling, "solve", solve_then_organiser)
    # Tasks run inline in tests: the run is over when the request returns.
    run = scheduling.request_run(by=None, event=event, time_limit=2, allow_moves=True)
    run.refresh_from_db()
    return run


def assert_consistent(event):
    """No one is in two meetings at one time, and every seat agrees with its meeting."""
    busy = [
        (seat.participant_id, seat.meeting.slot_id)
        for seat in MeetingSeat.objects.filter(meeting__event=event, meeting__status="confirmed")
        .exclude(meeting__slot=None)
        .select_related("meeting")
    ]
    assert len(busy) == len(set(busy))
    seats = MeetingSeat.objects.filter(meeting__event=event, active=True).select_related("meeting")
    assert [(s.pk, s.slot_id) for s in seats] == [(s.pk, s.meeting.slot_id) for s in seats]


def test_a_meeting_locked_while_the_scheduler_runs_stays_put(monkeypatch):
    event, slots, ben, anna_ben, cyril_ben, _ = forced_move_fair()

    def lock(solution):
        moves = {a.meeting: int(a.slot) for a in solution.assignments}
        # The solver moves Anna–Ben out of A to let Cyril meet Ben there.
        assert moves[str(anna_ben.pk)] != slots[0].pk
        assert moves[str(cyril_ben.pk)] == slots[0].pk
        publishing.set_locked(by=None, meeting=anna_ben, locked=True)

    run = run_with_organiser_between_solve_and_write(monkeypatch, event, lock)
    assert run.status == "done"
    anna_ben.refresh_from_db()
    assert (anna_ben.slot_id, anna_ben.locked) == (slots[0].pk, True)
    cyril_ben.refresh_from_db()
    assert cyril_ben.slot_id is None
    assert_consistent(event)


def test_a_meeting_moved_while_the_scheduler_runs_stays_where_the_organiser_put_it(monkeypatch):
    event, slots, ben, anna_ben, cyril_ben, dana_ben = forced_move_fair()
    target = {}

    def move(solution):
        moves = {a.meeting: int(a.slot) for a in solution.assignments}
        # Into the slot the solver gave Dana–Ben: the organiser's move wins.
        target["slot"] = Slot.objects.get(pk=moves[str(dana_ben.pk)])
        publishing.move_meeting(by=None, meeting=anna_ben, slot=target["slot"])

    run = run_with_organiser_between_solve_and_write(monkeypatch, event, move)
    assert run.status == "done"
    anna_ben.refresh_from_db()
    assert anna_ben.slot_id == target["slot"].pk
    dana_ben.refresh_from_db()
    assert dana_ben.slot_id != target["slot"].pk
    cyril_ben.refresh_from_db()
    assert cyril_ben.slot_id == slots[0].pk
    assert_consistent(event)


def parallel_slots(event):
    """A second session whose first slot overlaps the first session's (12:10–12:30 UTC)."""
    hall_b = setup.add_session(
        by=None,
        event=event,
        name="Hall B",
        starts_at=datetime(2022, 9, 26, 12, 10, tzinfo=UTC),
        slot_count=1,
    )
    return hall_b.slots.get()


def test_two_acceptances_at_overlapping_times_of_parallel_sessions_book_once():
    event, slot = event_with(tables=5)
    other = parallel_slots(event)
    ben = ParticipantFactory(event=event)
    asks = [
        requests.send_request(by=ParticipantFactory(event=event), recipient=ben) for _ in range(2)
    ]
    outcomes = race(
        [
            lambda r=r, s=s: requests.accept_request(request=r, by=ben, slot=s)
            for r, s in zip(asks, (slot, other), strict=True)
        ]
    )
    assert outcomes == ["booked", "refused"]
    assert MeetingSeat.objects.filter(participant=ben, active=True).count() == 1


def test_the_last_table_at_a_time_goes_to_one_meeting_across_parallel_sessions():
    event, slot = event_with(tables=1)
    other = parallel_slots(event)
    pairs = [(ParticipantFactory(event=event), ParticipantFactory(event=event)) for _ in range(2)]
    asks = [(requests.send_request(by=a, recipient=b), b) for a, b in pairs]
    outcomes = race(
        [
            lambda r=r, b=b, s=s: requests.accept_request(request=r, by=b, slot=s)
            for (r, b), s in zip(asks, (slot, other), strict=True)
        ]
    )
    assert outcomes == ["booked", "refused"]
    assert Meeting.objects.filter(status="confirmed", slot__isnull=False).count() == 1
