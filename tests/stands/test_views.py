"""The stand pages through HTTP: the plan, search, scanning, leads and their CSV, the
visitor's choice, and the organiser's halls and placement."""

import csv
import io
import re
from datetime import UTC, datetime

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from modus.directory.models import Ecosystem
from modus.directory.search import refresh_search_text
from modus.events.badges import badge_for
from modus.events.models import Participant
from modus.events.pickers import participant_label
from modus.matchmaking.services import setup
from modus.stands import services
from modus.stands.models import Hall, Lead, Stand
from tests.factories import ParticipantFactory
from tests.stands.helpers import stand_world

pytestmark = pytest.mark.django_db


def url(name: str, world, **kwargs) -> str:
    return reverse(f"stands:{name}", kwargs={"slug": world.event.slug, **kwargs})


def test_the_plan_is_an_svg_of_links_to_the_stands(client):
    world = stand_world()
    response = client.get(url("plan", world))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'viewBox="0 0 20 10"' in body
    stand_url = url("stand", world, stand_id=world.stand.pk)
    assert f'<a class="plan-stand" href="{stand_url}"' in body
    page = client.get(stand_url).content.decode()
    assert "Thin-film filters" in page


def test_search_by_name_offer_and_ecosystem(client, django_assert_max_num_queries):
    world = stand_world()
    ecosystem = Ecosystem.objects.first()
    world.other_stand.exhibitor.ecosystems.add(ecosystem)

    def numbers(**query):
        with django_assert_max_num_queries(6):
            response = client.get(url("search", world), query)
        return [stand.number for stand in response.context["page"]]

    assert numbers(q="thin-film") == ["A1"]
    assert numbers(q="rival") == ["A2"]
    assert numbers(ecosystem=ecosystem.pk) == ["A2"]
    assert numbers() == ["A1", "A2"]
    assert numbers(q="nothing like it") == []


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("plzen", ["A1"]),
        ("PLZEŇ", ["A1"]),
        ("zlin", ["A2"]),
        ("laser optics", ["A1"]),
        ("optics rival", []),
        ("a2", ["A2"]),
    ],
)
def test_search_folds_case_and_accents_and_finds_each_word(client, query, found):
    world = stand_world()
    world.stand.description = "Lasers and optics from Plzeň."
    world.stand.save()
    organisation = world.other_stand.exhibitor
    organisation.name = "Zlínská strojírna"
    organisation.save()
    refresh_search_text(organisation)
    response = client.get(url("search", world), {"q": query})
    assert [stand.number for stand in response.context["page"]] == found


def test_search_pages_stay_bounded(client, django_assert_max_num_queries):
    world = stand_world()
    for n in range(30):
        services.add_stand(by=None, event=world.event, number=f"C{n:02}", name=f"Stand {n}")
    with django_assert_max_num_queries(6):
        response = client.get(url("search", world), {"page": 2})
    assert len(response.context["page"]) == 7


def test_staff_scan_a_typed_code_and_land_on_the_lead(client):
    world = stand_world()
    client.force_login(world.exhibitor.person.user)
    response = client.post(url("scan", world, stand_id=world.stand.pk), {"code": world.code})
    lead = Lead.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("lead", world, stand_id=world.stand.pk, lead_id=lead.pk)
    client.post(url("scan", world, stand_id=world.stand.pk), {"code": world.code})
    assert Lead.objects.values_list("scans", flat=True).get() == 2


def test_a_bad_code_says_why_and_records_nothing(client):
    world = stand_world()
    client.force_login(world.exhibitor.person.user)
    response = client.post(url("scan", world, stand_id=world.stand.pk), {"code": "bogus"})
    assert response.status_code == 200
    assert "No badge has this code." in response.content.decode()
    assert Lead.objects.count() == 0


