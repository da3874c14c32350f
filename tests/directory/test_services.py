import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from modus.common.models import AuditEntry
from modus.directory import services
from modus.directory.models import (
    Ecosystem,
    Membership,
    Opportunity,
    Organisation,
    OrganisationJoinRequest,
    Person,
)
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_create_organisation_gives_a_unique_slug_and_search_text():
    first = services.create_organisation(by=None, name="Optika Praha", kind="company", country="CZ")
    second = services.create_organisation(
        by=None, name="Optika Praha", kind="company", country="CZ"
    )
    assert (first.slug, second.slug) == ("optika-praha", "optika-praha-2")
    assert Organisation.objects.get(pk=first.pk).search_text == " optik prah firm firm czechi"


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
    assert organisation.search_text.endswith(" nanovlakenn filtr textil")
    assert organisation.search_text.endswith(" textil")


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
    assert person.organisation.search_text.endswith(" optik soucastk dodavatel")
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


def test_a_thirteenth_offer_or_request_is_refused():
    person = PersonFactory()
    for number in range(12):
        services.add_opportunity(
            by=person.user, person=person, direction="offer", kind="product", title=f"Lens {number}"
        )
    with pytest.raises(ValidationError) as refused:
        services.add_opportunity(
            by=person.user, person=person, direction="request", kind="product", title="Prisms"
        )
    assert refused.value.messages == [
        "A profile holds at most 12 offers and requests; delete one to add another."
    ]
    assert person.opportunities.count() == 12


def test_a_change_begun_before_another_is_refused_and_a_deleted_offer_not_written_anew():
    person = PersonFactory()
    offer = services.add_opportunity(
        by=person.user, person=person, direction="offer", kind="product", title="Lenses"
    )
    begun = offer.edit_version
    services.update_opportunity(by=person.user, opportunity=offer, title="Mirrors", version=begun)
    stale = Opportunity.objects.get(pk=offer.pk)
    with pytest.raises(ValidationError) as refused:
        services.update_opportunity(
            by=person.user, opportunity=stale, title="Prisms", version=begun
        )
    assert refused.value.code == "changed-elsewhere"
    assert Opportunity.objects.get(pk=offer.pk).title == "Mirrors"
    Opportunity.objects.filter(pk=offer.pk).delete()
    with pytest.raises(ValidationError) as refused:
        services.update_opportunity(by=person.user, opportunity=stale, title="Prisms")
    assert refused.value.code == "removed-elsewhere"
    assert not Opportunity.objects.exists()


@pytest.fixture
def cluster():
    cluster = OrganisationFactory(kind="cluster")
    cluster.manager = PersonFactory(organisation=cluster)
    cluster.save()
    return cluster


def test_a_person_cannot_set_their_own_organisation(cluster):
    person = PersonFactory(organisation=None)
    with pytest.raises(ValidationError) as error:
        services.update_profile(by=person.user, person=person, organisation=cluster)
    assert set(error.value.message_dict) == {"organisation"}
    person.refresh_from_db()
    assert person.organisation is None


def test_leaving_an_organisation_and_setting_by_staff_or_import_stay_possible(cluster, staff_user):
    person = PersonFactory()
    services.update_profile(by=person.user, person=person, organisation=None)
    assert Person.objects.get(pk=person.pk).organisation is None
    services.update_profile(by=staff_user, person=person, organisation=cluster)
    assert Person.objects.get(pk=person.pk).organisation == cluster
    other = OrganisationFactory()
    services.update_profile(by=None, person=person, organisation=other)
    assert Person.objects.get(pk=person.pk).organisation == other


