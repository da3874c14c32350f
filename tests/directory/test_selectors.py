import pytest
from django.contrib.auth.models import AnonymousUser

from modus.common.permissions import Audience
from modus.directory.models import Ecosystem, ValueChainStage, Visibility
from modus.directory.search import refresh_search_text
from modus.directory.selectors import (
    DirectoryFilters,
    catalogue,
    parent_organisations,
    search_organisations,
)
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def names(queryset) -> list[str]:
    return [organisation.name for organisation in queryset]


def test_search_finds_words_anywhere_without_accents():
    OrganisationFactory(name="Optika Turnov", description="Přesná optika pro lasery")
    OrganisationFactory(name="Textil Liberec", description="Nonwovens")
    result = search_organisations(AnonymousUser(), DirectoryFilters(query="presna LASERY"))
    assert names(result) == ["Optika Turnov"]


def test_search_covers_people_offers_and_requests():
    organisation = OrganisationFactory(name="Acme")
    person = PersonFactory(organisation=organisation, visibility=Visibility.PUBLIC)
    person.opportunities.create(direction="offer", kind="service", title="Cleanroom testing")
    refresh_search_text(organisation)
    result = search_organisations(AnonymousUser(), DirectoryFilters(query="cleanroom"))
    assert names(result) == ["Acme"]


@pytest.mark.parametrize(
    ("visibility", "anonymous", "signed_in"),
    [
        (Visibility.PUBLIC, ["Acme"], ["Acme"]),
        (Visibility.PARTICIPANTS, [], ["Acme"]),
        (Visibility.HIDDEN, [], []),
    ],
)
def test_offers_are_searchable_only_where_their_profile_is_visible(
    visibility, anonymous, signed_in
):
    organisation = OrganisationFactory(name="Acme")
    person = PersonFactory(organisation=organisation, visibility=visibility)
    person.opportunities.create(direction="offer", kind="service", title="Cleanroom testing")
    refresh_search_text(organisation)
    query = DirectoryFilters(query="cleanroom")
    assert names(search_organisations(AnonymousUser(), query)) == anonymous
    assert names(search_organisations(PersonFactory().user, query)) == signed_in


def test_filters_by_kind_country_ecosystem_stage_and_membership():
    cluster = OrganisationFactory(name="CLUTEX", kind="cluster")
    member = MembershipFactory(
        parent=cluster, member__name="Nonwoven Ltd", member__country="CZ"
    ).member
    member.ecosystems.set(Ecosystem.objects.filter(code="textile"))
    member.value_chain_stages.set(ValueChainStage.objects.filter(code="materials"))
    OrganisationFactory(name="Other Ltd", country="SK")
    viewer = AnonymousUser()
    assert names(search_organisations(viewer, DirectoryFilters(member_of=cluster.slug))) == [
        "Nonwoven Ltd"
    ]
    assert names(search_organisations(viewer, DirectoryFilters(ecosystem="textile"))) == [
        "Nonwoven Ltd"
    ]
    assert names(search_organisations(viewer, DirectoryFilters(stage="materials"))) == [
        "Nonwoven Ltd"
    ]
    assert names(search_organisations(viewer, DirectoryFilters(country="SK"))) == ["Other Ltd"]
    assert names(search_organisations(viewer, DirectoryFilters(kind="cluster"))) == ["CLUTEX"]


def test_visibility_of_organisations():
    OrganisationFactory(name="Open", visibility=Visibility.PUBLIC)
    OrganisationFactory(name="Members", visibility=Visibility.PARTICIPANTS)
    OrganisationFactory(name="Secret", visibility=Visibility.HIDDEN)
    viewer = PersonFactory(organisation=None).user
    assert names(search_organisations(AnonymousUser(), DirectoryFilters())) == ["Open"]
    assert names(search_organisations(viewer, DirectoryFilters())) == ["Members", "Open"]


def test_catalogue_lists_member_clusters_with_managers():
    association = OrganisationFactory(name="NCA", kind="association")
    cluster = MembershipFactory(parent=association, member__name="CLUTEX").member
    cluster.manager = PersonFactory(organisation=cluster, first_name="Jana", last_name="Nová")
    cluster.save()
    entries = list(catalogue(association, Audience.PARTICIPANTS))
    assert [entry.name for entry in entries] == ["CLUTEX"]
    assert entries[0].manager.full_name == "Jana Nová"
    assert (entries[0].manager_shown, entries[0].manager_contact) == (True, False)


def test_membership_filter_does_not_name_hidden_clusters():
    secret = OrganisationFactory(name="Secret Cluster", kind="cluster", visibility="hidden")
    MembershipFactory(parent=secret, member__name="Member Ltd")
    open_cluster = MembershipFactory(parent__name="Open Cluster", member__name="Other Ltd").parent
    viewer = AnonymousUser()
    assert names(parent_organisations(viewer)) == [open_cluster.name]
    assert names(search_organisations(viewer, DirectoryFilters(member_of=secret.slug))) == []


def test_a_parent_cluster_manager_finds_its_hidden_member():
    cluster = OrganisationFactory(name="Cluster", kind="cluster")
    cluster.manager = PersonFactory(organisation=cluster)
    cluster.save()
    MembershipFactory(parent=cluster, member__name="Quiet Ltd", member__visibility="hidden")
    found = search_organisations(cluster.manager.user, DirectoryFilters(member_of=cluster.slug))
    assert names(found) == ["Quiet Ltd"]
