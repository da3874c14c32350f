"""Stands in Chromium on a phone-sized screen: the floor plan, scanning a lead by typed code
and exporting the leads, and placing a stand by dragging it."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from modus.stands import services
from modus.stands.models import Hall, Lead, Stand
from tests.factories import ParticipantFactory
from tests.stands.helpers import stand_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_floor_plan_opens_a_stand(page):
    world = stand_world()
    page.goto(f"/events/{world.event.slug}/stands/")
    plan = page.locator("svg.hall-plan")
    expect(plan).to_be_visible()
    assert page.locator(".hall-plan-wrap").bounding_box()["width"] <= 390
    page.locator("a.plan-stand", has_text="A2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A2 · Rival Stand")


def test_a_large_halls_stands_are_big_enough_to_tap_on_a_phone(page):
    """A 48-unit hall squeezed into 390 px made a 4-unit stand 28 px wide; the plan scrolls
    sideways instead, and the page itself does not."""
    world = stand_world()
    Hall.objects.filter(pk=world.hall.pk).update(width=48, height=30)
    page.goto(f"/events/{world.event.slug}/stands/")
    stand = page.locator("a.plan-stand", has_text="A2")
    box = stand.locator("rect").bounding_box()
    assert min(box["width"], box["height"]) >= 16 * min(
        world.other_stand.width, world.other_stand.depth
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    stand.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A2 · Rival Stand")


def test_staff_scan_a_typed_code_note_the_lead_and_export_it(page, sign_in):
    world = stand_world(first_name="Vera", last_name="Visitor", job_title="Buyer")
    sign_in(world.exhibitor.person.user)
    page.goto(f"/events/{world.event.slug}/stands/{world.stand.pk}/")
    page.get_by_role("link", name="Scan a badge").click()
    page.get_by_label("Badge code").fill("not-a-badge")
    page.get_by_role("button", name="Record the lead").click()
    expect(page.get_by_role("alert")).to_have_text("No badge has this code.")
    page.get_by_label("Badge code").fill(world.code)
    page.get_by_role("button", name="Record the lead").click()
    expect(page.get_by_text("New lead: Vera Visitor.")).to_be_visible()
    page.get_by_label("Notes").fill("Wants a quote for 40 filters")
    page.get_by_label("4", exact=True).check()
    page.get_by_label("Follow-up").select_option("contacted")
    page.get_by_role("button", name="Save and scan the next").click()
    expect(page.get_by_text("The lead is saved.")).to_be_visible()
    page.get_by_role("link", name="All leads of this stand").click()
    expect(page.get_by_role("link", name="Vera Visitor")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [
        (r["name"], r["job_title"], r["interest"], r["follow_up"], r["notes"]) for r in rows
    ] == [("Vera Visitor", "Buyer", "4", "contacted", "Wants a quote for 40 filters")]
    assert Lead.objects.get().scanned_by == world.exhibitor.person.user


def test_staff_download_the_leads_for_excel_on_a_phone(page, sign_in):
    world = stand_world(first_name="Šárka", last_name="Horáková")
    services.scan_badge(by=None, stand=world.stand, code=world.code)
    sign_in(world.exhibitor.person.user)
    page.goto(f"/events/{world.event.slug}/stands/{world.stand.pk}/leads/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export for Excel").click()
    assert download.value.suggested_filename.endswith("-leads.xlsx")
    content = io.BytesIO(Path(download.value.path()).read_bytes())
    name, organisation = [cell.value for cell in openpyxl.load_workbook(content).active[2]][:2]
    assert (name, organisation) == ("Šárka Horáková", world.visitor.person.organisation.name)


def test_an_organiser_drags_a_stand_into_place(page, sign_in):
    world = stand_world()
    organiser = ParticipantFactory(event=world.event, role="organiser")
    sign_in(organiser.person.user)
    page.goto(f"/events/{world.event.slug}/stands/manage/halls/{world.hall.pk}/")
    stand = page.locator(f'g.plan-stand[data-stand="{world.stand.pk}"]')
    box = stand.bounding_box()
    plan = page.locator("svg.hall-editor").bounding_box()
    unit = plan["width"] / world.hall.width
    page.mouse.move(box["x"] + 2, box["y"] + 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 2 + 6 * unit, box["y"] + 2 + 4 * unit, steps=8)
    page.mouse.up()
    page.get_by_role("button", name="Save positions").click()
    expect(page.get_by_text("Positions saved; 1 stand moved.")).to_be_visible()
    assert Stand.objects.values_list("x", "y").get(pk=world.stand.pk) == (6, 4)