def test_joining_is_a_request_the_manager_approves(cluster):
    person = PersonFactory(organisation=None)
    join_request = services.request_to_join(by=person.user, person=person, organisation=cluster)
    assert Person.objects.get(pk=person.pk).organisation is None
    assert join_request.status == "pending"
    services.approve_join(by=cluster.manager.user, join_request=join_request)
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == ("approved", cluster.manager.user)
    assert Person.objects.get(pk=person.pk).organisation == cluster
    actions = list(
        AuditEntry.objects.filter(action__startswith="organisation.join")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["organisation.join_requested", "organisation.join_approved"]


def test_a_parent_cluster_manager_decides_for_a_member(cluster):
    member = MembershipFactory(parent=cluster).member
    person = PersonFactory(organisation=None)
    join_request = services.request_to_join(by=person.user, person=person, organisation=member)
    services.decline_join(by=cluster.manager.user, join_request=join_request)
    join_request.refresh_from_db()
    assert join_request.status == "declined"
    assert Person.objects.get(pk=person.pk).organisation is None


def test_only_who_may_change_the_organisation_decides(cluster):
    person = PersonFactory(organisation=None)
    join_request = services.request_to_join(by=person.user, person=person, organisation=cluster)
    for stranger in [person.user, PersonFactory().user]:
        with pytest.raises(PermissionDenied):
            services.approve_join(by=stranger, join_request=join_request)
        with pytest.raises(PermissionDenied):
            services.decline_join(by=stranger, join_request=join_request)
    join_request.refresh_from_db()
    assert join_request.status == "pending"
    assert Person.objects.get(pk=person.pk).organisation is None


def test_a_person_has_one_open_request(cluster):
    person = PersonFactory(organisation=None)
    first = services.request_to_join(by=person.user, person=person, organisation=cluster)
    other = OrganisationFactory()
    second = services.request_to_join(by=person.user, person=person, organisation=other)
    first.refresh_from_db()
    assert (first.status, second.status) == ("withdrawn", "pending")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationJoinRequest.objects.create(person=person, organisation=cluster)


def test_an_answered_request_cannot_be_answered_again(cluster):
    person = PersonFactory(organisation=None)
    join_request = services.request_to_join(by=person.user, person=person, organisation=cluster)
    services.decline_join(by=cluster.manager.user, join_request=join_request)
    with pytest.raises(ValidationError):
        services.approve_join(by=cluster.manager.user, join_request=join_request)
    assert Person.objects.get(pk=person.pk).organisation is None


def test_nobody_asks_to_join_a_hidden_organisation(cluster):
    cluster.visibility = "hidden"
    cluster.save()
    person = PersonFactory(organisation=None)
    with pytest.raises(ValidationError):
        services.request_to_join(by=person.user, person=person, organisation=cluster)
    assert OrganisationJoinRequest.objects.count() == 0


def test_nobody_asks_on_someone_elses_behalf(cluster):
    person = PersonFactory(organisation=None)
    with pytest.raises(PermissionDenied):
        services.request_to_join(by=PersonFactory().user, person=person, organisation=cluster)
    assert OrganisationJoinRequest.objects.count() == 0


def test_the_person_withdraws_their_request(cluster):
    person = PersonFactory(organisation=None)
    join_request = services.request_to_join(by=person.user, person=person, organisation=cluster)
    services.withdraw_join(by=person.user, join_request=join_request)
    join_request.refresh_from_db()
    assert join_request.status == "withdrawn"


def test_only_staff_make_an_organisation_an_association(cluster, staff_user):
    with pytest.raises(ValidationError) as error:
        services.update_organisation(
            by=cluster.manager.user, organisation=cluster, kind="association"
        )
    assert set(error.value.message_dict) == {"kind"}
    assert Organisation.objects.get(pk=cluster.pk).kind == "cluster"
    services.update_organisation(by=staff_user, organisation=cluster, kind="association")
    assert Organisation.objects.get(pk=cluster.pk).kind == "association"
    with pytest.raises(ValidationError):
        services.update_organisation(by=cluster.manager.user, organisation=cluster, kind="company")
    assert Organisation.objects.get(pk=cluster.pk).kind == "association"
    services.update_organisation(by=cluster.manager.user, organisation=cluster, city="Zlín")
    assert Organisation.objects.get(pk=cluster.pk).city == "Zlín"


def test_only_staff_or_the_system_create_an_association():
    with pytest.raises(ValidationError):
        services.create_organisation(
            by=PersonFactory().user, name="Umbrella", kind="association", country="CZ"
        )
    assert not Organisation.objects.filter(name="Umbrella").exists()
    services.create_organisation(by=None, name="Umbrella", kind="association", country="CZ")
    assert Organisation.objects.filter(name="Umbrella").count() == 1
