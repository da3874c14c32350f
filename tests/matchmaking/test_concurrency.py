"""Racing acceptances on PostgreSQL: real threads, real transactions, one winner."""

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from threading import Barrier

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from modus.matchmaking.models import Meeting, MeetingRequest, MeetingSeat, Notification
from modus.matchmaking.services import publishing, requests, scheduling, setup
from modus.matchmaking.services.tables import pick_table
from tests.factories import EventFactory, ParticipantFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(actions) -> list[str]:
    barrier = Barrier(len(actions))

    def run(action) -> str:
        barrier.wait()
        try:
            action()
            return "booked"
        except ValidationError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(len(actions)) as pool:
        return sorted(pool.map(run, actions))


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
