import pytest
from django.contrib.auth.models import AnonymousUser

from modus.common.permissions import Audience
from modus.directory.models import Ecosystem, Organisation, ValueChainStage, Visibility
from modus.directory.search import Reason, refresh_search_text
from modus.directory.selectors import (
    DirectoryFilters,
    catalogue,
    explain_results,
    parent_organisations,
    search_organisations,
)
from tests.directory import search_evaluation
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

# Held-out queries of tests/directory/search_evaluation.py that search gets exactly right.
HELD_OUT_RIGHT = 8


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


def make_directory(rows) -> None:
    for name, kind, description, offers in rows:
        organisation = OrganisationFactory(name=name, kind=kind, description=description)
        person = PersonFactory(organisation=organisation, visibility=Visibility.PUBLIC)
        for title in offers:
            person.opportunities.create(direction="offer", kind="service", title=title)
        refresh_search_text(organisation)


def found(query: str) -> set[str]:
    return set(names(search_organisations(AnonymousUser(), DirectoryFilters(query=query))))


def test_optika_finds_optics_and_vyzkum_finds_research_bodies():
    make_directory(search_evaluation.DIRECTORY)
    assert found("optika") == {
        "Turnov Optical Works",
        "Bohemia Lens",
        "Institute of Photonics Brno",
    }
    assert found("výzkum") == {"Institute of Photonics Brno", "Výzkumný ústav textilní"}


def test_the_tuning_queries_find_exactly_what_is_expected():
    make_directory(search_evaluation.DIRECTORY)
    assert {query: found(query) for query in search_evaluation.TUNE} == search_evaluation.TUNE


def test_held_out_queries_are_reported():
    """Not tuned on: this records how many of them search gets exactly right."""
    make_directory(search_evaluation.DIRECTORY)
    right = sorted(
        query for query, expected in search_evaluation.HELD_OUT.items() if found(query) == expected
    )
    print(f"held-out: {len(right)} of {len(search_evaluation.HELD_OUT)} exactly right")
    assert len(right) == HELD_OUT_RIGHT


def test_a_name_match_ranks_above_a_profile_match_above_an_offer_match():
    make_directory(
        [
            ("Alpha Lens", "company", "Precision optics.", []),
            ("Beta Works", "company", "Makes things.", ["Optics for lasers"]),
            ("Zeta Optics", "company", "Makes things.", []),
            ("Gamma", "company", "Makes things.", []),
        ]
    )
    result = search_organisations(AnonymousUser(), DirectoryFilters(query="optika"))
    assert names(result) == ["Zeta Optics", "Alpha Lens", "Beta Works"]


def test_laser_shows_the_offer_it_matched_in_highlighted():
    make_directory([("Glamour Cosmetics", "company", "Makes creams.", ["Laser hair removal"])])
    query = DirectoryFilters(query="lasery")
    results = explain_results(AnonymousUser(), query, search_organisations(AnonymousUser(), query))
    assert [(o.name_html, o.reasons) for o in results] == [
        ("Glamour Cosmetics", [Reason(label="Offer", text="<mark>Laser</mark> hair removal")])
    ]


def test_a_name_match_needs_no_other_reason_and_is_highlighted():
    make_directory([("Laser <Lab>", "company", "Lasers.", [])])
    query = DirectoryFilters(query="laser")
    results = explain_results(AnonymousUser(), query, search_organisations(AnonymousUser(), query))
    assert [(o.name_html, o.reasons) for o in results] == [("<mark>Laser</mark> &lt;Lab&gt;", [])]


def test_reasons_show_only_offers_of_profiles_the_viewer_may_see():
    make_directory([("Acme", "company", "Makes things.", ["Laser cutting"])])
    secret = PersonFactory(
        organisation=Organisation.objects.get(name="Acme"), visibility=Visibility.PARTICIPANTS
    )
    secret.opportunities.create(direction="request", kind="service", title="Secret laser plan")
    refresh_search_text(secret.organisation)
    query = DirectoryFilters(query="laser plan")
    anonymous = search_organisations(AnonymousUser(), query)
    assert names(anonymous) == []
    viewer = PersonFactory().user
    results = explain_results(viewer, query, search_organisations(viewer, query))
    assert [o.reasons for o in results] == [
        [Reason(label="Request", text="Secret <mark>laser</mark> <mark>plan</mark>")]
    ]
    query = DirectoryFilters(query="laser")
    results = explain_results(AnonymousUser(), query, search_organisations(AnonymousUser(), query))
    assert [o.reasons for o in results] == [
        [Reason(label="Offer", text="<mark>Laser</mark> cutting")]
    ]


def test_a_refused_search_finds_nothing():
    OrganisationFactory(name="Acme")
    assert names(search_organisations(AnonymousUser(), DirectoryFilters(refused=True))) == []
