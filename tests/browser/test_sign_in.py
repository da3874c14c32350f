import re

import pytest
from playwright.sync_api import expect

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_by_e_mail_link(page, live_server, mailoutbox):
    person = PersonFactory(user__email="eva@example.org", first_name="Eva")
    page.goto("/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("E-mail address").fill("eva@example.org")
    page.get_by_role("button", name="Send me a sign-in link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/link/\S+/", mailoutbox[0].body).group(0)
    page.goto(live_server.url + "/accounts/link/" + link.rsplit("/accounts/link/", 1)[1])
    page.get_by_role("button", name="Sign me in").click()
    expect(page.get_by_role("link", name="My profile")).to_be_visible()
    page.get_by_role("link", name="My profile").click()
    expect(page.get_by_label("First name")).to_have_value(person.first_name)


def test_a_used_link_is_refused(page, sign_in):
    person = PersonFactory()
    sign_in(person.user)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    page.goto("/accounts/link/not-a-real-token/")
    expect(page.get_by_role("heading", name="This link cannot sign you in")).to_be_visible()


def test_signing_in_by_link_from_a_deep_link_lands_on_it(page, live_server, mailoutbox):
    PersonFactory(user__email="eva@example.org", first_name="Eva")
    page.goto("/directory/me/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("E-mail address").fill("eva@example.org")
    page.get_by_role("button", name="Send me a sign-in link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/link/\S+", mailoutbox[0].body).group(0)
    page.goto(live_server.url + "/accounts/link/" + link.rsplit("/accounts/link/", 1)[1])
    page.get_by_role("button", name="Sign me in").click()
    expect(page).to_have_url(live_server.url + "/directory/me/")
    expect(page.get_by_label("First name")).to_have_value("Eva")
