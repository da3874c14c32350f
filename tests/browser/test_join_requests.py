"""Asking to join an organisation, and its manager answering, in Chromium."""

import pytest
from playwright.sync_api import expect

from modus.directory.models import Person, Visibility
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_asking_to_join_an_organisation_and_the_manager_approving(page, sign_in):
    cluster = OrganisationFactory(name="CLUTEX", slug="clutex", kind="cluster")
    cluster.manager = PersonFactory(organisation=cluster, first_name="Jana")
    cluster.save()
    person = PersonFactory(organisation=None, first_name="Petr", last_name="Malý")
    sign_in(person.user)
    page.goto("/directory/me/")
    page.get_by_label("Ask to join an organisation").fill("CLUTEX")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("You asked to join CLUTEX; its manager will answer.")).to_be_visible()
    expect(page.get_by_test_id("join-pending")).to_contain_text(
        "Pending: you asked to join CLUTEX."
    )
    assert Person.objects.get(pk=person.pk).organisation is None

    page.get_by_role("button", name="Sign out").click()
    sign_in(cluster.manager.user)
    page.goto("/directory/o/clutex/")
    request = page.get_by_test_id("join-request")
    expect(request).to_contain_text("Petr Malý")
    request.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Petr Malý now belongs to the organisation.")).to_be_visible()
    assert Person.objects.get(pk=person.pk).organisation == cluster


def test_typing_part_of_a_name_and_picking_the_suggestion(page, sign_in):
    """At phone width: the suggestions come from the server as one types, accents aside,
    and only organisations one may see."""
    cluster = OrganisationFactory(name="Česká Optická Asociace", kind="cluster")
    OrganisationFactory(name="Česká Tajná Asociace", visibility=Visibility.HIDDEN)
    OrganisationFactory(name="Cesky Textil")
    person = PersonFactory(organisation=None, first_name="Petr", last_name="Malý")
    sign_in(person.user)
    page.goto("/directory/me/")
    box = page.get_by_label("Ask to join an organisation")
    box.press_sequentially("ceska")
    suggestions = page.locator("#id_join_organisation-suggestions button")
    expect(suggestions).to_have_text(["Česká Optická Asociace"])
    box.press_sequentially(" x")
    expect(page.locator("#id_join_organisation-suggestions")).to_have_text(
        "Nothing matches “ceska x”."
    )
    box.fill("")
    box.press_sequentially("ČESKÁ opt")
    page.get_by_role("button", name="Česká Optická Asociace").click()
    expect(box).to_have_value("Česká Optická Asociace")
    expect(suggestions).to_have_count(0)
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_test_id("join-pending")).to_contain_text(
        "Pending: you asked to join Česká Optická Asociace."
    )
    assert person.join_requests.get().organisation == cluster
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def test_withdrawing_a_request_and_a_manager_declining_one(page, sign_in):
    cluster = OrganisationFactory(name="CLUTEX", slug="clutex", kind="cluster")
    cluster.manager = PersonFactory(organisation=cluster, first_name="Jana")
    cluster.save()
    petr = PersonFactory(organisation=None, first_name="Petr", last_name="Malý")
    sign_in(petr.user)
    page.goto("/directory/me/")
    page.get_by_label("Ask to join an organisation").fill("CLUTEX")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_role("button", name="Withdraw the request").click()
    expect(page.get_by_test_id("join-pending")).to_have_count(0)

    page.get_by_label("Ask to join an organisation").fill("CLUTEX")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_role("button", name="Sign out").click()
    sign_in(cluster.manager.user)
    page.goto("/directory/o/clutex/")
    page.get_by_test_id("join-request").get_by_role("button", name="Decline").click()
    expect(page.get_by_text("The request of Petr Malý was declined.")).to_be_visible()
    assert Person.objects.get(pk=petr.pk).organisation is None
