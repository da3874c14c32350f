"""The event page in Chromium on a phone-sized screen: the way to the award vote, and the
site's icon."""

import re

import pytest
from playwright.sync_api import expect

from modus.awards import services as award_services
from modus.events.models import Participant
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_organiser_reaches_the_vote_and_its_management_from_the_event_page(page, sign_in):
    event = EventFactory()
    organiser = ParticipantFactory(event=event, role=Participant.Role.ORGANISER).person.user
    award_services.add_award(by=None, event=event, name="Cluster Manager of the Year")
    sign_in(organiser)
    page.goto(f"/events/{event.slug}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="Manage awards").click()
    expect(page).to_have_url(re.compile(f"/events/{event.slug}/manage/awards/$"))
    page.go_back()
    page.get_by_role("link", name="Awards", exact=True).click()
    expect(page.get_by_role("heading", name="Cluster Manager of the Year")).to_be_visible()


def test_the_icon_is_served_where_browsers_ask_for_it(page):
    response = page.goto("/favicon.ico")
    assert (response.status, response.headers["content-type"]) == (200, "image/svg+xml")
