"""Exhibitors' stands in Chromium: the organiser gives an exhibitor a stand, the exhibitor
accepts a request, and both agendas show the meeting at the stand."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from modus.matchmaking.models import Meeting, Table
from modus.matchmaking.services import requests, setup
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def expo():
    """One session of four 20-minute slots from 14:00 Prague time, two pool tables, an
    organiser, the exhibitor Ben of Richter Lasers and the delegate Anna of Novak Optics."""
    event = EventFactory(name="Laser Days", time_zone="Europe/Prague")
    setup.add_session(
        by=None,
        event=event,
        name="Day 1",
        starts_at=datetime(2022, 9, 26, 12, 0, tzinfo=UTC),
        slot_count=4,
    )
    setup.add_tables(by=None, event=event, count=2)
    people = {
        "organiser": ParticipantFactory(event=event, role="organiser"),
        "ben": ParticipantFactory(
            event=event,
            role="exhibitor",
            person__first_name="Ben",
            person__last_name="Richter",
            person__organisation__name="Richter Lasers",
        ),
        "anna": ParticipantFactory(
            event=event,
            person__first_name="Anna",
            person__last_name="Novak",
            person__organisation__name="Novak Optics",
        ),
    }
    return event, people


def url(event, path: str) -> str:
    return f"/events/{event.slug}/{path}"


def switch_to(page: Page, sign_in, participant) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    sign_in(participant.person.user)


def test_an_organiser_gives_an_exhibitor_a_stand_and_removes_it(page, sign_in, expo):
    event, people = expo
    sign_in(people["organiser"].person.user)
    page.goto(url(event, "manage/matchmaking/sessions/"))
    stands = page.get_by_test_id("stands")
    expect(stands.get_by_role("heading")).to_have_text("0 stands")
    expect(stands.locator("li")).to_have_text(["No stands yet."])
    expect(stands.get_by_label("Exhibitor").locator("option")).to_have_text(
        ["---------", "Ben Richter (Richter Lasers)"]
    )
    stands.get_by_label("Stand name").fill("S1")
    stands.get_by_label("Exhibitor").select_option(label="Ben Richter (Richter Lasers)")
    stands.get_by_role("button", name="Add stand").click()
    expect(page.get_by_text("Stand added.")).to_be_visible()
    stands = page.get_by_test_id("stands")
    expect(stands.get_by_role("heading")).to_have_text("1 stand")
    expect(stands.locator("li")).to_have_text(["Stand S1 (Richter Lasers) · Ben Richter Remove"])
    expect(
        stands.get_by_text("Every exhibitor has a stand. To give someone a stand, make them")
    ).to_be_visible()
    expect(page.get_by_test_id("tables").get_by_role("heading")).to_have_text("2 tables")
    assert Table.objects.get(name="S1").host == people["ben"]

    stands.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("Stand removed.")).to_be_visible()
    expect(page.get_by_test_id("stands").locator("li")).to_have_text(["No stands yet."])
    assert not Table.objects.filter(name="S1").exists()


def test_a_meeting_with_an_exhibitor_is_at_their_stand_in_both_agendas(page, sign_in, expo):
    event, people = expo
    ben, anna = people["ben"], people["anna"]
    setup.add_stand(by=None, event=event, name="S1", host=ben)
    requests.send_request(by=anna, recipient=ben, message="Lasers?")
    sign_in(ben.person.user)
    page.goto(url(event, "meetings/"))
    incoming = page.get_by_test_id("incoming")
    incoming.get_by_label("Time slot").select_option(index=1)
    incoming.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_text("Meeting with Anna Novak confirmed.")).to_be_visible()
    expect(page.get_by_test_id("meetings").locator("li p").first).to_have_text(
        "Mon 26. 9. 14:20–14:40 · Day 1 · stand S1 (Richter Lasers)"
    )
    assert Meeting.objects.get().table.name == "S1"

    switch_to(page, sign_in, anna)
    page.goto(url(event, "agenda/"))
    expect(page.get_by_test_id("agenda").locator("> li")).to_have_text(
        ["Day 1", "Mon 26. 9. 14:20–14:40 · stand S1 (Richter Lasers) Ben Richter, Richter Lasers"]
    )
