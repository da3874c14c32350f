"""A participant's calendar address in Chromium: subscribe, then change it after a leak."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from modus.matchmaking.services import publishing
from tests.factories import ParticipantFactory
from tests.matchmaking.helpers import event_with_day_1

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_participant_gets_a_new_calendar_address(page, sign_in):
    event, session = event_with_day_1()
    anna = ParticipantFactory(event=event)
    publishing.publish(by=None, event=event, state="final")
    sign_in(anna.person.user)
    page.goto(f"/events/{event.slug}/agenda/")
    address = page.get_by_label("Calendar address")
    old = address.input_value()
    assert old.endswith(".ics")
    assert Client().get("/" + old.split("/", 3)[3]).status_code == 200

    page.get_by_role("button", name="Get a new calendar address").click()
    expect(
        page.get_by_text(
            "Your calendar has a new address; the old one no longer works. Subscribe again."
        )
    ).to_be_visible()
    new = page.get_by_label("Calendar address").input_value()
    assert new != old
    assert Client().get("/" + old.split("/", 3)[3]).status_code == 404
    assert Client().get("/" + new.split("/", 3)[3]).status_code == 200