def test_another_exhibitor_sees_neither_the_scanner_nor_the_leads(client):
    world = stand_world()
    lead, _created = services.scan_badge(by=None, stand=world.stand, code=world.code)
    client.force_login(world.rival.person.user)
    for address in (
        url("scan", world, stand_id=world.stand.pk),
        url("leads", world, stand_id=world.stand.pk),
        url("leads-csv", world, stand_id=world.stand.pk),
        url("lead", world, stand_id=world.stand.pk, lead_id=lead.pk),
    ):
        assert client.get(address).status_code == 403
    # Nor through their own stand's address.
    response = client.get(url("lead", world, stand_id=world.other_stand.pk, lead_id=lead.pk))
    assert response.status_code == 404


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_xlsx_of_leads_has_the_csvs_rows_as_text(client):
    world = stand_world(phone="+420 777 000 111", job_title="Buyer")
    lead, _created = services.scan_badge(by=None, stand=world.stand, code=world.code)
    services.update_lead(by=None, lead=lead, notes="=HYPERLINK()\x0b", rating=5, follow_up="new")
    client.force_login(world.exhibitor.person.user)
    response = client.get(url("leads-xlsx", world, stand_id=world.stand.pk))
    header, row = openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows()
    assert [cell.value for cell in header] == rows_of(
        client.get(url("leads-csv", world, stand_id=world.stand.pk))
    )[0]
    assert (row[4].value, row[9].value, row[11].value) == ("+420 777 000 111", 5, "=HYPERLINK()")
    assert row[11].data_type == "s"


def test_the_csv_keeps_name_and_organisation_only_when_the_visitor_asks(client):
    world = stand_world(phone="+420 777 000 111", job_title="Buyer")
    lead, _created = services.scan_badge(by=None, stand=world.stand, code=world.code)
    services.update_lead(by=None, lead=lead, notes="=HYPERLINK()", rating=5, follow_up="new")
    client.force_login(world.exhibitor.person.user)
    person = world.visitor.person
    header, row = rows_of(client.get(url("leads-csv", world, stand_id=world.stand.pk)))
    assert header[:6] == ["name", "organisation", "job_title", "email", "phone", "country"]
    assert row[:6] == [
        person.full_name,
        person.organisation.name,
        "Buyer",
        person.user.email,
        "'+420 777 000 111",  # a formula start, quoted as every export does
        "CZ",
    ]
    assert (row[9], row[11]) == ("5", "'=HYPERLINK()")

    client.force_login(person.user)
    client.post(url("withhold", world, lead_id=lead.pk), {"withheld": "1"})
    client.force_login(world.exhibitor.person.user)
    header, row = rows_of(client.get(url("leads-csv", world, stand_id=world.stand.pk)))
    assert row[:6] == [person.full_name, person.organisation.name, "", "", "", ""]
    page = client.get(url("lead", world, stand_id=world.stand.pk, lead_id=lead.pk))
    assert person.user.email not in page.content.decode()
    assert "+420 777 000 111" not in page.content.decode()


def test_the_visitor_sees_which_stands_scanned_them(client, django_assert_max_num_queries):
    world = stand_world()
    services.scan_badge(by=None, stand=world.stand, code=world.code)
    services.scan_badge(by=None, stand=world.other_stand, code=world.code)
    lead, _created = services.scan_badge(by=None, stand=world.stand, code=world.code)
    services.update_lead(by=None, lead=lead, notes="Private note", rating=2, follow_up="new")
    client.force_login(world.visitor.person.user)
    with django_assert_max_num_queries(8):
        response = client.get(url("scanned-me", world))
    body = response.content.decode()
    assert [lead.stand.number for lead in response.context["page"]] == ["A1", "A2"]
    assert "Private note" not in body


def test_nobody_else_withholds_a_visitors_contact(client):
    world = stand_world()
    lead, _created = services.scan_badge(by=None, stand=world.stand, code=world.code)
    client.force_login(world.exhibitor.person.user)
    assert (
        client.post(url("withhold", world, lead_id=lead.pk), {"withheld": "1"}).status_code == 403
    )
    lead.refresh_from_db()
    assert lead.contact_withheld is False


def test_the_lead_list_costs_the_same_queries_for_many_leads(client, django_assert_max_num_queries):
    world = stand_world()
    for _ in range(20):
        visitor = ParticipantFactory(event=world.event)
        services.scan_badge(by=None, stand=world.stand, code=badge_for(visitor).code)
    client.force_login(world.exhibitor.person.user)
    with django_assert_max_num_queries(9):
        response = client.get(url("leads", world, stand_id=world.stand.pk))
    assert len(response.context["rows"]) == 20


