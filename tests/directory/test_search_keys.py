"""Stored search keys follow the rules they are searched by: refreshed in a few queries
for any number of organisations, and made again after an upgrade changes the rules."""

import types
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test.utils import CaptureQueriesContext

from modus.directory import search
from modus.directory.models import Opportunity, Organisation, SearchKeyRules, Visibility
from modus.directory.search import compose, refresh_search_texts, refresh_stale_keys
from modus.directory.selectors import DirectoryFilters, search_organisations
from tests.factories import OpportunityFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def found(viewer, query: str) -> list[str]:
    return [o.name for o in search_organisations(viewer, DirectoryFilters(query=query))]


def organisation_with_offers(name: str, visibility: str = Visibility.PUBLIC) -> Organisation:
    organisation = OrganisationFactory(name=name, description="Glassworks in Karlovy Vary.")
    person = PersonFactory(organisation=organisation, visibility=visibility)
    OpportunityFactory(person=person, title="Hydrogen burners for glass furnaces")
    return organisation


def stale(organisation: Organisation) -> None:
    """Keys as an older release's rules might have made them: none of today's."""
    Organisation.objects.filter(pk=organisation.pk).update(
        search_name=" old", search_profile=" old", search_text=" old", public_search_text=" old"
    )
    Opportunity.objects.filter(person__organisation=organisation).update(
        search_keys=" old", title_keys=" old"
    )


def test_refresh_takes_the_same_queries_for_three_organisations_as_for_twelve():
    counts = []
    for size in (3, 12):
        organisations = [organisation_with_offers(f"Sklárna {size}-{n}") for n in range(size)]
        with CaptureQueriesContext(connection) as captured:
            refresh_search_texts(organisations)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_a_hidden_profile_s_offers_stay_out_of_the_stored_texts():
    public = organisation_with_offers("Public Glass")
    hidden = organisation_with_offers("Quiet Glass", visibility=Visibility.HIDDEN)
    refresh_search_texts([public, hidden])
    public.refresh_from_db()
    hidden.refresh_from_db()
    burner = compose(["burners"]).strip()
    assert burner in public.search_text and burner in public.public_search_text
    assert burner not in hidden.search_text and burner not in hidden.public_search_text


def test_unchanged_rules_leave_the_stored_keys_alone():
    organisation = organisation_with_offers("Sklárna Moser")
    SearchKeyRules.objects.update_or_create(
        pk=1, defaults={"fingerprint": search.rules_fingerprint()}
    )
    stale(organisation)
    with CaptureQueriesContext(connection) as captured:
        refresh_stale_keys(connection.alias)
    assert len(captured) <= 4  # the table check, the transaction and the fingerprint row
    organisation.refresh_from_db()
    assert organisation.search_text == " old"


def test_migrate_after_an_upgrade_makes_the_keys_again():
    organisation = organisation_with_offers("Sklárna Moser")
    stale(organisation)
    SearchKeyRules.objects.update_or_create(pk=1, defaults={"fingerprint": "an older release"})
    assert found(AnonymousUser(), "hydrogen") == []

    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)

    assert found(AnonymousUser(), "hydrogen") == ["Sklárna Moser"]
    assert found(AnonymousUser(), "sklárna") == ["Sklárna Moser"]
    item = Opportunity.objects.get(person__organisation=organisation)
    assert item.search_keys != " old" and item.title_keys != " old"
    assert SearchKeyRules.objects.get().fingerprint == search.rules_fingerprint()


def test_a_first_migrate_records_the_rules_of_the_keys_it_finds():
    SearchKeyRules.objects.all().delete()
    organisation = organisation_with_offers("Sklárna Moser")
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    assert SearchKeyRules.objects.get().fingerprint == search.rules_fingerprint()
    organisation.refresh_from_db()
    assert compose(["hydrogen"]) in organisation.search_text


def test_the_fingerprint_changes_with_the_word_form_rules(tmp_path, monkeypatch):
    before = search.rules_fingerprint()
    edited = tmp_path / "wordforms.py"
    rules = Path(search.wordforms.__file__).read_bytes()
    edited.write_bytes(rules + b"\n# one more rule\n")
    monkeypatch.setattr(search, "wordforms", types.SimpleNamespace(__file__=str(edited)))
    assert search.rules_fingerprint() != before
