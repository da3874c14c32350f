"""The programme and site visits in Chromium: attending a session, booking a tour, the
waitlist and its promotion, a clash refused, the host's list and the bus check."""

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from modus.events.models import Participant
from tests.browser.helpers import named_participant, switch_to
from tests.factories import PersonFactory
from tests.visits.factories import FutureEventFactory, ProgrammeSessionFactory, SiteVisitFactory, at

pytestmark = pytest.mark.django_db(transaction=True)


def test_adding_a_session_to_the_agenda(page, sign_in):
    event = FutureEventFactory(slug="ecc")
    ProgrammeSessionFactory(event=event, title="Clusters for the green transition", track="Green")
    ProgrammeSessionFactory(event=event, title="Digital SMEs", track="Digital")
    anna = named_participant(event, "Anna", "Nováková")
    sign_in(anna.person.user)
    page.goto("/events/ecc/programme/")
    page.get_by_label("Track").select_option("Green")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("Digital SMEs")).to_have_count(0)
    page.get_by_role("link", name="Clusters for the green transition").click()
    page.get_by_role("button", name="I'll attend").click()
    expect(page.get_by_text("The session is in your agenda.")).to_be_visible()
    expect(page.get_by_test_id("seats")).to_contain_text("In your agenda")


def test_booking_the_waitlist_and_moving_up_when_someone_cancels(page, sign_in):
    event = FutureEventFactory(slug="ecc")
    visit = SiteVisitFactory(event=event, title="Precision optics in Turnov", capacity=1)
    anna = named_participant(event, "Anna", "Nováková")
    ben = named_participant(event, "Ben", "Brown")
    sign_in(anna.person.user)
    page.goto(f"/events/ecc/visits/{visit.pk}/")
    page.get_by_role("button", name="Book a place").click()
    expect(page.get_by_text("You have a place on this tour.").first).to_be_visible()

    switch_to(page, sign_in, ben)
    page.goto("/events/ecc/visits/")
    page.get_by_role("link", name="Precision optics in Turnov").click()
    expect(page.get_by_test_id("places")).to_contain_text("Full")
    page.get_by_role("button", name="Join the waitlist").click()
    expect(page.get_by_text("You are number 1 on the waitlist.")).to_be_visible()

    switch_to(page, sign_in, anna)
    page.goto(f"/events/ecc/visits/{visit.pk}/")
    # Giving a place up asks first: dismissed, the place stays.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Cancel my place").click()
    expect(page.get_by_text("You have a place on this tour.")).to_be_visible()
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Cancel my place").click()
    expect(page.get_by_text("You no longer have a place on this tour.")).to_be_visible()
    assert asked == ["Give up your place? If others are waiting, it goes to the first of them."]

    switch_to(page, sign_in, ben)
    page.goto(f"/events/ecc/visits/{visit.pk}/")
    expect(page.get_by_text("You have a place on this tour.")).to_be_visible()
    page.goto("/events/ecc/notifications/")
    expect(page.get_by_text("“Precision optics in Turnov”").first).to_contain_text(
        "you moved up from the waitlist"
    )


def test_a_clash_is_refused_with_its_name(page, sign_in):
    event = FutureEventFactory(slug="ecc")
    ProgrammeSessionFactory(event=event, title="NCA side event", starts_at=at(15), capacity=20)
    visit = SiteVisitFactory(event=event, title="Nanofibres", starts_at=at(14))
    anna = named_participant(event, "Anna", "Nováková")
    sign_in(anna.person.user)
    page.goto("/events/ecc/programme/")
    page.get_by_role("link", name="NCA side event").click()
    page.get_by_role("button", name="I'll attend").click()
    page.goto(f"/events/ecc/visits/{visit.pk}/")
    page.get_by_role("button", name="Book a place").click()
    expect(page.get_by_text("This clashes with “NCA side event” at")).to_be_visible()
    expect(page.get_by_role("button", name="Book a place")).to_be_visible()
    assert visit.places.count() == 0


def test_the_host_list_and_the_bus_check(page, sign_in):
    event = FutureEventFactory(slug="ecc")
    visit = SiteVisitFactory(event=event, title="Technical textiles", capacity=2)
    manager = PersonFactory(first_name="Jana", last_name="Hostitelka")
    visit.host.manager = manager
    visit.host.save()
    named_participant(event, "Manager", "Itself", role=Participant.Role.DELEGATE)
    anna = named_participant(event, "Anna", "Nováková", person__phone="+420 601 222 333")
    anna.person.share_contact = True
    anna.person.save()
    sign_in(anna.person.user)
    page.goto(f"/events/ecc/visits/{visit.pk}/")
    page.get_by_role("button", name="Book a place").click()

    page.get_by_role("button", name="Sign out").click()
    sign_in(manager.user)
    page.goto(f"/events/ecc/visits/{visit.pk}/")
    page.get_by_role("link", name="Who comes").click()
    row = page.get_by_test_id("people").get_by_role("row").filter(has_text="Anna Nováková")
    expect(row).to_contain_text("+420 601 222 333")
    row.get_by_role("button", name="Showed up").click()
    expect(
        page.get_by_test_id("people").get_by_role("row").filter(has_text="Anna Nováková")
    ).to_contain_text("✔")
    assert visit.places.get().showed_up_at is not None
    with page.expect_download() as download:
        page.get_by_role("link", name="Export for Excel").click()
    content = io.BytesIO(Path(download.value.path()).read_bytes())
    rows = list(openpyxl.load_workbook(content).active.values)
    assert [row[1:4] for row in rows[1:]] == [
        ("Anna Nováková", anna.person.organisation.name, "+420 601 222 333")
    ]


def test_the_video_loads_from_its_host_only_after_a_click(page):
    event = FutureEventFactory(slug="ecc")
    visit = SiteVisitFactory(event=event, video_url="https://youtu.be/abcdefghijk")
    asked = []

    def record(route):
        asked.append(route.request.url)
        route.abort()

    page.route("**/*youtube*/**", record)
    page.goto(f"/events/ecc/visits/{visit.pk}/")
    expect(page.get_by_role("button", name="Play the video")).to_be_visible()
    assert asked == []
    page.get_by_role("button", name="Play the video").click()
    expect(page.locator("iframe.video-frame")).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1"
    )
