import pytest
from django.core.exceptions import PermissionDenied

from modus.matchmaking.models import Meeting, ScheduleRun
from modus.matchmaking.scheduling.feasibility import check
from modus.matchmaking.scheduling.instance import Assignment, Solution
from modus.matchmaking.services import requests, scheduling, setup
from tests.factories import ParticipantFactory
from tests.matchmaking.conftest import slots_of

pytestmark = pytest.mark.django_db


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
        run = scheduling.request_run(by=None, event=event, time_limit=5)
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
