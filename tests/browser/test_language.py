import pytest
from playwright.sync_api import expect

from modus.events.models import Participant
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_switching_to_czech_and_back(page):
    page.goto("/directory/?q=optics")
    expect(page.get_by_role("heading", name="Member directory")).to_be_visible()
    page.get_by_role("button", name="CS").click()
    expect(page.get_by_role("heading", name="Adresář členů")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "cs")
    assert page.url.endswith("/directory/?q=optics")
    page.goto("/")
    expect(page.get_by_role("link", name="Adresář", exact=True)).to_be_visible()
    page.get_by_role("button", name="EN").click()
    expect(page.get_by_role("link", name="Directory", exact=True)).to_be_visible()


def test_a_refused_page_is_the_site_s_own_at_phone_width_in_czech(page, sign_in):
    delegate = ParticipantFactory(role=Participant.Role.DELEGATE)
    sign_in(delegate.person.user)
    page.goto(f"/events/{delegate.event.slug}/manage/participants/")
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
    page.get_by_role("button", name="CS").click()
    expect(page.get_by_role("heading", name="Nepovoleno")).to_be_visible()
    expect(page.get_by_role("link", name="Zpět na úvodní stránku")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