def test_notes_rating_and_follow_up_saved_from_the_lead_page(client):
    world = stand_world()
    lead, _created = services.scan_badge(by=None, stand=world.stand, code=world.code)
    client.force_login(world.exhibitor.person.user)
    address = url("lead", world, stand_id=world.stand.pk, lead_id=lead.pk)
    response = client.post(address, {"notes": "Call", "rating": "7", "follow_up": "new"})
    assert response.status_code == 200
    lead.refresh_from_db()
    assert lead.notes == ""
    client.post(address, {"notes": "Call", "rating": "3", "follow_up": "meeting"})
    lead.refresh_from_db()
    assert (lead.notes, lead.rating, lead.follow_up) == ("Call", 3, "meeting")


def png(width: int = 40, height: int = 20) -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(data, "PNG")
    return SimpleUploadedFile("hall.png", data.getvalue(), content_type="image/png")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_organiser_adds_a_hall_with_a_plan_image(client, media):
    world = stand_world()
    organiser = ParticipantFactory(event=world.event, role="organiser")
    client.force_login(organiser.person.user)
    response = client.post(
        url("add-hall", world), {"name": "Hall 2", "width": 30, "height": 20, "image": png()}
    )
    hall = Hall.objects.get(name="Hall 2")
    assert response["Location"] == url("hall", world, hall_id=hall.pk)
    assert hall.image.name.startswith("halls/")
    body = client.get(url("plan", world)).content.decode()
    assert f'<image href="{hall.image.url}"' in body


def test_a_photographed_plan_is_kept_upright_without_metadata_under_a_random_name(
    client, media, tmp_path
):
    world = stand_world()
    organiser = ParticipantFactory(event=world.event, role="organiser")
    client.force_login(organiser.person.user)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = 6  # taken on its side: to be turned a quarter clockwise
    exif[0x8825] = {1: "N", 2: (50.0, 5.0, 0.0)}  # where it was taken
    photo = io.BytesIO()
    Image.new("RGB", (4000, 3000), "white").save(photo, "JPEG", exif=exif)
    upload = SimpleUploadedFile("Client X stand offer v3.jpg", photo.getvalue(), "image/jpeg")
    client.post(
        url("add-hall", world), {"name": "Hall 3", "width": 30, "height": 20, "image": upload}
    )
    name = Hall.objects.get(name="Hall 3").image.name
    assert re.fullmatch(r"halls/[\w-]{24}\.jpg", name)
    with Image.open(tmp_path / name) as kept:
        assert (kept.size, dict(kept.getexif())) == ((2250, 3000), {})
    # A drawn plan stays a PNG, at its size.
    client.post(
        url("add-hall", world), {"name": "Hall 4", "width": 30, "height": 20, "image": png()}
    )
    name = Hall.objects.get(name="Hall 4").image.name
    with Image.open(tmp_path / name) as kept:
        assert (name.endswith(".png"), kept.format, kept.size) == (True, "PNG", (40, 20))


def test_a_hall_image_that_is_no_image_is_refused(client, media):
    world = stand_world()
    organiser = ParticipantFactory(event=world.event, role="organiser")
    client.force_login(organiser.person.user)
    fake = SimpleUploadedFile("hall.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client.post(
        url("add-hall", world), {"name": "Hall 2", "width": 30, "height": 20, "image": fake}
    )
    assert response.status_code == 200
    assert "Use a JPEG, PNG or WebP image." in response.content.decode()
    assert not Hall.objects.filter(name="Hall 2").exists()


