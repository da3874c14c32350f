"""The stand services: placing stands, scanning badges into leads, and their refusals."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from modus.common.models import AuditEntry
from modus.events.badges import BadgeError, badge_for
from modus.events.models import Badge, RetiredBadgeCode
from modus.matchmaking.services import setup
from modus.stands import services
from modus.stands.models import Lead, Stand
from tests.factories import EventFactory, ParticipantFactory
from tests.stands.helpers import stand_world

pytestmark = pytest.mark.django_db


def test_a_first_scan_makes_a_lead_and_a_second_updates_it():
    world = stand_world()
    user = world.exhibitor.person.user
    lead, created = services.scan_badge(by=user, stand=world.stand, code=world.code)
    again, created_again = services.scan_badge(
        by=user, stand=world.stand, code=f"  https://modus.example/b/{world.code} "
    )
    assert (created, created_again) == (True, False)
    assert again.pk == lead.pk
    assert (again.scans, again.scanned_by, again.visitor) == (2, user, world.visitor)
    assert again.last_scanned_at >= lead.first_scanned_at
    assert Lead.objects.count() == 1
    assert AuditEntry.objects.filter(action="stands.badge_scanned").count() == 2


def test_each_stand_has_its_own_lead_of_a_visitor():
    world = stand_world()
    services.scan_badge(by=world.exhibitor.person.user, stand=world.stand, code=world.code)
    services.scan_badge(by=world.rival.person.user, stand=world.other_stand, code=world.code)
    assert sorted(Lead.objects.values_list("stand__number", flat=True)) == ["A1", "A2"]


def reissued(world) -> str:
    old = world.code
    RetiredBadgeCode.objects.create(participant=world.visitor, code=old)
    Badge.objects.filter(participant=world.visitor).update(code="new-code-after-reissue")
    return old


@pytest.mark.parametrize(
    ("code_of", "reason"),
    [
        (lambda world: "no-such-code", "unknown"),
        (lambda world: "   ", "empty"),
        (reissued, "reissued"),
        (lambda world: badge_for(ParticipantFactory(event=EventFactory())).code, "other-event"),
    ],
)
def test_a_code_that_opens_nobody_here_records_nothing(code_of, reason):
    world = stand_world()
    code = code_of(world)
    audit_before = AuditEntry.objects.count()
    with pytest.raises(BadgeError) as error:
        services.scan_badge(by=world.exhibitor.person.user, stand=world.stand, code=code)
    assert error.value.code == reason
    assert (Lead.objects.count(), AuditEntry.objects.count()) == (0, audit_before)


def test_a_stand_does_not_scan_its_own_staff():
    world = stand_world()
    with pytest.raises(ValidationError) as error:
        services.scan_badge(
            by=world.exhibitor.person.user, stand=world.stand, code=badge_for(world.exhibitor).code
        )
    assert error.value.code == "own-staff"
    assert Lead.objects.count() == 0


def test_only_the_stands_staff_scan_at_it():
    world = stand_world()
    with pytest.raises(PermissionDenied):
        services.scan_badge(by=world.rival.person.user, stand=world.stand, code=world.code)
    assert Lead.objects.count() == 0


def test_staff_note_rate_and_follow_up_a_lead():
    world = stand_world()
    lead, _created = services.scan_badge(by=None, stand=world.stand, code=world.code)
    services.update_lead(
        by=world.exhibitor.person.user,
        lead=lead,
        notes="Wants filters",
        rating=4,
        follow_up=Lead.FollowUp.CONTACTED,
    )
    lead.refresh_from_db()
    assert (lead.notes, lead.rating, lead.follow_up) == ("Wants filters", 4, "contacted")


@pytest.mark.parametrize("rating", [0, 6])
def test_interest_is_rated_1_to_5(rating):
    world = stand_world()
    lead, _created = services.scan_badge(by=None, stand=world.stand, code=world.code)
    with pytest.raises(ValidationError):
        services.update_lead(by=None, lead=lead, notes="", rating=rating, follow_up="new")
    lead.refresh_from_db()
    assert lead.rating is None


def test_another_exhibitor_cannot_change_a_lead():
    world = stand_world()
    lead, _created = services.scan_badge(by=None, stand=world.stand, code=world.code)
    with pytest.raises(PermissionDenied):
        services.update_lead(
            by=world.rival.person.user, lead=lead, notes="x", rating=1, follow_up="new"
        )


def test_only_the_visitor_withholds_their_contact():
    world = stand_world()
    lead, _created = services.scan_badge(by=None, stand=world.stand, code=world.code)
    with pytest.raises(PermissionDenied):
        services.withhold_contact(by=world.exhibitor.person.user, lead=lead, withheld=True)
    services.withhold_contact(by=world.visitor.person.user, lead=lead, withheld=True)
    lead.refresh_from_db()
    assert lead.contact_withheld is True


def test_placing_moves_all_stands_or_none():
    world = stand_world()
    moved = services.place_stands(
        by=None, hall=world.hall, positions={world.stand.pk: (4, 3), world.other_stand.pk: (10, 8)}
    )
    assert moved == 2
    with pytest.raises(ValidationError):
        services.place_stands(
            by=None,
            hall=world.hall,
            positions={world.stand.pk: (0, 0), world.other_stand.pk: (19, 0)},  # 19 + 3 > 20
        )
    assert sorted(Stand.objects.values_list("number", "x", "y")) == [("A1", 4, 3), ("A2", 10, 8)]


def test_placing_refuses_a_stand_of_another_hall():
    world = stand_world()
    elsewhere = services.save_hall(by=None, event=world.event, name="Foyer", width=10, height=10)
    with pytest.raises(ValidationError):
        services.place_stands(by=None, hall=elsewhere, positions={world.stand.pk: (0, 0)})


def test_a_hall_cannot_shrink_under_its_stands():
    world = stand_world()
    with pytest.raises(ValidationError):
        services.save_hall(
            by=None, event=world.event, hall=world.hall, name="Hall 1", width=4, height=10
        )
    world.hall.refresh_from_db()
    assert world.hall.width == 20


def test_a_stand_number_is_unique_in_its_event():
    world = stand_world()
    with pytest.raises(ValidationError):
        services.add_stand(by=None, event=world.event, number="A1", name="Again")


def test_a_stand_number_differing_only_in_case_is_refused():
    world = stand_world()
    with pytest.raises(ValidationError) as error:
        services.add_stand(by=None, event=world.event, number="a1", name="Again")
    assert error.value.message_dict == {"number": ["There is already a stand with this number."]}
    other_event = EventFactory()
    services.add_stand(by=None, event=other_event, number="a1", name="Elsewhere")
    assert sorted(Stand.objects.values_list("number", flat=True)) == ["A1", "A2", "a1"]


def test_a_stand_is_not_added_on_top_of_another():
    world = stand_world()  # A1 covers x 0–3, y 0–2; A2 covers x 5–8, y 0–2
    with pytest.raises(ValidationError) as error:
        services.add_stand(
            by=None, event=world.event, number="X9", name="Over", hall=world.hall, x=2, y=1
        )
    assert error.value.messages == ["Stand X9 would cover stand A1 on the plan."]
    beside = services.add_stand(
        by=None, event=world.event, number="B1", name="Beside", hall=world.hall, x=3, y=0, width=2
    )
    elsewhere = services.save_hall(by=None, event=world.event, name="Foyer", width=10, height=10)
    services.add_stand(by=None, event=world.event, number="F1", name="Foyer", hall=elsewhere)
    assert (beside.x, beside.width) == (3, 2)
    assert Stand.objects.count() == 4


def test_placing_refuses_a_stand_on_top_of_another():
    world = stand_world()
    with pytest.raises(ValidationError) as error:
        services.place_stands(by=None, hall=world.hall, positions={world.other_stand.pk: (1, 1)})
    assert error.value.messages == ["Stand A2 would cover stand A1 on the plan."]
    # Two stands may swap places in one go.
    services.place_stands(
        by=None, hall=world.hall, positions={world.stand.pk: (5, 0), world.other_stand.pk: (0, 0)}
    )
    assert sorted(Stand.objects.values_list("number", "x", "y")) == [("A1", 5, 0), ("A2", 0, 0)]


def test_a_stand_keeps_its_meeting_point_and_staff_of_the_event_only():
    world = stand_world()
    table = setup.add_stand(by=None, event=world.event, name="S1", host=world.exhibitor)
    stand = services.add_stand(
        by=None, event=world.event, number="B1", name="With table", meeting_point=table
    )
    assert table.floor_stand == stand and table.is_stand
    stranger = ParticipantFactory(event=EventFactory())
    with pytest.raises(ValidationError):
        services.add_stand(by=None, event=world.event, number="B2", name="X", staff=[stranger])
    with pytest.raises(ValidationError):
        services.add_stand(
            by=None, event=EventFactory(), number="B3", name="X", meeting_point=table
        )


def test_organisers_only_add_stands():
    world = stand_world()
    with pytest.raises(PermissionDenied):
        services.add_stand(
            by=world.exhibitor.person.user, event=world.event, number="Z", name="Mine"
        )


def test_organisers_set_a_stands_staff_from_the_event_only():
    world = stand_world()
    newcomer = ParticipantFactory(event=world.event, role="exhibitor")
    services.set_staff(by=None, stand=world.stand, staff=[world.exhibitor, newcomer])
    assert set(world.stand.staff.all()) == {world.exhibitor, newcomer}
    with pytest.raises(ValidationError):
        services.set_staff(
            by=None, stand=world.stand, staff=[ParticipantFactory(event=EventFactory())]
        )
    with pytest.raises(PermissionDenied):
        services.set_staff(by=world.exhibitor.person.user, stand=world.stand, staff=[])
    assert set(world.stand.staff.all()) == {world.exhibitor, newcomer}
