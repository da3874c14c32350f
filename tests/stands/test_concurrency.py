"""Racing scans on PostgreSQL: real threads, each its own connection and transaction."""

import pytest

from modus.stands import services
from modus.stands.models import Lead
from tests.concurrency import race
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
