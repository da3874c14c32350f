"""Changing a stand's staff: the organisers choose among the event's exhibitors and
organisers, the exhibitor's manager among their own people; staffing opens the leads."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from modus.common.models import AuditEntry
from modus.directory.models import Visibility
from modus.events.models import Participant
from modus.events.pickers import participant_label
from modus.matchmaking.models import Notification
from modus.matchmaking.notices import describe
from modus.stands import services
from tests.factories import ParticipantFactory
from tests.stands.helpers import stand_world

pytestmark = pytest.mark.django_db


def url(name: str, world, **kwargs) -> str:
    return reverse(f"stands:{name}", kwargs={"slug": world.event.slug, **kwargs})


def staff_url(world) -> str:
    return url("staff", world, stand_id=world.stand.pk)


def colleague_of(participant, **person) -> Participant:
    """Someone of the participant's organisation, registered at the event as a delegate."""
    return ParticipantFactory(
        event=participant.event,
        person__organisation=participant.person.organisation,
        **{f"person__{key}": value for key, value in person.items()},
    )


def manager_of_exhibitor(world) -> Participant:
    """The exhibitor's organisation gets a manager of its own, at the event."""
    manager = colleague_of(world.exhibitor)
    organisation = world.exhibitor.person.organisation
    organisation.manager = manager.person
    organisation.save()
    return manager


def suggested(client, world, typed: str) -> str:
    """What the stand's staff page suggests for `typed`."""
    url = reverse("stands:staffing", args=[world.event.slug])
    return client.get(url, {"stand": world.stand.pk, "q": typed}).content.decode()


def staff_of(world) -> set[Participant]:
    return set(world.stand.staff.all())


def test_an_organiser_adds_an_exhibitor_and_takes_one_off_and_the_leads_follow(client):
    world = stand_world()
    organiser = ParticipantFactory(event=world.event, role=Participant.Role.ORGANISER)
    services.scan_badge(by=None, stand=world.stand, code=world.code)
    newcomer = ParticipantFactory(event=world.event, role=Participant.Role.EXHIBITOR)
    client.force_login(organiser.person.user)
    # Organisers type and pick: the page names the present staff, not every candidate.
    page = client.get(staff_url(world)).content.decode()
    assert participant_label(world.exhibitor) in page
    assert newcomer.person.full_name not in page and world.rival.person.full_name not in page
    assert participant_label(newcomer) in suggested(client, world, newcomer.person.last_name)
    response = client.post(staff_url(world), {"staff": [participant_label(newcomer)]})
    assert response.url == url("stand", world, stand_id=world.stand.pk)
    assert staff_of(world) == {newcomer}
    notice = Notification.objects.get()
    assert (notice.recipient, notice.kind) == (newcomer, "stand-staffed")
    assert notice.url == url("stand", world, stand_id=world.stand.pk)
    assert describe(notice.kind, notice.data) == (
        "You now staff stand A1, “Optics Stand”: scan visitors' badges there."
    )
    entry = AuditEntry.objects.filter(action="stands.staff_set").get()
    assert entry.data == {"before": [world.exhibitor.pk], "staff": [newcomer.pk]}
    client.force_login(newcomer.person.user)
    assert client.get(url("leads", world, stand_id=world.stand.pk)).status_code == 200
    client.force_login(world.exhibitor.person.user)
    assert client.get(url("leads", world, stand_id=world.stand.pk)).status_code == 403


def test_the_exhibitors_manager_adds_a_colleague_but_not_a_rival(client):
    world = stand_world()
    manager = manager_of_exhibitor(world)
    colleague = colleague_of(world.exhibitor)
    client.force_login(manager.person.user)
    stand_page = client.get(url("stand", world, stand_id=world.stand.pk)).content.decode()
    assert f'href="{staff_url(world)}"' in stand_page
    page = client.get(staff_url(world)).content.decode()
    assert colleague.person.full_name in page
    assert world.rival.person.full_name not in page
    response = client.post(staff_url(world), {"staff": [world.exhibitor.pk, world.rival.pk]})
    assert response.status_code == 400
    assert staff_of(world) == {world.exhibitor}
    client.post(staff_url(world), {"staff": [world.exhibitor.pk, colleague.pk]})
    assert staff_of(world) == {world.exhibitor, colleague}


