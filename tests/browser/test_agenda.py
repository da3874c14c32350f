"""The personal agenda in Chromium on a phone: meetings, sessions and tours together in the
event's time zone, clashes flagged; the programme session and the site visit are the real
kinds, placed as their booking core would have placed them."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from modus.events.models import ProgrammeSession, SessionPlace
from modus.visits.models import SiteVisit, TourBooking
from tests.browser.helpers import named_participant
from tests.matchmaking.helpers import DAY_1_STARTS, event_with_day_1, meet

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_agenda_shows_all_three_kinds_with_the_clash_flagged(page, sign_in):
    event, session = event_with_day_1(name="Laser Days")
    anna = named_participant(event, "Anna", "Novak", "Novak Optics")
    ben = named_participant(event, "Ben", "Richter", "Richter Lasers")
    slot = list(session.slots.order_by("position"))[1]  # 14:20–14:40 in Prague
    meet(anna, ben, slot)
    plenary = ProgrammeSession.objects.create(
        event=event,
        title="Opening plenary",
        starts_at=DAY_1_STARTS - timedelta(hours=2),
        ends_at=DAY_1_STARTS - timedelta(hours=1),
        room="Main hall",
    )
    SessionPlace.objects.create(
        bookable=plenary, participant=anna, status=SessionPlace.Status.BOOKED
    )
    tour = SiteVisit.objects.create(
        event=event,
        host=ben.person.organisation,
        title="Optics at Meopta",
        starts_at=slot.starts_at + timedelta(minutes=10),
        duration_minutes=90,
        meeting_point="Meopta, Přerov",
        capacity=10,
    )
    TourBooking.objects.create(bookable=tour, participant=anna, status=TourBooking.Status.BOOKED)
    sign_in(anna.person.user)
    page.get_by_role("button", name="Sign out").wait_for()
    page.goto(f"/events/{event.slug}/agenda/")
    expect(page.get_by_role("heading", name="My agenda", level=1)).to_be_visible()
    expect(page).to_have_title("My agenda · Modus")
    agenda = page.get_by_test_id("agenda")
    expect(agenda.locator("> li")).to_have_text(
        [
            "Monday 26 September",
            "Mon 26 Sep 12:00–13:00 · Programme session · Main hall Opening plenary Plenary",
            "Mon 26 Sep 14:20–14:40 · Meeting · Table T1 "
            "Meeting with Ben Richter (Richter Lasers) Day 1 "
            "Clashes with: Optics at Meopta",
            "Mon 26 Sep 14:30–16:00 · Site visit · Meopta, Přerov Optics at Meopta Richter Lasers "
            "Clashes with: Meeting with Ben Richter (Richter Lasers)",
        ]
    )
    expect(agenda.locator("li.clash")).to_have_count(2)
    expect(page.get_by_test_id("clash-summary")).to_have_text(
        "2 entries in your agenda clash in time with others; they are marked below."
    )
    # Nothing wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    agenda.get_by_role("link", name="Meeting with Ben Richter (Richter Lasers)").click()
    expect(page.get_by_role("heading", name="My meetings", level=1)).to_be_visible()
