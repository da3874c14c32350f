"""Asking for an introduction from a cluster's page and its manager answering, in Chromium."""

import pytest
from playwright.sync_api import expect

from modus.directory.models import IntroductionRequest
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def implant_cluster():
    cluster = OrganisationFactory(name="CZECHIMPLANT", slug="czechimplant", kind="cluster")
    cluster.manager = PersonFactory(
        organisation=cluster, first_name="Marek", last_name="Kovář", user__email="marek@ci.example"
    )
    cluster.save()
    return cluster


def ask_from_the_cluster_page(page, wish: str) -> None:
    page.goto("/directory/o/czechimplant/")
    page.get_by_test_id("ask-introduction").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for an introduction")
    page.get_by_label("Whom would you like to meet, and why?").fill(wish)
    page.get_by_role("button", name="Ask for an introduction").click()
    expect(
        page.get_by_text("The request was sent to Marek Kovář, the manager of CZECHIMPLANT.")
    ).to_be_visible()


def test_asking_from_a_cluster_page_and_the_manager_accepting(page, sign_in):
    cluster = implant_cluster()
    visitor = PersonFactory(first_name="Vera", last_name="Nová", user__email="vera@x.example")
    sign_in(visitor.user)
    ask_from_the_cluster_page(page, "Titanium implants for a joint project")
    expect(page.get_by_test_id("status")).to_have_text("Open")
    expect(page.get_by_text("waiting for Marek Kovář to answer")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_in(cluster.manager.user)
    page.get_by_role("link", name="Introductions").click()
    page.get_by_test_id("to-answer").get_by_role("link", name="CZECHIMPLANT").click()
    expect(page.get_by_text("Titanium implants for a joint project")).to_be_visible()
    page.get_by_role("button", name="Accept and share contacts").click()
    expect(page.get_by_text("You accepted the introduction")).to_be_visible()
    expect(page.get_by_test_id("contacts")).to_contain_text("vera@x.example")

    page.get_by_role("button", name="Sign out").click()
    sign_in(visitor.user)
    page.goto("/directory/introductions/")
    expect(page.get_by_test_id("asked").get_by_test_id("status")).to_have_text("Accepted")
    page.get_by_test_id("asked").get_by_role("link", name="CZECHIMPLANT").click()
    expect(page.get_by_test_id("contacts")).to_contain_text("marek@ci.example")
    assert IntroductionRequest.objects.get().status == "accepted"


def test_the_manager_declines_with_a_reason(page, sign_in):
    cluster = implant_cluster()
    visitor = PersonFactory(first_name="Vera", last_name="Nová")
    sign_in(visitor.user)
    ask_from_the_cluster_page(page, "Textile sensors")
    page.get_by_role("button", name="Sign out").click()
    sign_in(cluster.manager.user)
    page.goto("/directory/introductions/")
    page.get_by_test_id("to-answer").get_by_role("link", name="CZECHIMPLANT").click()
    page.get_by_role("button", name="Decline").click()
    expect(page.get_by_text("Give a reason for declining.")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("Open")
    page.get_by_label("Reason").fill("We make no textiles.")
    page.get_by_role("button", name="Decline").click()
    expect(page.get_by_test_id("status")).to_have_text("Declined")
    expect(page.get_by_test_id("reason")).to_have_text("We make no textiles.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
