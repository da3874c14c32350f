"""Busy time is time, not a slot: parallel sessions whose slots overlap never seat one
person twice at once, in booking, moves, drag and drop, the slot picker and the scheduler."""

from datetime import timedelta
from itertools import pairwise

import pytest
from django.core.exceptions import ValidationError

from modus.matchmaking.models import Meeting
from modus.matchmaking.scheduling.feasibility import check
from modus.matchmaking.scheduling.instance import Assignment
from modus.matchmaking.selectors import free_slots
from modus.matchmaking.services import publishing, requests, scheduling, setup
from modus.matchmaking.services.busy import overlapping_sessions, parallel_sessions
from tests.factories import ParticipantFactory
from tests.matchmaking.conftest import slots_of
from tests.matchmaking.helpers import DAY_1_STARTS, meet

pytestmark = pytest.mark.django_db


@pytest.fixture
def parallel(fair):
    """Day 1 runs 14:00, 14:20, 14:40, 15:00; Hall B runs 14:30 and 14:50 beside it."""
    event, session, anna, ben, cyril = fair
    hall_b = setup.add_session(
        by=None,
        event=event,
        name="Hall B",
        starts_at=DAY_1_STARTS + timedelta(minutes=30),
        slot_count=2,
    )
    return event, session, hall_b, anna, ben, cyril


def test_overlapping_sessions_are_named(parallel):
    event, session, hall_b, *_ = parallel
    later = setup.add_session(
        by=None, event=event, name="Evening", starts_at=DAY_1_STARTS + timedelta(hours=5)
    )
    assert overlapping_sessions(hall_b) == [session]
    assert overlapping_sessions(session) == [hall_b]
    assert overlapping_sessions(later) == []
    sessions = list(event.matchmaking_sessions.prefetch_related("slots"))
    assert parallel_sessions(sessions) == {
        session.pk: [hall_b],
        hall_b.pk: [session],
        later.pk: [],
    }


def test_accepting_into_a_slot_overlapping_a_meeting_is_refused(parallel):
    event, session, hall_b, anna, ben, cyril = parallel
    meet(ben, anna, slots_of(session)[2])  # 14:40–15:00
    request = requests.send_request(by=cyril, recipient=anna)
    with pytest.raises(ValidationError) as error:
        requests.accept_request(request=request, by=anna, slot=slots_of(hall_b)[0])  # 14:30
    assert error.value.message_dict == {
        "slot": [f"{anna.person} already has a meeting at that time (14:40–15:00, Day 1)."]
    }
    assert Meeting.objects.filter(seats__participant=cyril).count() == 0
    request.refresh_from_db()
    assert request.status == "pending"


def test_a_table_is_one_table_at_a_time_across_sessions(parallel):
    event, session, hall_b, anna, ben, cyril = parallel
    dana, emil = ParticipantFactory(event=event), ParticipantFactory(event=event)
    meet(anna, ben, slots_of(session)[2])  # 14:40 at T1
    meet(cyril, dana, slots_of(session)[2])  # 14:40 at T2
    request = requests.send_request(by=emil, recipient=ParticipantFactory(event=event))
    with pytest.raises(ValidationError) as error:
        requests.accept_request(request=request, by=request.recipient, slot=slots_of(hall_b)[0])
    assert error.value.message_dict == {"slot": ["No table is free in this slot; pick another."]}


def test_the_slot_picker_leaves_out_slots_at_a_busy_time(parallel):
    event, session, hall_b, anna, ben, cyril = parallel
    meet(ben, anna, slots_of(session)[2])  # 14:40–15:00
    day_1 = slots_of(session)
    # Hall B's 14:30 and 14:50 both overlap 14:40–15:00.
    assert free_slots(anna, cyril) == [day_1[0], day_1[1], day_1[3]]


def test_an_absence_rules_out_the_overlapping_slots_too(parallel):
    event, session, hall_b, anna, ben, cyril = parallel
    setup.set_unavailable(by=anna, slots=[slots_of(hall_b)[1]])  # 14:50–15:10
    day_1 = slots_of(session)
    # 14:50–15:10 overlaps Day 1's 14:40 and 15:00 slots.
    assert free_slots(anna, cyril) == [day_1[0], day_1[1], slots_of(hall_b)[0]]


def test_moving_into_an_overlapping_slot_is_refused(parallel):
    event, session, hall_b, anna, ben, cyril = parallel
    meet(ben, anna, slots_of(session)[2])
    meeting = meet(cyril, anna, slots_of(session)[0])
    with pytest.raises(ValidationError) as error:
        publishing.move_meeting(by=None, meeting=meeting, slot=slots_of(hall_b)[0])
    assert error.value.messages == [
        f"{anna.person} already has a meeting at that time (14:40–15:00, Day 1)."
    ]
    meeting.refresh_from_db()
    assert meeting.slot == slots_of(session)[0]


def test_dropping_onto_an_overlapping_slot_in_the_table_plan_is_refused(parallel, client):
    event, session, hall_b, anna, ben, cyril = parallel
    organiser = ParticipantFactory(event=event, role="organiser")
    meet(ben, anna, slots_of(session)[2])
    meeting = meet(cyril, anna, slots_of(session)[0])
    table = event.tables.get(name="T2")
    client.force_login(organiser.person.user)
    response = client.post(
        f"/events/{event.slug}/manage/schedule/meetings/{meeting.pk}/drop/",
        {"slot": slots_of(hall_b)[0].pk, "table": table.pk},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        f"{anna.person} already has a meeting at that time (14:40–15:00, Day 1)."
    ]
    meeting.refresh_from_db()
    assert meeting.slot == slots_of(session)[0]


