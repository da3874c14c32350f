import pytest
from playwright.sync_api import expect

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