def test_positions_typed_as_numbers_place_the_stands(client):
    world = stand_world()
    organiser = ParticipantFactory(event=world.event, role="organiser")
    client.force_login(organiser.person.user)
    address = url("hall", world, hall_id=world.hall.pk)
    a, b = world.stand.pk, world.other_stand.pk
    response = client.post(address, {f"x_{a}": 2, f"y_{a}": 3, f"x_{b}": 12, f"y_{b}": 6})
    assert response.status_code == 302
    assert sorted(Stand.objects.values_list("number", "x", "y")) == [("A1", 2, 3), ("A2", 12, 6)]
    response = client.post(address, {f"x_{a}": 19, f"y_{a}": 3, f"x_{b}": 0, f"y_{b}": 0})
    assert response.status_code == 200
    assert "does not fit" in response.content.decode()
    assert sorted(Stand.objects.values_list("number", "x", "y")) == [("A1", 2, 3), ("A2", 12, 6)]


def test_the_stand_form_offers_the_organisations_of_those_who_may_staff_a_stand(client):
    """Not every participant's organisation: at 20,000 participants, thousands."""
    world = stand_world()
    organiser = ParticipantFactory(event=world.event, role="organiser")
    client.force_login(organiser.person.user)
    form = client.get(url("manage", world)).context["stand_form"]
    offered = {organisation.pk for organisation in form.fields["exhibitor"].queryset}
    staffing = (world.exhibitor, world.rival, organiser)
    assert offered == {participant.person.organisation_id for participant in staffing}
    assert world.visitor.person.organisation_id not in offered


def manage_page(client, world, exhibitors: int) -> tuple[int, int]:
    """The queries and bytes of the organisers' page once the event has that many more
    exhibitors, each of an organisation of their own."""
    ParticipantFactory.create_batch(exhibitors, event=world.event, role="exhibitor")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("manage", world))
    assert response.status_code == 200
    return len(queries), len(response.content)


def test_the_organisers_page_lists_no_exhibitor_however_many_there_are(client):
    """The add-stand form's exhibitor and staff come as one types: at a big fair, lists of
    every exhibitor and their organisations were thousands of options."""
    world = stand_world()
    client.force_login(ParticipantFactory(event=world.event, role="organiser").person.user)
    few = manage_page(client, world, 5)
    many = manage_page(client, world, 45)
    assert Participant.objects.filter(event=world.event, role="exhibitor").count() == 52
    assert many == few
    body = client.get(url("manage", world)).content.decode()
    assert world.rival.person.organisation.name not in body
    assert 'data-suggestions=""' in body
    # The hall's box alone has options: none and "Hall 1".
    assert body.count("<option") == 2


def staffing_form(world, **fields) -> dict:
    return {
        "number": "B1",
        "name": "New",
        "x": 0,
        "y": 0,
        "width": 2,
        "depth": 2,
        "exhibitor": "",
        "staff": [],
        **fields,
    }


def test_a_stand_is_added_with_its_exhibitor_and_staff_picked_by_typing(client):
    world = stand_world()
    organiser = ParticipantFactory(event=world.event, role="organiser")
    newcomer = ParticipantFactory(event=world.event, role="exhibitor")
    client.force_login(organiser.person.user)
    organisation = newcomer.person.organisation
    fields = staffing_form(
        world,
        exhibitor=organisation.name.upper(),
        # A suggestion picked, an address typed by hand, the same person twice, an empty box.
        staff=[
            participant_label(newcomer),
            organiser.person.user.email,
            newcomer.person.user.email,
            "",
        ],
    )
    response = client.post(url("add-stand", world), fields)
    assert response.status_code == 302
    stand = Stand.objects.get(number="B1")
    assert stand.exhibitor == organisation
    assert list(stand.staff.order_by("pk")) == [organiser, newcomer]


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"exhibitor": "Nobody Ltd"},
            {"exhibitor": ["Choose an organisation from the suggestions."]},
        ),
        ({"staff": ["visitor"]}, "matches"),
        ({"staff": ["elsewhere"]}, "matches"),
        ({"staff": [f"x{n}@example.com" for n in range(101)]}, {"staff": ["Choose at most 100."]}),
        ({"staff": ["a\x00b" * 100]}, "matches"),
    ],
    ids=["unknown-organisation", "a-delegate", "another-events-exhibitor", "too-many", "nul"],
)
def test_who_may_not_staff_a_stand_is_refused_and_nothing_is_added(client, fields, errors):
    world = stand_world()
    client.force_login(ParticipantFactory(event=world.event, role="organiser").person.user)
    elsewhere = ParticipantFactory(role="exhibitor")
    named = {"visitor": world.visitor.person.user.email, "elsewhere": participant_label(elsewhere)}
    if "staff" in fields:
        fields = {"staff": [named.get(text, text) for text in fields["staff"]]}
    response = client.post(url("add-stand", world), staffing_form(world, **fields))
    assert response.status_code == 200
    found = response.context["stand_form"].errors
    if errors == "matches":
        assert list(found) == ["staff"] and "matches" in found["staff"][0]
    else:
        assert found == errors
    assert Stand.objects.count() == 2


