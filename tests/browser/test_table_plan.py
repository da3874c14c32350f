"""The organiser's table plan in Chromium: the grid on a phone and a desktop, moving a
meeting by dragging it onto a cell, a refused move's reason, and the printed plan."""

import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from modus.events.models import Event, Participant
from modus.matchmaking.models import MatchmakingSession, Meeting, Table
from modus.matchmaking.services import publishing, setup
from tests.browser.helpers import named_participant
from tests.factories import ParticipantFactory
from tests.matchmaking.helpers import event_with_day_1, meet

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 800}
TIMES = ["14:00–14:20", "14:20–14:40", "14:40–15:00", "15:00–15:20"]
BEN = "Ben Richter (Richter Lasers)"
CYRIL = "Cyril Dvorak (Dvorak Machining)"


@dataclass
class Plan:
    """Day 1 from 14:00 Prague time, four 20-minute slots, tables T1 and T2. At T1: Anna–Ben
    at 14:00, Ben–Cyril at 14:20 and Anna–Dana, locked, at 14:40; Cyril–Dana waits."""

    event: Event
    session: MatchmakingSession
    organiser: Participant
    meetings: dict[str, Meeting]
    tables: dict[str, Table]

    def url(self, path: str) -> str:
        return f"/events/{self.event.slug}/{path}"


@pytest.fixture
def plan() -> Plan:
    event, session = event_with_day_1(name="Laser Days")
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    organiser = ParticipantFactory(event=event, role="organiser")
    people = {
        first: named_participant(event, first, last, organisation)
        for first, last, organisation in (
            ("Anna", "Novak", "Novak Optics"),
            ("Ben", "Richter", "Richter Lasers"),
            ("Cyril", "Dvorak", "Dvorak Machining"),
            ("Dana", "Kral", "Kral Sensors"),
        )
    }
    meetings = {}
    for requester, recipient, position in (
        ("Anna", "Ben", 0),
        ("Ben", "Cyril", 1),
        ("Anna", "Dana", 2),
        ("Cyril", "Dana", None),
    ):
        meeting = meet(people[requester], people[recipient])
        if position is not None:
            slot = session.slots.get(position=position)
            publishing.move_meeting(by=None, meeting=meeting, slot=slot)
        meetings[f"{requester}-{recipient}"] = meeting
    publishing.set_locked(by=None, meeting=meetings["Anna-Dana"], locked=True)
    tables = {table.name: table for table in event.tables.all()}
    return Plan(event, session, organiser, meetings, tables)


def cell(page: Page, table: str, position: int, session: str = "Day 1"):
    grid = page.get_by_test_id("plan-session").filter(has=page.get_by_role("heading", name=session))
    row = grid.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=table))
    return row.locator("td").nth(position)


def people_in(page: Page, table: str, position: int):
    return cell(page, table, position).locator(".plan-person")


def place_of(meeting: Meeting) -> tuple[int | None, str | None]:
    meeting.refresh_from_db()
    return (meeting.slot.position if meeting.slot else None, getattr(meeting.table, "name", None))


def open_plan(page: Page, sign_in, plan: Plan) -> None:
    sign_in(plan.organiser.person.user)
    page.goto(plan.url("manage/schedule/"))
    page.get_by_role("link", name="Table plan").click()
    expect(page.get_by_role("heading", name="Table plan", level=1)).to_be_visible()