def organiser_schedules(event):
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")


def test_the_scheduler_never_books_a_person_at_two_overlapping_times(
    parallel, django_capture_on_commit_callbacks
):
    event, session, hall_b, anna, ben, cyril = parallel
    organiser_schedules(event)
    day_1 = slots_of(session)
    # Anna meets Ben at 14:20 or 14:40 (Day 1), Cyril only at 14:30 (Hall B).
    setup.set_unavailable(by=anna, slots=[day_1[0], day_1[3]])
    first = requests.send_request(by=ben, recipient=anna, sessions=[session])
    second = requests.send_request(by=cyril, recipient=anna, sessions=[hall_b])
    requests.accept_request(request=first, by=anna)
    requests.accept_request(request=second, by=anna)
    instance, _meetings = scheduling.build_instance(event)
    clashes = {slot.id: slot.clashes for slot in instance.slots}
    assert clashes[str(slots_of(hall_b)[0].pk)] == {str(day_1[1].pk), str(day_1[2].pk)}
    with django_capture_on_commit_callbacks(execute=True):
        run = scheduling.request_run(by=None, event=event, time_limit=2)
    run.refresh_from_db()
    # Hall B's 14:30 overlaps both of Day 1's slots Anna has: one meeting, not two.
    assert (run.status, run.placed) == ("done", 1)


def test_the_checker_refuses_the_old_double_booking(parallel):
    event, session, hall_b, anna, ben, cyril = parallel
    organiser_schedules(event)
    ben_meeting = meet(ben, anna)
    cyril_meeting = meet(cyril, anna)
    instance, _meetings = scheduling.build_instance(event)
    at_1440, at_1430 = str(slots_of(session)[2].pk), str(slots_of(hall_b)[0].pk)
    double = [
        Assignment(str(ben_meeting.pk), at_1440, str(event.tables.get(name="T1").pk)),
        Assignment(str(cyril_meeting.pk), at_1430, str(event.tables.get(name="T2").pk)),
    ]
    assert check(instance, double) == [
        f"{anna.pk} meets in {min(at_1440, at_1430)} and {max(at_1440, at_1430)}, "
        "whose times overlap"
    ]


def test_marking_away_a_time_with_a_meeting_in_a_parallel_session_is_refused(parallel):
    event, session, hall_b, anna, ben, cyril = parallel
    meet(ben, anna, slots_of(session)[2])  # 14:40–15:00
    with pytest.raises(ValidationError) as error:
        setup.set_unavailable(by=anna, slots=[slots_of(hall_b)[0]])  # 14:30–14:50
    assert error.value.messages == [
        "You have a meeting in one of these slots; cancel it first or keep the slot free."
    ]


def test_a_stand_that_goes_reseats_its_meetings_at_a_table_free_at_that_time(parallel):
    event, session, hall_b, anna, ben, cyril = parallel
    dana, emil = ParticipantFactory(event=event), ParticipantFactory(event=event)
    stand = setup.add_stand(by=None, event=event, name="S1", host=anna)
    meet(ben, anna, slots_of(hall_b)[0])  # 14:30 at S1
    meet(cyril, dana, slots_of(session)[2])  # 14:40 at T1
    meet(emil, ParticipantFactory(event=event), slots_of(session)[1])  # 14:20 at T1
    # T1 is taken at 14:20 and 14:40, both overlapping 14:30: Anna's meeting goes to T2.
    setup.remove_stand(by=None, stand=stand)
    assert Meeting.objects.get(seats__participant=ben).table.name == "T2"


def test_the_scheduler_books_everything_it_places_when_sessions_share_one_table(
    parallel, django_capture_on_commit_callbacks, monkeypatch
):
    event, session, hall_b, *_ = parallel
    organiser_schedules(event)
    event.tables.exclude(name="T1").delete()
    # Two meetings may only be in Hall B (14:30, 14:50), four anywhere; with one table, the
    # most at once is one meeting, so Day 1's four slots (14:00 to 15:20) hold the most.
    people = [ParticipantFactory(event=event) for _ in range(12)]
    for number, (asker, asked) in enumerate(zip(people[::2], people[1::2], strict=True)):
        sessions = [hall_b] if number < 2 else []
        request = requests.send_request(by=asker, recipient=asked, sessions=sessions)
        requests.accept_request(request=request, by=asked)
    solved = []

    def solve_and_keep(*args, **kwargs):
        solved.append(real_solve(*args, **kwargs))
        return solved[-1]

    real_solve = scheduling.solve
    monkeypatch.setattr(scheduling, "solve", solve_and_keep)
    with django_capture_on_commit_callbacks(execute=True):
        run = scheduling.request_run(by=None, event=event, time_limit=2)
    run.refresh_from_db()
    # Counted per slot, the solver placed all six and booking could seat only some of them.
    assert solved[0].objective["placed"] == 4
    assert (run.status, run.placed, run.proven_optimal) == ("done", 4, True)
    booked = Meeting.objects.filter(event=event, slot__isnull=False).select_related("slot")
    times = sorted((meeting.slot.starts_at, meeting.slot.ends_at) for meeting in booked)
    assert all(end <= start for (_, end), (start, _) in pairwise(times))
