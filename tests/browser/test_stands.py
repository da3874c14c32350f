"""Exhibitors' stands in Chromium: the organiser gives an exhibitor a stand, the exhibitor
accepts a request, and both agendas show the meeting at the stand."""

import pytest
from playwright.sync_api import expect

from modus.events.pickers import participant_label
from modus.matchmaking.models import Meeting, Table
from modus.matchmaking.services import requests, setup
from modus.stands import services as stand_services
from modus.stands.models import Stand
from tests.browser.helpers import named_participant, switch_to
from tests.factories import ParticipantFactory
from tests.matchmaking.helpers import event_with_day_1

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def expo():
    """One session of four 20-minute slots from 14:00 Prague time, two pool tables, an
    organiser, the exhibitor Ben of Richter Lasers and the delegate Anna of Novak Optics."""
    event, _ = event_with_day_1(name="Laser Days")
    people = {
        "organiser": ParticipantFactory(event=event, role="organiser"),
        "ben": named_participant(event, "Ben", "Richter", "Richter Lasers", role="exhibitor"),
        "anna": named_participant(event, "Anna", "Novak", "Novak Optics"),
    }
    return event, people


def url(event, path: str) -> str:
    return f"/events/{event.slug}/{path}"


def test_an_organiser_gives_an_exhibitor_a_stand_and_removes_it(page, sign_in, expo):
    event, people = expo
    sign_in(people["organiser"].person.user)
    page.goto(url(event, "manage/matchmaking/sessions/"))
    stands = page.get_by_test_id("stands")
    expect(stands.get_by_role("heading")).to_have_text("0 stands")
    expect(stands.locator("li")).to_have_text(["No stands yet."])
    expect(stands.get_by_test_id("without-stand")).to_have_text("1 exhibitor has no stand yet.")
    stands.get_by_label("Stand name").fill("S1")
    # The exhibitors come as one types, from the server: the page lists none of them.
    box = stands.get_by_label("Exhibitor")
    box.press_sequentially("richt las")
    label = f"Ben Richter (Richter Lasers) · {people['ben'].person.user.email}"
    stands.get_by_role("button", name=label).click()
    expect(box).to_have_value(label)
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

    # It asks first: dismissed, the stand stays; accepted, it goes.
    page.once("dialog", lambda dialog: dialog.dismiss())
    stands.get_by_role("button", name="Remove").click()
    expect(stands.locator("li")).to_have_text(["Stand S1 (Richter Lasers) · Ben Richter Remove"])
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    stands.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("Stand removed.")).to_be_visible()
    assert asked == ["Remove this stand? Meetings booked there move to free tables."]
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
        "Mon 26 Sep 14:20–14:40 · Day 1 · stand S1 (Richter Lasers)"
    )
    assert Meeting.objects.get().table.name == "S1"

    switch_to(page, sign_in, anna)
    page.goto(url(event, "agenda/"))
    expect(page.get_by_test_id("agenda").locator("> li")).to_have_text(
        [
            "Monday 26 September",
            "Mon 26 Sep 14:20–14:40 · Meeting · Stand S1 (Richter Lasers) "
            "Meeting with Ben Richter (Richter Lasers) Day 1",
        ]
    )


def test_an_organiser_changes_a_stands_staff_on_a_phone(page, sign_in, expo):
    event, people = expo
    carla = named_participant(event, "Carla", "Kern", "Kern Photonics", role="exhibitor")
    stand = stand_services.add_stand(
        by=None, event=event, number="A1", name="Richter Lasers", staff=[people["ben"]]
    )
    sign_in(people["organiser"].person.user)
    page.goto(url(event, f"stands/{stand.pk}/"))
    page.get_by_role("link", name="Change the staff").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stand staff")
    # Organisers choose among every exhibitor and organiser: they type and pick.
    expect(page.get_by_label(participant_label(people["ben"]))).to_be_checked()
    page.get_by_label(participant_label(people["ben"])).uncheck()
    page.get_by_role("textbox", name="Staff").press_sequentially("kern")
    page.get_by_role("button", name=participant_label(carla)).click()
    expect(page.get_by_label(participant_label(carla))).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The stand's staff are saved.")).to_be_visible()
    expect(page.locator(".stand-list li")).to_have_text(["Carla Kern"])
    assert list(stand.staff.all()) == [carla]


def test_an_organiser_adds_a_stand_picking_its_exhibitor_and_staff_on_a_phone(page, sign_in, expo):
    """The exhibitor and the staff come as one types; each person picked is a ticked box,
    unticked to take them off again."""
    event, people = expo
    carla = named_participant(event, "Carla", "Kern", "Kern Photonics", role="exhibitor")
    sign_in(people["organiser"].person.user)
    page.goto(url(event, "stands/manage/"))
    form = page.locator("form", has=page.get_by_role("button", name="Add the stand"))
    form.get_by_label("Number").fill("B7")
    form.get_by_label("Name").fill("Lasers and more")
    form.get_by_label("Exhibitor").press_sequentially("richt")
    page.get_by_role("button", name="Richter Lasers").click()
    expect(form.get_by_label("Exhibitor")).to_have_value("Richter Lasers")
    staff = form.get_by_label("Staff")
    for typed, person in [("ben", people["ben"]), ("kern phot", carla)]:
        staff.press_sequentially(typed)
        page.get_by_role("button", name=participant_label(person)).click()
        expect(staff).to_have_value("")
    expect(page.get_by_label(participant_label(people["ben"]))).to_be_checked()
    page.get_by_label(participant_label(carla)).uncheck()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="Add the stand").click()
    expect(page.get_by_text("Stand B7 Lasers and more is added.")).to_be_visible()
    stand = Stand.objects.get(number="B7")
    assert (stand.exhibitor.name, list(stand.staff.all())) == ("Richter Lasers", [people["ben"]])
