"""Playwright in Debian's Chromium against the live test server; never a downloaded browser."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from modus.accounts.services import issue_sign_in_token

CHROMIUM = Path("/usr/bin/chromium")

# Playwright's sync API runs an event loop in the test thread; the test's own ORM calls
# are still synchronous, so Django's async-safety guard must stand aside here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
    if CHROMIUM.exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="no /usr/bin/chromium (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def refusals_of(page) -> list[str]:
    """What the Content-Security-Policy blocks on the page from now on, as Chromium says it
    on the console ("... violates the following Content Security Policy directive ...")."""
    refused = []

    def note(message):
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            refused.append(f"{page.url}: {message.text}")

    page.on("console", note)
    return refused


@pytest.fixture
def page(browser, live_server):
    """A phone-sized page. Whatever the Content-Security-Policy blocks on it (an inline
    handler or style, an eval) fails the test that opened it: that is behaviour lost."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(10_000)
    refused = refusals_of(page)
    yield page
    context.close()
    assert refused == [], "the Content-Security-Policy refused:\n" + "\n".join(refused)


@pytest.fixture
def sign_in(page, live_server):
    """Sign a user in through a real one-time link, as a person would."""

    def sign_in_as(user):
        token = issue_sign_in_token(user=user)
        page.goto(f"/accounts/link/{token}/")
        page.get_by_role("button", name="Sign me in").click()
        page.wait_for_url(f"{live_server.url}/")

    return sign_in_as
