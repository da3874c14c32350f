"""Racing join requests on PostgreSQL: real threads, real transactions."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from modus.directory import services
from modus.directory.models import Opportunity, OrganisationJoinRequest, Person
from tests.concurrency import race
from tests.directory.test_forms import rows_post
from tests.factories import OpportunityFactory, OrganisationFactory, PersonFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def slow_reads(monkeypatch) -> None:
    """Widen the window between reading the open request and writing."""
    real = services.open_join_request

    def slow(person):
        found = real(person)
        time.sleep(0.3)
        return found

    monkeypatch.setattr(services, "open_join_request", slow)


def managed_organisation(name: str):
    organisation = OrganisationFactory(name=name)
    organisation.manager = PersonFactory(organisation=organisation)
    organisation.save()
    return organisation


def test_two_requests_at_once_leave_one_open(monkeypatch):
    slow_reads(monkeypatch)
    first, second = managed_organisation("A"), managed_organisation("B")
    person = PersonFactory(organisation=None)
    outcomes = race(
        [
            lambda o=o: services.request_to_join(by=person.user, person=person, organisation=o)
            for o in (first, second)
        ]
    )
    assert outcomes == ["done", "done"]
    statuses = sorted(OrganisationJoinRequest.objects.values_list("status", flat=True))
    assert statuses == ["pending", "withdrawn"]


def test_an_approval_racing_a_decline_answers_once(monkeypatch):
    organisation = managed_organisation("A")
    person = PersonFactory(organisation=None)
    join_request = services.request_to_join(
        by=person.user, person=person, organisation=organisation
    )
    real = services.lock_person

    def slow_lock(locked):
        found = real(locked)
        time.sleep(0.3)
        return found

    monkeypatch.setattr(services, "lock_person", slow_lock)
    manager = organisation.manager.user
    outcomes = race(
        [
            lambda: services.approve_join(by=manager, join_request=join_request),
            lambda: services.decline_join(by=manager, join_request=join_request),
        ]
    )
    assert outcomes == ["done", "refused"]
    join_request.refresh_from_db()
    joined = Person.objects.get(pk=person.pk).organisation == organisation
    assert joined is (join_request.status == "approved")


def test_two_tabs_adding_the_twelfth_offer_at_once_keep_twelve():
    person = PersonFactory()
    existing = [OpportunityFactory(person=person, title=f"Lens {n}") for n in range(11)]
    tabs = [Client(), Client()]
    for tab in tabs:
        tab.force_login(person.user)
    statuses = []

    def add_one(tab: Client) -> None:
        statuses.append(tab.post(reverse("directory:profile"), rows_post(existing, 1)).status_code)

    assert race([lambda tab=tab: add_one(tab) for tab in tabs]) == ["done", "done"]
    # One tab's offer is saved; the other is told the profile is full, and saves nothing.
    assert sorted(statuses) == [200, 302]
    assert person.opportunities.count() == 12


def test_two_tabs_saving_one_offer_at_once_keep_one_change_whole():
    person = PersonFactory()
    offer = OpportunityFactory(person=person, title="Lenses", description="From stock")
    opened = Opportunity.objects.get(pk=offer.pk)
    changes = [
        {"opportunities-0-title": "Lenses and mirrors"},
        {"opportunities-0-description": "In six weeks"},
    ]
    tabs = [Client(), Client()]
    for tab in tabs:
        tab.force_login(person.user)
    statuses = []

    def save(tab: Client, change: dict) -> None:
        data = rows_post([opened], 0, **change)
        statuses.append(tab.post(reverse("directory:profile"), data).status_code)

    outcomes = race([lambda t=t, c=c: save(t, c) for t, c in zip(tabs, changes, strict=True)])
    assert outcomes == ["done", "done"]
    assert sorted(statuses) == [200, 302]
    offer.refresh_from_db()
    # One tab's change, never a mix that undoes the other's.
    assert (offer.title, offer.description) in [
        ("Lenses and mirrors", "From stock"),
        ("Lenses", "In six weeks"),
    ]