def test_dragging_meetings_onto_cells_on_a_desktop(page, sign_in, plan):
    page.set_viewport_size(DESKTOP)
    open_plan(page, sign_in, plan)
    grid = page.get_by_test_id("plan-session")
    expect(grid.get_by_role("heading")).to_have_text("Day 1 · Mon 26 Sep 2022 · Laser Days")
    expect(grid.get_by_role("columnheader")).to_have_text(["Table", *TIMES])
    expect(grid.get_by_role("rowheader")).to_have_text(["T1", "T2"])
    expect(people_in(page, "T1", 1)).to_have_text([BEN, CYRIL])
    expect(cell(page, "T2", 3)).to_have_text("free")
    locked = cell(page, "T1", 2).locator(".plan-meeting")
    expect(locked).to_have_attribute("draggable", "false")
    expect(locked.get_by_role("img", name="locked in place")).to_be_visible()
    # A mark on the window proves the page is never reloaded below.
    page.evaluate("window.notReloaded = true")

    cell(page, "T1", 1).locator(".plan-meeting").drag_to(cell(page, "T2", 3))
    expect(page.get_by_role("status")).to_have_text("Meeting moved.")
    expect(people_in(page, "T2", 3)).to_have_text([BEN, CYRIL])
    expect(cell(page, "T1", 1)).to_have_text("free")
    assert place_of(plan.meetings["Ben-Cyril"]) == (3, "T2")

    # Ben meets Anna at 14:00, so Ben–Cyril cannot go to the free T2 then.
    cell(page, "T2", 3).locator(".plan-meeting").drag_to(cell(page, "T2", 0))
    expect(page.get_by_role("alert")).to_have_text(
        "Ben Richter already has a meeting in that slot."
    )
    expect(cell(page, "T2", 0)).to_have_text("free")
    expect(people_in(page, "T2", 3)).to_have_text([BEN, CYRIL])
    assert place_of(plan.meetings["Ben-Cyril"]) == (3, "T2")

    waiting = page.get_by_test_id("plan-waiting")
    expect(waiting.get_by_role("heading")).to_have_text("1 meeting waits for a slot")
    waiting.locator(".plan-meeting").drag_to(cell(page, "T2", 1))
    expect(page.get_by_role("status")).to_have_text("Meeting moved.")
    expect(people_in(page, "T2", 1)).to_have_text([CYRIL, "Dana Kral (Kral Sensors)"])
    expect(page.get_by_test_id("plan-waiting")).to_have_count(0)
    assert place_of(plan.meetings["Cyril-Dana"]) == (1, "T2")
    assert page.evaluate("window.notReloaded") is True


def test_on_a_phone_the_grid_scrolls_in_its_box_and_meetings_open_the_move_form(
    page, sign_in, plan
):
    open_plan(page, sign_in, plan)
    box = page.locator(".plan-wrap")
    sizes = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert sizes[0] > sizes[1]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # Scrolled to the last slot, the table names stay in view at the box's left edge.
    box.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    expect(cell(page, "T2", 3)).to_be_in_viewport()
    name = page.get_by_role("rowheader", name="T1").bounding_box()
    assert abs(name["x"] - box.bounding_box()["x"]) <= 2

    # Touch screens cannot drag: a meeting opens its move form, which leads back to the plan.
    box.evaluate("el => { el.scrollLeft = 0; }")
    meeting = plan.meetings["Ben-Cyril"]
    cell(page, "T1", 1).locator(".plan-meeting").click()
    expect(page).to_have_url(
        re.compile(rf"/manage/schedule/meetings/{meeting.pk}/move/\?from=plan$")
    )
    page.get_by_label("Move to").select_option(str(plan.session.slots.get(position=3).pk))
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.get_by_text("Meeting moved.")).to_be_visible()
    expect(page.get_by_role("heading", name="Table plan", level=1)).to_be_visible()
    assert place_of(meeting) == (3, "T1")


def test_the_printed_plan_has_one_landscape_page_per_session(page, sign_in, plan):
    setup.add_session(
        by=None,
        event=plan.event,
        name="Day 2",
        starts_at=datetime(2022, 9, 27, 7, 0, tzinfo=UTC),
        slot_count=3,
    )
    page.set_viewport_size(DESKTOP)
    open_plan(page, sign_in, plan)
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", name="Table plan", level=1)).to_be_hidden()
    expect(page.get_by_test_id("plan-waiting")).to_be_hidden()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(people_in(page, "T1", 0)).to_have_text(["Anna Novak (Novak Optics)", BEN])
    expect(cell(page, "T2", 2, session="Day 2")).to_be_visible()
    sessions = page.get_by_test_id("plan-session")
    expect(sessions.get_by_role("heading")).to_have_text(
        ["Day 1 · Mon 26 Sep 2022 · Laser Days", "Day 2 · Tue 27 Sep 2022 · Laser Days"]
    )
    box = page.locator(".plan-wrap").first
    assert box.evaluate("el => getComputedStyle(el).overflowX") == "visible"
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(pdf.pages) == 2
    for number, sheet in enumerate(pdf.pages):
        assert sheet.mediabox.width > sheet.mediabox.height
        assert f"Day {number + 1}" in sheet.extract_text()
