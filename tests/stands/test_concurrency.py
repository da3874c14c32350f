"""Racing scans and staff changes on PostgreSQL: real threads, each its own connection and
transaction."""

from itertools import pairwise

import pytest

from modus.common.models import AuditEntry
from modus.events.models import Participant
from modus.events.services import withdraw_registration
from modus.stands import services
from modus.stands.models import Lead
from tests.concurrency import race
from tests.factories import ParticipantFactory
from tests.stands.helpers import stand_world

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_scans_of_one_visitor_at_once_make_one_lead_that_counts_them_all():
    world = stand_world()
    user = world.exhibitor.person.user
    outcomes = race([lambda: services.scan_badge(by=user, stand=world.stand, code=world.code)] * 20)
    assert outcomes == ["done"] * 20
    lead = Lead.objects.get()
    assert (lead.stand, lead.visitor, lead.scans) == (world.stand, world.visitor, 20)


def test_two_stands_scanning_one_visitor_at_once_get_a_lead_each():
    world = stand_world()
    outcomes = race(
        [
            lambda: services.scan_badge(by=None, stand=world.stand, code=world.code),
            lambda: services.scan_badge(by=None, stand=world.other_stand, code=world.code),
        ]
        * 5
    )
    assert outcomes == ["done"] * 10
    assert sorted(Lead.objects.values_list("stand__number", "scans")) == [("A1", 5), ("A2", 5)]


def test_two_organisers_changing_the_staff_at_once_take_turns():
    world = stand_world()
    first, second = (
        ParticipantFactory(event=world.event, role=Participant.Role.EXHIBITOR) for _ in range(2)
    )
    outcomes = race(
        [
            lambda: services.set_staff(by=None, stand=world.stand, staff=[first]),
            lambda: services.set_staff(by=None, stand=world.stand, staff=[first, second]),
        ]
        * 4
    )
    assert outcomes == ["done"] * 8
    # Each change started from what the one before it left.
    entries = AuditEntry.objects.filter(action="stands.staff_set", object_id=str(world.stand.pk))
    chain = [entry.data for entry in entries.order_by("pk")]
    assert all(later["before"] == earlier["staff"] for earlier, later in pairwise(chain))
    assert sorted(world.stand.staff.values_list("pk", flat=True)) == chain[-1]["staff"]


def test_two_stands_added_on_one_spot_at_once_leave_one_there():
    world = stand_world()

    def add(number: str):
        return lambda: services.add_stand(
            by=None, event=world.event, number=number, name=number, hall=world.hall, x=10, y=5
        )

    outcomes = race([add("B1"), add("B2"), add("B3"), add("B4")])
    assert outcomes == ["done", "refused", "refused", "refused"]
    assert world.hall.stands.filter(x=10, y=5).count() == 1


def withdraws(participant):
    return lambda: withdraw_registration(by=participant.person.user, participant=participant)


def test_a_badge_scan_racing_the_visitors_withdrawal_leaves_a_lead_or_a_withdrawal():
    for _round in range(4):
        world = stand_world()
        scan = lambda world=world: services.scan_badge(by=None, stand=world.stand, code=world.code)  # noqa: E731
        outcomes = race([withdraws(world.visitor), scan])
        registered = Participant.objects.filter(pk=world.visitor.pk).exists()
        leads = Lead.objects.filter(stand=world.stand).count()
        # The scan first: the visitor takes part and keeps the registration. Else the scan
        # finds the registration gone and is refused in words.
        assert (outcomes, registered, leads) in (
            (["done", "refused"], True, 1),
            (["done", "refused"], False, 0),
        )


def test_staffing_racing_the_newcomers_withdrawal_leaves_staff_or_a_withdrawal():
    for _round in range(4):
        world = stand_world()
        newcomer = ParticipantFactory(event=world.event, role=Participant.Role.EXHIBITOR)
        staff = [world.exhibitor, newcomer]
        outcomes = race(
            [
                withdraws(newcomer),
                lambda world=world, staff=staff: services.set_staff(
                    by=None, stand=world.stand, staff=staff
                ),
            ]
        )
        registered = Participant.objects.filter(pk=newcomer.pk).exists()
        on_staff = world.stand.staff.filter(pk=newcomer.pk).exists()
        assert (outcomes, registered, on_staff) in (
            (["done", "refused"], True, True),
            (["done", "refused"], False, False),
        )
