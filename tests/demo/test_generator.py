"""The demo event is built once per module (it takes seconds) and checked from every side."""

import hashlib
import io
import random
import re

import pytest
from django.core.management import call_command
from django.db import transaction

from modus.accounts.models import User
from modus.accounts.services import consume_sign_in_token
from modus.demo.generator import DEMO_ACCOUNTS, build_demo, participant_counts
from modus.directory.models import (
    Ecosystem,
    Membership,
    Opportunity,
    Organisation,
    Person,
    ValueChainStage,
)
from modus.directory.taxonomy import install as install_taxonomy
from modus.events.models import Event, Participant

SITE_VISIT_CLUSTERS = [
    "MECHATRONIKA Cluster",
    "NANOPROGRESS",
    "CLUTEX",
    "CZECHIMPLANT",
    "Czech Optical Cluster",
]


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        output = io.StringIO()
        call_command("demo", no_serve=True, stdout=output)
        yield output.getvalue()
        call_command("flush", interactive=False, verbosity=0)
        install_taxonomy(Ecosystem, ValueChainStage)  # the flush took the vocabularies too


@pytest.fixture
def demo(demo_output, db):
    return Event.objects.get(slug="ecc-2022")


def test_the_event_is_prague_2022(demo):
    assert (demo.name, demo.city, demo.time_zone) == (
        "European Cluster Conference 2022",
        "Prague",
        "Europe/Prague",
    )
    assert (str(demo.start_date), str(demo.end_date)) == ("2022-09-26", "2022-09-27")


def test_600_participants_from_exactly_40_countries(demo):
    assert demo.participants.count() == 600
    assert demo.participants.values("person__country").distinct().count() == 40


def test_every_role_is_present(demo):
    roles = set(demo.participants.values_list("role", flat=True))
    assert roles == set(Participant.Role.values)
    assert demo.participants.filter(role="exhibitor").count() == 60


def test_the_association_has_the_five_site_visit_clusters(demo):
    members = set(
        Membership.objects.filter(parent__name="National Cluster Association").values_list(
            "member__name", flat=True
        )
    )
    assert set(SITE_VISIT_CLUSTERS) <= members
    for name in SITE_VISIT_CLUSTERS:
        cluster = Organisation.objects.get(name=name)
        assert cluster.manager is not None
        assert cluster.members_held.exists() or name != "MECHATRONIKA Cluster"


def test_the_seed_visitors_are_there(demo):
    kinds = dict(Organisation.objects.values_list("name", "kind"))
    assert kinds["Ministry of Development and Technology of Poland"] == "public-authority"
    assert kinds["Embassy of Belgium – Flanders Representation"] == "public-authority"


def test_every_organisation_is_described_and_classified(demo):
    for organisation in Organisation.objects.prefetch_related("ecosystems", "value_chain_stages"):
        assert len(organisation.description) > 40, organisation.name
        assert organisation.ecosystems.exists(), organisation.name
        assert organisation.value_chain_stages.exists(), organisation.name
        assert organisation.search_text


def test_every_participant_has_one_to_four_offers_or_requests(demo):
    for person in Person.objects.all():
        count = person.opportunities.count()
        assert 1 <= count <= 4, person
    assert Opportunity.objects.filter(direction="request").exists()
    assert Opportunity.objects.filter(direction="offer").exists()


def test_the_command_prints_working_links_for_the_demo_accounts(demo_output, demo):
    for account in DEMO_ACCOUNTS:
        assert account.email in demo_output
    tokens = re.findall(r"/accounts/link/([\w-]+)/", demo_output)
    assert len(tokens) == len(DEMO_ACCOUNTS)
    assert consume_sign_in_token(raw_token=tokens[2]).email == "delegate@demo.example"


def test_a_second_run_loads_nothing_more(demo):
    output = io.StringIO()
    call_command("demo", no_serve=True, stdout=output)
    assert "already loaded" in output.getvalue()
    assert Participant.objects.count() == 600


def test_the_demo_is_deterministic(demo):
    first = fingerprint()
    with transaction.atomic():
        Event.objects.all().delete()
        Organisation.objects.all().delete()
        User.objects.all().delete()
        build_demo()
        second = fingerprint()
        transaction.set_rollback(True)
    assert first == second


def fingerprint() -> str:
    people = Person.objects.order_by("user__email").values_list(
        "first_name", "last_name", "user__email", "organisation__name", "country"
    )
    offers = Opportunity.objects.order_by("person__user__email", "title").values_list("title")
    return hashlib.sha256(repr((list(people), list(offers))).encode()).hexdigest()


def test_participant_counts_cover_40_countries_with_three_each():
    counts = participant_counts(random.Random(1))
    assert (len(counts), sum(counts.values()), min(counts.values())) == (40, 600, 3)