def suggested(client, address: str, typed: str) -> list[str]:
    response = client.get(address, {"q": typed})
    assert response.status_code == 200
    return re.findall(r'data-suggestion="([^"]*)"', response.content.decode())


def test_the_pickers_suggest_only_who_may_staff_a_stand_at_this_event(client):
    world = stand_world()
    organiser = ParticipantFactory(
        event=world.event, role="organiser", person__last_name="Zedník", person__organisation=None
    )
    ParticipantFactory(role="exhibitor", person__last_name="Zedníková")
    world.visitor.person.last_name = "Zedníček"
    world.visitor.person.save()
    client.force_login(organiser.person.user)
    assert suggested(client, url("staffing", world), "zednik") == [participant_label(organiser)]
    organisation = world.rival.person.organisation
    assert set(suggested(client, url("exhibitors", world), organisation.name[:6].lower())) == {
        world.exhibitor.person.organisation.name,
        organisation.name,
    }
    assert world.visitor.person.organisation.name not in suggested(
        client, url("exhibitors", world), world.visitor.person.organisation.name
    )


def test_an_organiser_adds_a_stand_that_keeps_its_hosts_meeting_point(client):
    world = stand_world()
    table = setup.add_stand(by=None, event=world.event, name="S1", host=world.rival)
    organiser = ParticipantFactory(event=world.event, role="organiser")
    client.force_login(organiser.person.user)
    response = client.post(
        url("add-stand", world),
        {
            "number": "B1",
            "name": "New",
            "hall": world.hall.pk,
            "x": 0,
            "y": 5,
            "width": 2,
            "depth": 2,
            "staff": [participant_label(world.rival)],
        },
    )
    assert response.status_code == 302
    stand = Stand.objects.get(number="B1")
    assert (stand.meeting_point, list(stand.staff.all())) == (table, [world.rival])
    page = client.get(url("stand", world, stand_id=stand.pk)).content.decode()
    assert "Matchmaking meetings with this exhibitor take place here" in page


@pytest.mark.parametrize(
    ("number", "x", "message"),
    [
        ("X9", 0, "Stand X9 would cover stand A1 on the plan."),
        ("a2", 12, "There is already a stand with this number."),
    ],
)
def test_a_stand_over_another_or_of_a_taken_number_is_refused_on_the_form(
    client, number, x, message
):
    world = stand_world()
    organiser = ParticipantFactory(event=world.event, role="organiser")
    client.force_login(organiser.person.user)
    fields = {"number": number, "name": "New", "hall": world.hall.pk, "x": x, "y": 0}
    response = client.post(url("add-stand", world), {**fields, "width": 3, "depth": 2})
    assert response.status_code == 200
    assert response.context["stand_form"].errors == {
        "number" if number == "a2" else "__all__": [message]
    }
    assert Stand.objects.count() == 2


def test_an_organiser_renames_a_hall_and_removes_its_image(client, media):
    world = stand_world()
    services.save_hall(
        by=None,
        event=world.event,
        hall=world.hall,
        name="Hall 1",
        width=20,
        height=10,
        image=png(),
    )
    organiser = ParticipantFactory(event=world.event, role="organiser")
    client.force_login(organiser.person.user)
    address = url("hall-edit", world, hall_id=world.hall.pk)
    too_small = client.post(address, {"name": "Main hall", "width": 5, "height": 10})
    assert "does not fit" in too_small.content.decode()
    response = client.post(
        address, {"name": "Main hall", "width": 25, "height": 10, "clear_image": "on"}
    )
    assert response.status_code == 302
    world.hall.refresh_from_db()
    assert (world.hall.name, world.hall.width, world.hall.image.name) == ("Main hall", 25, "")


