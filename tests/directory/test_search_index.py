"""SQLite's FTS5 index of the search texts: present, in step with every writer, and only
ever narrowing what the LIKE finds."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, models, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modus.directory import search_index, services
from modus.directory.models import Ecosystem, Organisation, OrganisationJoinRequest
from modus.directory.search import compose, refresh_search_text, search_terms
from modus.directory.selectors import DirectoryFilters, search_organisations
from tests.directory import search_evaluation
from tests.directory.index_check import index_mismatches
from tests.directory.test_selectors import make_directory
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's index")
pytestmark = pytest.mark.django_db


def indexed(column: str, query: str) -> set[int]:
    """The organisations the index alone offers for a query."""
    keys = search_terms(query)
    return set(
        Organisation.objects.filter(search_index.candidates(column, keys)).values_list(
            "pk", flat=True
        )
    )


def found(viewer, query: str, partly: bool = False, **filters) -> list[str]:
    filters = DirectoryFilters(query=query, **filters)
    results = search_organisations(viewer, filters, partly=partly)
    return [organisation.name for organisation in results]


@on_sqlite
def test_a_migrated_database_has_the_index():
    assert search_index.installed(connection)


@pytest.mark.skipif(connection.vendor == "sqlite", reason="PostgreSQL keeps its trigram index")
def test_postgresql_gets_no_index_and_searches_with_like():
    assert search_index.TABLE not in connection.introspection.table_names()
    OrganisationFactory(name="Optika Turnov")
    with CaptureQueriesContext(connection) as captured:
        assert found(AnonymousUser(), "optika") == ["Optika Turnov"]
    assert "LIKE" in captured.captured_queries[0]["sql"]
    assert not any(search_index.TABLE in query["sql"] for query in captured.captured_queries)


@on_sqlite
def test_the_index_follows_an_organisation_created_updated_and_deleted():
    organisation = services.create_organisation(
        by=None, name="Optika Turnov", kind="company", country="CZ", description="Čočky"
    )
    assert indexed("public_search_text", "optik cock") == {organisation.pk}
    services.update_organisation(by=None, organisation=organisation, name="Brusírna Turnov")
    assert indexed("public_search_text", "optik") == set()
    assert indexed("search_text", "brusirn") == {organisation.pk}
    assert index_mismatches() == []
    organisation.delete()
    assert indexed("search_text", "brusirn") == set()
    assert index_mismatches() == []


@on_sqlite
def test_the_index_follows_people_and_their_offers():
    acme = OrganisationFactory(name="Acme")
    other = OrganisationFactory(name="Other")
    person = services.create_person(
        by=None,
        email="eva@example.org",
        first_name="Eva",
        last_name="Nová",
        organisation=acme,
        visibility="participants",
    )
    offer = services.add_opportunity(
        by=None, person=person, direction="offer", kind="service", title="Cleanroom testing"
    )
    # A participants-only profile's offer: found by signed-in people, not by visitors.
    assert indexed("search_text", "cleanroom") == {acme.pk}
    assert indexed("public_search_text", "cleanroom") == set()
    services.update_profile(by=None, person=person, visibility="public")
    assert indexed("public_search_text", "cleanroom") == {acme.pk}
    services.update_opportunity(by=None, opportunity=offer, title="Vacuum chambers")
    assert indexed("search_text", "cleanroom") == set()
    assert indexed("search_text", "vacuum") == {acme.pk}
    services.update_profile(by=None, person=person, organisation=other)
    assert indexed("search_text", "vacuum") == {other.pk}
    services.remove_opportunity(by=None, opportunity=offer)
    assert indexed("search_text", "vacuum") == set()
    assert index_mismatches() == []


@on_sqlite
def test_the_index_follows_an_approved_join_request():
    acme = OrganisationFactory(name="Acme")
    person = PersonFactory(organisation=None, visibility="public")
    person.opportunities.create(direction="request", kind="service", title="Cleanroom")
    join_request = OrganisationJoinRequest.objects.create(person=person, organisation=acme)
    services.approve_join(by=None, join_request=join_request)
    assert indexed("public_search_text", "cleanroom") == {acme.pk}
    assert index_mismatches() == []


@on_sqlite
def test_the_index_follows_bulk_writes():
    """What bench/directory.py, the demo and migrations do: no save(), no signals."""
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Bulk {n}",
            slug=f"bulk-{n}",
            kind="company",
            country="CZ",
            search_text=f" bulk {n} laser",
            public_search_text=f" bulk {n}",
        )
        for n in range(30)
    )
    assert len(indexed("search_text", "laser")) == 30
    assert indexed("public_search_text", "laser") == set()
    Organisation.objects.filter(name__in=["Bulk 1", "Bulk 2"]).update(search_text=" optik")
    assert len(indexed("search_text", "laser")) == 28
    Organisation.objects.filter(name__startswith="Bulk 1").delete()
    assert len(indexed("search_text", "laser")) == 18
    assert index_mismatches() == []


@on_sqlite
def test_saving_without_a_text_change_leaves_the_index_alone():
    organisation = OrganisationFactory(name="Acme")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {search_index.TABLE}_data")
        blocks = cursor.fetchone()
        organisation.city = "Zlín"
        organisation.save()
        cursor.execute(f"SELECT count(*) FROM {search_index.TABLE}_data")
        assert cursor.fetchone() == blocks
    assert index_mismatches() == []


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_migrate_repairs_the_index_after_sqlite_rebuilds_the_table():
    """SQLite alters a column by copying the table, which drops its triggers."""
    organisation = OrganisationFactory(name="Acme")
    old = Organisation._meta.get_field("city")
    new = models.CharField(max_length=120, blank=True)
    new.set_attributes_from_name("city")
    with connection.schema_editor() as editor:
        editor.alter_field(Organisation, old, new)
    try:
        assert not search_index.installed(connection)
        Organisation.objects.filter(pk=organisation.pk).update(search_text=" laser")
        emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
        assert search_index.installed(connection)
        assert indexed("search_text", "laser") == {organisation.pk}
        assert index_mismatches() == []
    finally:
        with connection.schema_editor() as editor:
            editor.alter_field(Organisation, new, old)
        search_index.repair(connection.alias)


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_going_back_past_the_migration_drops_the_index_and_forward_makes_it():
    OrganisationFactory(name="Optika Turnov")
    call_command("migrate", "directory", "0009_search_keys_and_weights", verbosity=0)
    try:
        assert search_index.TABLE not in connection.introspection.table_names()
    finally:
        # Every app: going back in the directory took the apps that depend on it back too.
        call_command("migrate", verbosity=0)
    assert search_index.installed(connection)
    assert indexed("search_text", "optik") == set(Organisation.objects.values_list("pk", flat=True))
    assert index_mismatches() == []


QUERIES = [
    *search_evaluation.TUNE,
    *search_evaluation.HELD_OUT,
    "a",
    "o",
    "op",
    "lens works",
    "3d_print",
    "ꞵeta",
    "optika ꞵeta",
    "zzyzx",
    "cryostat",
    "laser cryostat",
]


def test_search_finds_and_ranks_the_same_with_and_without_the_index(monkeypatch):
    """The index only narrows: every query, for visitors and signed-in people, finds the
    same organisations in the same order as the LIKE alone."""
    make_directory(
        [
            *search_evaluation.DIRECTORY,
            ("ꞵeta Labs", "company", "Beta 3D_printing.", ["Optical ꞵeta tests"]),
            ("O Lens", "company", "A lens.", []),
        ]
    )
    secret = OrganisationFactory(name="Cold Works", description="Makes things.")
    PersonFactory(organisation=secret, visibility="participants").opportunities.create(
        direction="offer", kind="product", title="Secret cryostats"
    )
    refresh_search_text(secret)
    # Every other organisation in one ecosystem: the filtered search lets that lead.
    ecosystem = Ecosystem.objects.order_by("pk").first()
    for organisation in Organisation.objects.order_by("pk")[::2]:
        organisation.ecosystems.set([ecosystem])
    participant = UserFactory()
    PersonFactory(user=participant, organisation=None)
    # A search for some of the words, too (what a query nothing holds whole falls back to).
    searches = [
        (viewer, query, filters)
        for viewer in [AnonymousUser(), participant]
        for query in QUERIES
        for filters in [(), (("ecosystem", ecosystem.code),), (("partly", True),)]
    ]
    with_index = {(str(v), q, f): found(v, q, **dict(f)) for v, q, f in searches}
    monkeypatch.setattr(search_index, "candidates", lambda column, keys, **options: Q())
    without_index = {(str(v), q, f): found(v, q, **dict(f)) for v, q, f in searches}
    assert with_index == without_index
    partly = (("partly", True),)
    # Some of the words, not what the viewer may not see: a hidden offer's words stay hidden.
    assert "Cold Works" in with_index[str(participant), "laser cryostat", partly]
    assert "Cold Works" not in with_index[str(AnonymousUser()), "laser cryostat", partly]
    with_index = {(v, q): names for (v, q, f), names in with_index.items() if not f}
    assert with_index[str(AnonymousUser()), "ꞵeta"] == ["ꞵeta Labs"]
    assert with_index[str(participant), "optika"][0] == "Turnov Optical Works"
    assert (
        with_index[str(AnonymousUser()), "cryostat"],
        with_index[str(participant), "cryostat"],
    ) == (
        [],
        ["Cold Works"],
    )


def test_a_key_the_tokenizer_could_split_is_left_to_the_like():
    assert search_index.indexable("optik")
    assert search_index.indexable("3d_print")
    assert search_index.indexable("cocky")
    assert not search_index.indexable("ꞵeta")  # a letter of Unicode 8
    assert search_index.candidates("search_text", ["ꞵeta"]) == Q()


@on_sqlite
@pytest.mark.parametrize("filters", [{}, {"ecosystem": "textile"}, {"member_of": "clutex"}])
def test_a_word_search_reads_the_index_not_every_organisation(filters):
    make_directory(search_evaluation.DIRECTORY)
    for viewer in [AnonymousUser(), PersonFactory(organisation=None).user]:
        queryset = search_organisations(viewer, DirectoryFilters(query="laser optika", **filters))
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = [row[-1] for row in cursor.fetchall()]
        assert any(step.startswith(f"SCAN {search_index.TABLE} VIRTUAL TABLE") for step in plan), (
            plan
        )
        assert "SCAN directory_organisation" not in plan, plan


# Words of any script, digits, "_" and letters newer than the tokenizer's Unicode 6.1.
WORDS = st.text(
    alphabet=st.characters(categories=["L", "N"], include_characters="_ꞵ"), min_size=1, max_size=8
)


@on_sqlite
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    documents=st.lists(st.lists(WORDS, max_size=6), min_size=1, max_size=4),
    query=st.lists(WORDS, min_size=1, max_size=3).map(" ".join),
)
def test_the_index_offers_every_organisation_the_like_finds(documents, query):
    with transaction.atomic():
        Organisation.objects.bulk_create(
            Organisation(
                name="x", slug=f"x-{n}", kind="company", country="CZ", search_text=compose(words)
            )
            for n, words in enumerate(documents)
        )
        # One word may give several keys: "Ŀ0" folds to "l·0", the words "l" and "0".
        liked = Organisation.objects.all()
        for key in search_terms(query):
            liked = liked.filter(search_text__contains=" " + key)
        assert set(liked.values_list("pk", flat=True)) <= indexed("search_text", query)
        # And for a search of some of the words: each organisation holding one of them.
        keys = search_terms(query)
        some = Q(pk__in=[])
        for key in keys:
            some |= Q(search_text__contains=" " + key)
        offered = Organisation.objects.filter(
            search_index.candidates("search_text", keys, any_key=True)
        )
        assert set(Organisation.objects.filter(some).values_list("pk", flat=True)) <= set(
            offered.values_list("pk", flat=True)
        )
        transaction.set_rollback(True)