def test_staff_who_are_not_the_manager_change_nobody(client):
    world = stand_world()
    client.force_login(world.exhibitor.person.user)
    stand_page = client.get(url("stand", world, stand_id=world.stand.pk)).content.decode()
    assert staff_url(world) not in stand_page
    assert client.get(staff_url(world)).status_code == 403
    assert client.post(staff_url(world), {"staff": []}).status_code == 403
    assert staff_of(world) == {world.exhibitor}


def test_a_colleague_the_manager_may_not_see_stays_on_the_staff_unseen(client):
    world = stand_world()
    manager = manager_of_exhibitor(world)
    hidden = colleague_of(world.exhibitor, visibility=Visibility.HIDDEN, last_name="Hiddenová")
    services.set_staff(by=None, stand=world.stand, staff=[world.exhibitor, hidden])
    client.force_login(manager.person.user)
    assert "Hiddenová" not in client.get(staff_url(world)).content.decode()
    client.post(staff_url(world), {"staff": []})
    assert staff_of(world) == {hidden}


def test_the_service_refuses_someone_the_person_may_not_choose():
    world = stand_world()
    manager = manager_of_exhibitor(world)
    with pytest.raises(ValidationError):
        services.set_staff(by=manager.person.user, stand=world.stand, staff=[world.rival])
    with pytest.raises(PermissionDenied):
        services.set_staff(by=world.rival.person.user, stand=world.stand, staff=[world.rival])
    assert staff_of(world) == {world.exhibitor}
    # Someone already on the staff may stay, whoever put them there.
    services.set_staff(by=None, stand=world.stand, staff=[world.exhibitor, world.rival])
    services.set_staff(by=manager.person.user, stand=world.stand, staff=[world.rival])
    assert staff_of(world) == {world.rival}


def test_the_page_stays_the_same_for_many_people(client, django_assert_max_num_queries):
    """Organisers choose among every exhibitor and organiser: thousands at a big fair, so
    the page carries none of them but the present staff, in as many queries for 3 as 18."""
    world = stand_world()
    organiser = ParticipantFactory(event=world.event, role=Participant.Role.ORGANISER)
    client.force_login(organiser.person.user)
    with django_assert_max_num_queries(12) as few:
        size = len(client.get(staff_url(world)).content)
    newcomers = [
        ParticipantFactory(event=world.event, role=Participant.Role.EXHIBITOR) for _ in range(15)
    ]
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(staff_url(world))
    assert len(response.content) == size
    assert not any(p.person.full_name in response.content.decode() for p in newcomers)


def test_the_suggestions_of_a_stands_staff_page(client):
    """A stand's own exhibitor's delegates may staff it too; delegates of others may not,
    nor people of another event; a stand of another event is not found."""
    world = stand_world()
    organiser = ParticipantFactory(event=world.event, role=Participant.Role.ORGANISER)
    colleague = colleague_of(world.exhibitor, last_name="Kolegová")
    other_event = stand_world()
    client.force_login(organiser.person.user)
    assert participant_label(colleague) in suggested(client, world, "Kolegová")
    without_stand = reverse("stands:staffing", args=[world.event.slug])
    not_of_a_stand = client.get(without_stand, {"q": "Kolegová"}).content.decode()
    assert participant_label(colleague) not in not_of_a_stand
    visitor = suggested(client, world, world.visitor.person.last_name)
    assert participant_label(world.visitor) not in visitor
    for stand in [other_event.stand.pk, "x", "9" * 40, ""]:
        asked = client.get(without_stand, {"stand": stand, "q": "a"})
        assert asked.status_code == 404
    response = client.post(staff_url(world), {"staff": [participant_label(world.visitor)]})
    assert response.status_code == 400
    assert staff_of(world) == {world.exhibitor}


def test_the_page_is_in_czech(client):
    world = stand_world()
    organiser = ParticipantFactory(event=world.event, role=Participant.Role.ORGANISER)
    client.force_login(organiser.person.user)
    page = client.get(staff_url(world), HTTP_ACCEPT_LANGUAGE="cs").content.decode()
    assert "<h1>Obsluha stánku" in page and "Skenují jmenovky návštěvníků" in page
    with translation.override("cs"):
        told = describe("stand-staffed", {"number": "A1", "name": "Optika"})
    assert told == "Nově obsluhujete stánek A1 „Optika“: skenujte tam jmenovky návštěvníků."