def test_a_hidden_exhibitor_is_neither_shown_nor_found_by_name(client):
    world = stand_world()
    hidden = world.other_stand.exhibitor
    hidden.name, hidden.visibility = "Shadow Works", "hidden"
    hidden.save()
    assert list(client.get(url("search", world), {"q": "shadow"}).context["page"]) == []
    page = client.get(url("stand", world, stand_id=world.other_stand.pk)).content.decode()
    assert "Shadow Works" not in page


def plan_queries(client, world, numbers: list[str]) -> tuple[int, list[str]]:
    """Queries of the floor plan after adding stands, and the hall's numbers as listed."""
    for n, number in enumerate(numbers):
        Stand.objects.create(event=world.event, number=number, name="Stand", hall=world.hall, x=n)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url("plan", world)).content.decode()
    return len(queries), re.findall(r'<li><a href="[^"]+">([^<]+) · ', body)


def test_stands_are_listed_as_counted_within_a_hall_for_the_same_queries(client):
    world = stand_world()
    few, _ = plan_queries(client, world, ["S2"])
    many, listed = plan_queries(client, world, ["S10", "S1", "N1", "A 3", "12", "S20", "S11"])
    assert listed == ["12", "A1", "A2", "A 3", "N1", "S1", "S2", "S10", "S11", "S20"]
    assert many == few


def test_search_and_the_organisers_list_page_through_stands_as_counted(client):
    world = stand_world()
    for number in ["S10", "S2", "S1", "N1", "A 3", "12"]:
        services.add_stand(by=None, event=world.event, number=number, name=f"Stand {number}")
    counted = ["12", "A1", "A2", "A 3", "N1", "S1", "S2", "S10"]
    search = client.get(url("search", world)).context["page"]
    assert [stand.number for stand in search] == counted
    client.force_login(ParticipantFactory(event=world.event, role="organiser").person.user)
    managed = client.get(url("manage", world)).context["page"]
    assert [stand.number for stand in managed] == counted


def test_leads_say_the_date_of_the_scan_not_only_the_weekday(client):
    """Leads are followed up weeks after the event: "Mon 14:40" would not say which Monday."""
    world = stand_world()
    lead, _created = services.scan_badge(by=None, stand=world.stand, code=world.code)
    Lead.objects.filter(pk=lead.pk).update(
        first_scanned_at=datetime(2031, 3, 3, 13, 40, tzinfo=UTC),
        last_scanned_at=datetime(2031, 3, 3, 13, 40, tzinfo=UTC),
    )
    client.force_login(world.exhibitor.person.user)
    listed = client.get(url("leads", world, stand_id=world.stand.pk)).content.decode()
    page = client.get(url("lead", world, stand_id=world.stand.pk, lead_id=lead.pk))
    page = page.content.decode()
    for body in (listed, page):
        assert "3 Mar 2031" in body


@pytest.mark.parametrize("axis", ["x", "y"])
def test_a_position_postgresql_cannot_hold_is_a_form_error(client, axis):
    world = stand_world()
    organiser = ParticipantFactory(event=world.event, role="organiser")
    client.force_login(organiser.person.user)
    fields = {"number": "B1", "name": "Far", "x": 0, "y": 0, "width": 2, "depth": 2}
    response = client.post(url("add-stand", world), {**fields, axis: 40000})
    assert response.status_code == 200
    assert response.context["stand_form"].errors[axis] == [
        "Ensure this value is less than or equal to 32767."
    ]
    assert not Stand.objects.filter(number="B1").exists()


def test_people_picked_stay_ticked_when_the_form_comes_back_with_an_error(client):
    world = stand_world()
    client.force_login(ParticipantFactory(event=world.event, role="organiser").person.user)
    label = participant_label(world.rival)
    fields = staffing_form(world, exhibitor="Nobody Ltd", staff=[label])
    body = client.post(url("add-stand", world), fields).content.decode()
    assert f'<input type="checkbox" name="staff" value="{label}" checked>' in body
