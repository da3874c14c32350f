"""The Content-Security-Policy in Chromium at phone width. Every browser test fails on what
the policy refuses (conftest.py); these walk the pages that run JavaScript one after another,
using it (htmx swaps and polls, the pickers, the scheduler's dialog, the check-in desk, the
big screen, the language switch), show that a handler written inline again is caught, and
that with reports on, Chromium's report of it is logged."""

import logging
import re
import threading

import pytest
from django.contrib import admin
from django.urls import reverse
from playwright.sync_api import expect

from tests.access.test_access_matrix import url_for
from tests.access.world import build_world
from tests.browser.conftest import refusals_of

pytestmark = pytest.mark.django_db(transaction=True)

POLICY = re.compile(r"script-src 'self'(;|$)")


@pytest.fixture
def world():
    return build_world()


def open_page(page, address: str):
    response = page.goto(address)
    assert response.status == 200, address
    assert POLICY.search(response.headers["content-security-policy"]), address
    return response


def test_the_pages_that_run_scripts_work_under_the_policy(page, sign_in, world):
    sign_in(world.users["organiser"])

    # The directory's results come by htmx as one types.
    open_page(page, url_for("directory:search", world))
    with page.expect_response(lambda response: "q=optics" in response.url):
        page.locator("input[name=q]").fill("optics")
    expect(page.locator("#results")).to_contain_text("Optics Cluster")

    # The check-in desk shows a refusal (422) in place, and empties the form for the next.
    open_page(page, url_for("events:check-in", world))
    page.get_by_label("Badge code").fill("BOGUS-123")
    page.get_by_role("button", name="Check in", exact=True).click()
    expect(page.locator("#check-in-answer")).to_contain_text("No badge has this code.")
    expect(page.get_by_label("Badge code")).to_have_value("")
    expect(page.get_by_label("Badge code")).to_be_focused()

    # The scheduler's review: Move… opens its dialog, filled by htmx.
    open_page(page, url_for("matchmaking:review", world))
    page.get_by_role("link", name="Move…").first.click()
    expect(page.get_by_role("dialog").get_by_role("heading")).to_have_text("Move the meeting")

    # The big screen asks for the count of ballots every few seconds.
    open_page(page, url_for("awards:screen", world))
    with page.expect_response(lambda response: "/awards/screen/count/" in response.url):
        pass
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()

    # The agenda's calendar address is selected whole by one tap.
    open_page(page, url_for("agenda:page", world))
    address = page.get_by_label("Calendar address")
    address.click()
    assert address.evaluate("field => field.selectionEnd - field.selectionStart") == len(
        address.input_value()
    )

    # Pickers: an organisation by typing its name, the exhibitors on the sessions page.
    open_page(page, url_for("directory:profile", world))
    page.get_by_label("Ask to join an organisation").fill("Optics")
    open_page(page, url_for("matchmaking:sessions", world))

    # Pages with their own scripts or drawings: the plans, the hall editor, the badges.
    for name in ("matchmaking:table-plan", "stands:hall", "stands:plan", "events:badges"):
        open_page(page, url_for(name, world))

    # The hall plan is as wide as a grid unit a rem makes it: wider than the phone, so it
    # scrolls sideways inside its box.
    open_page(page, url_for("stands:plan", world))
    assert page.locator("svg.hall-plan").evaluate("svg => svg.getBoundingClientRect().width") == (
        world.hall.width * 16
    )

    # The language switch, there and back.
    page.get_by_role("button", name="CS").click()
    expect(page.locator("html")).to_have_attribute("lang", "cs")
    page.get_by_role("button", name="EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_the_admin_works_under_the_same_policy(page, sign_in, world):
    """Django's admin runs no inline script or style: its lists, forms, pickers of related
    records, two-list choosers, date shortcuts and slugs made from names work under it."""
    sign_in(world.users["staff"])
    addresses = [reverse("admin:index")]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        addresses += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        first = model.objects.order_by("pk").first()
        if first is not None:
            addresses.append(reverse(f"{prefix}_change", args=[first.pk]))
    for address in addresses:
        open_page(page, address)
    open_page(page, reverse("admin:directory_organisation_add"))
    with page.expect_response(lambda response: "/admin/autocomplete/" in response.url):
        page.locator(".select2-selection").first.click()
        page.keyboard.type("O")
    page.keyboard.press("Escape")
    page.locator(".selector-chooseall").first.click()
    open_page(page, reverse("admin:events_event_add"))
    page.get_by_label("Name").press_sequentially("Prague Days")
    expect(page.locator("#id_slug")).to_have_value("prague-days")
    page.locator(".datetimeshortcuts a").first.click()
    expect(page.locator("#id_start_date")).not_to_have_value("")


def test_an_inline_handler_put_back_is_refused(browser, live_server, world):
    """A page given an onclick again, with the header Modus sends: the handler does not run,
    and the page fixture's watch sees why."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    refused = refusals_of(page)

    def with_an_inline_handler(route):
        response = route.fetch()
        body = response.text().replace("data-print", "onclick=\"document.title='ran'\"")
        route.fulfill(response=response, body=body)

    address = url_for("directory:catalogue", world)
    page.route(f"**{address}", with_an_inline_handler)
    page.goto(address)
    page.get_by_role("button", name="Print").click()
    assert page.title() != "ran"
    context.close()
    assert len(refused) == 1
    assert "Executing inline event handler violates" in refused[0]


class Logged(logging.Handler):
    """The lines of a logger, and word as soon as one comes (from the server's thread)."""

    def __init__(self):
        super().__init__()
        self.lines = []
        self.came = threading.Event()

    def emit(self, record):
        self.lines.append(record.getMessage())
        self.came.set()


def test_a_refusal_is_reported_and_logged_when_reports_are_on(
    browser, live_server, world, settings
):
    """With CSP_REPORT_URI=/csp-report, what Chromium reports of a refused inline handler
    becomes one log line naming the directive and the page."""
    policy = settings.CONTENT_SECURITY_POLICY
    directives = {**policy["DIRECTIVES"], "report-uri": [reverse("csp-report")]}
    settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    address = url_for("directory:catalogue", world)

    def with_an_inline_handler(route):
        response = route.fetch()
        body = response.text().replace("data-print", "onclick=\"document.title='ran'\"")
        route.fulfill(response=response, body=body)

    page.route(f"**{address}", with_an_inline_handler)
    logged = Logged()
    logging.getLogger("modus.csp").addHandler(logged)
    try:
        page.goto(address)
        page.get_by_role("button", name="Print").click()
        # Chromium posts the report from its network process, not the page.
        assert logged.came.wait(timeout=10), "no report came"
    finally:
        logging.getLogger("modus.csp").removeHandler(logged)
        context.close()
    assert logged.lines == [
        "CSP violation directive=script-src-attr blocked=inline"
        f" page={live_server.url}{address} disposition=enforce"
    ]
