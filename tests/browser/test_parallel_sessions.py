"""Parallel sessions and the draft schedule in Chromium: an overlapping session is added with
a warning and its clashing slots are not offered; participants see the slots they picked at
once and the organiser's placements once the schedule is published."""

import re

import pytest
from playwright.sync_api import expect

from modus.matchmaking.services import publishing, requests
from tests.browser.helpers import named_participant, switch_to
from tests.factories import ParticipantFactory
from tests.matchmaking.helpers import event_with_day_1

pytestmark = pytest.mark.django_db(transaction=True)


def slot_times(*times: str) -> list[re.Pattern]:
    return [re.compile(rf"(^|\W)Mon 26 Sep {time}(\W|$)") for time in times]


def test_an_overlapping_session_is_added_with_a_warning_and_never_double_books(page, sign_in):
    event, day_1 = event_with_day_1(name="Optics Fair")
    organiser = ParticipantFactory(event=event, role="organiser")
    anna, ben, cyril = (
        named_participant(event, first, last)
        for first, last in (("Anna", "Novak"), ("Ben", "Richter"), ("Cyril", "Dvorak"))
    )
    sign_in(organiser.person.user)
    page.goto(f"/events/{event.slug}/manage/matchmaking/sessions/")
    page.get_by_label("Name").fill("Hall B")
    page.get_by_label("Day").fill("2022-09-26")
    page.get_by_label("Start").fill("14:30")
    page.get_by_label("Number of slots").fill("2")
    page.get_by_role("button", name="Add session").click()
    expect(page.get_by_text("Session added.")).to_be_visible()
    expect(page.locator(".messages li.warning")).to_have_text(
        "“Hall B” overlaps in time with “Day 1”. Both may run, but nobody will be booked "
        "into both at once."
    )
    expect(page.get_by_test_id("parallel")).to_have_text(
        [
            "Runs at the same time as “Hall B”; nobody is booked into both at once.",
            "Runs at the same time as “Day 1”; nobody is booked into both at once.",
        ]
    )
    # Anna meets Ben at 14:40–15:00; Cyril asks her too.
    requests.accept_request(
        request=requests.send_request(by=ben, recipient=anna),
        by=anna,
        slot=day_1.slots.get(position=2),
    )
    requests.send_request(by=cyril, recipient=anna)
    switch_to(page, sign_in, anna)
    page.goto(f"/events/{event.slug}/meetings/")
    picker = page.get_by_test_id("incoming").get_by_label("Time slot")
    # Hall B's 14:30 and 14:50 overlap her meeting at 14:40: not offered.
    expect(picker.locator("option")).to_have_text(
        slot_times("14:00–14:20", "14:20–14:40", "15:00–15:20")
    )


def test_participants_see_their_picked_slot_at_once_and_the_organisers_once_published(
    page, sign_in
):
    event, day_1 = event_with_day_1(name="Optics Fair")
    organiser = ParticipantFactory(event=event, role="organiser")
    anna, ben, cyril = (
        named_participant(event, first, last)
        for first, last in (("Anna", "Novak"), ("Ben", "Richter"), ("Cyril", "Dvorak"))
    )
    slots = list(day_1.slots.order_by("position"))
    requests.accept_request(
        request=requests.send_request(by=anna, recipient=ben), by=ben, slot=slots[0]
    )
    moved = requests.accept_request(
        request=requests.send_request(by=cyril, recipient=ben), by=ben, slot=slots[1]
    )
    publishing.move_meeting(by=organiser.person.user, meeting=moved, slot=slots[3])
    sign_in(organiser.person.user)
    page.goto(f"/events/{event.slug}/manage/schedule/")
    expect(page.get_by_test_id("draft-note")).to_have_text(
        "Participants already see the meetings they booked in a slot they picked themselves. "
        "The times and tables the scheduler or you set stay hidden from them until you "
        "publish the schedule."
    )
    switch_to(page, sign_in, ben)
    page.goto(f"/events/{event.slug}/agenda/")
    expect(page.get_by_test_id("agenda").locator("li strong")).to_have_text(
        slot_times("14:00–14:20")
    )
    expect(page.get_by_test_id("agenda-note")).to_contain_text(
        "The organisers are drafting the time and table of 1 of your meetings"
    )
    page.goto(f"/events/{event.slug}/meetings/")
    expect(
        page.get_by_text(
            "The organisers are drafting the schedule; you will see the time and table here "
            "once they publish it."
        )
    ).to_have_count(1)
    switch_to(page, sign_in, organiser)
    page.goto(f"/events/{event.slug}/manage/schedule/")
    page.get_by_role("button", name="Publish as provisional").click()
    expect(page.get_by_text("The schedule is published.")).to_be_visible()
    switch_to(page, sign_in, ben)
    page.goto(f"/events/{event.slug}/agenda/")
    expect(page.get_by_test_id("agenda").locator("li strong")).to_have_text(
        slot_times("14:00–14:20", "15:00–15:20")
    )
    expect(page.get_by_test_id("agenda-note")).to_have_text(
        ["This schedule is provisional: times and tables may still change."]
    )
