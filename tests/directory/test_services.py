import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from modus.directory import services
from modus.directory.models import Ecosystem, Membership, Opportunity, Organisation
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_create_organisation_gives_a_unique_slug_and_search_text():
    first = services.create_organisation(by=None, name="Optika Praha", kind="company", country="CZ")
    second = services.create_organisation(
        by=None, name="Optika Praha", kind="company", country="CZ"
    )
    assert (first.slug, second.slug) == ("optika-praha", "optika-praha-2")
    assert "optika praha" in Organisation.objects.get(pk=first.pk).search_text


def test_bad_organisation_input_is_refused_and_writes_nothing():
    with pytest.raises(ValidationError) as error:
        services.create_organisation(by=None, name="X", kind="spaceship", country="ZZ")
    assert set(error.value.message_dict) == {"kind", "country"}
    assert Organisation.objects.count() == 0


def test_update_organisation_checks_permission():
    organisation = OrganisationFactory()
    stranger = PersonFactory()
    with pytest.raises(PermissionDenied):
        services.update_organisation(by=stranger.user, organisation=organisation, city="Oslo")


def test_manager_updates_organisation_and_search_follows():
    organisation = OrganisationFactory()
    manager = PersonFactory(organisation=organisation)
    services.set_manager(by=None, organisation=organisation, manager=manager)
    services.update_organisation(
        by=manager.user,
        organisation=organisation,
        description="Nanovlákenné filtry",
        ecosystems=Ecosystem.objects.filter(code="textile"),
    )
    organisation.refresh_from_db()
    assert "nanovlakenne filtry" in organisation.search_text
    assert "textile" in organisation.search_text


def test_an_organisation_cannot_be_its_own_member():
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError):
        services.add_membership(by=None, member=organisation, parent=organisation)
    assert Membership.objects.count() == 0


def test_adding_a_membership_twice_keeps_one():
    member, parent = OrganisationFactory(), OrganisationFactory(kind="cluster")
    services.add_membership(by=None, member=member, parent=parent)
    services.add_membership(by=None, member=member, parent=parent)
    assert Membership.objects.count() == 1


def test_create_person_refuses_a_taken_address():
    services.create_person(by=None, email="eva@example.org", first_name="Eva", last_name="A")
    with pytest.raises(ValidationError) as error:
        services.create_person(by=None, email="EVA@example.org", first_name="Eva", last_name="B")
    assert "email" in error.value.message_dict


def test_opportunities_feed_the_organisation_search_text():
    person = PersonFactory()
    opportunity = services.add_opportunity(
        by=person.user,
        person=person,
        direction="request",
        kind="product",
        title="Optical components supplier",
    )
    person.organisation.refresh_from_db()
    assert "optical components supplier" in person.organisation.search_text
    services.remove_opportunity(by=person.user, opportunity=opportunity)
    person.organisation.refresh_from_db()
    assert "optical components" not in person.organisation.search_text
    assert Opportunity.objects.count() == 0


def test_nobody_adds_opportunities_to_someone_elses_profile():
    person, stranger = PersonFactory(), PersonFactory()
    with pytest.raises(PermissionDenied):
        services.add_opportunity(
            by=stranger.user, person=person, direction="offer", kind="product", title="X"
        )
    assert Opportunity.objects.count() == 0


def test_an_opportunity_with_a_bad_kind_is_refused():
    person = PersonFactory()
    with pytest.raises(ValidationError):
        services.add_opportunity(
            by=person.user, person=person, direction="sideways", kind="product", title="X"
        )
    assert Opportunity.objects.count() == 0
