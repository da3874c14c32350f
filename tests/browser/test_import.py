import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from modus.events.models import Participant
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)

FILE = (
    "email,first_name,last_name,country,role\n"
    "nova@example.org,Nová,Osoba,CZ,\n"
    "sara@example.org,Sára,Mluvčí,CZ,exhibitor\n"
    "<b>x</b>@example.org,X,Y,CZ,\n"
)


def open_import_page(page, sign_in):
    """An organiser of a new event on its import page; the event is returned."""
    event = EventFactory(name="Cluster Conference")
    sign_in(ParticipantFactory(event=event, role="organiser").person.user)
    page.goto(f"/events/{event.slug}/manage/import/")
    return event


def test_an_organiser_previews_and_confirms_an_import(page, sign_in, tmp_path):
    event = EventFactory(name="Cluster Conference")
    organiser = ParticipantFactory(event=event, role="organiser").person
    ParticipantFactory(
        event=event,
        role="speaker",
        person__first_name="Sára",
        person__last_name="Mluvčí",
        person__user__email="sara@example.org",
    )
    sign_in(organiser.user)
    page.goto(f"/events/{event.slug}/manage/import/")
    bad = tmp_path / "bad.csv"
    bad.write_text(FILE)
    page.get_by_label("CSV or XLSX file").set_input_files(bad)
    page.get_by_role("button", name="Check the file").click()
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("Row 4: email: Enter a valid email address.")

    page.get_by_role("link", name="Upload another file").click()
    good = tmp_path / "good.csv"
    good.write_text(FILE.rsplit("<b>", 1)[0])
    page.get_by_label("CSV or XLSX file").set_input_files(good)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_test_id("role-changes")).to_contain_text("Sára Mluvčí")
    expect(page.get_by_test_id("role-changes")).to_contain_text("Exhibitor")
    expect(page.get_by_test_id("import-plan")).to_contain_text("1 new registration (Delegate: 1)")
    assert Participant.objects.get(person__user__email="sara@example.org").role == "speaker"
    page.get_by_test_id("confirm-import").click()
    expect(page.get_by_test_id("import-result")).to_have_text(
        "1 person registered. 1 new person added. 1 role changed. 0 people were registered already."
    )
    assert Participant.objects.get(person__user__email="sara@example.org").role == "exhibitor"
    assert event.participants.count() == 3


def test_a_czech_excel_csv_in_windows_1250_is_read_and_named(page, sign_in, tmp_path):
    open_import_page(page, sign_in)
    czech = tmp_path / "ucastnici.csv"
    czech.write_bytes(
        "email;first_name;last_name;organisation;country\n"
        "jiri@example.org;Jiří;Šťastný;Žlutý kůň s.r.o.;CZ\n".encode("cp1250")
    )
    page.get_by_label("CSV or XLSX file").set_input_files(czech)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_test_id("import-encoding")).to_contain_text(
        "The file was read as Windows-1250 text."
    )
    expect(page.get_by_test_id("import-plan")).to_contain_text("Žlutý kůň s.r.o.")
    page.get_by_test_id("confirm-import").click()
    expect(page.get_by_test_id("import-result")).to_contain_text("1 person registered.")
    person = Participant.objects.get(person__user__email="jiri@example.org").person
    assert (person.first_name, person.last_name) == ("Jiří", "Šťastný")


def test_a_long_new_organisation_name_does_not_widen_the_preview_on_a_phone(
    page, sign_in, tmp_path
):
    open_import_page(page, sign_in)
    upload = tmp_path / "long.csv"
    upload.write_text(
        f"email,first_name,last_name,organisation,country\na@example.org,A,B,{'X' * 150},CZ\n"
    )
    page.get_by_label("CSV or XLSX file").set_input_files(upload)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_test_id("import-plan")).to_contain_text("X" * 150)
    assert page.evaluate("document.documentElement.scrollWidth") == 390


def test_import_errors_are_shown_in_the_error_colour(page, sign_in, tmp_path):
    open_import_page(page, sign_in)
    bad = tmp_path / "bad.csv"
    bad.write_text("email,first_name,last_name\nbad,X,Y\n")
    page.get_by_label("CSV or XLSX file").set_input_files(bad)
    page.get_by_role("button", name="Check the file").click()
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("Row 2: email: Enter a valid email address.")
    expect(errors).to_have_css("background-color", "rgb(251, 233, 231)")
    expect(errors.locator("li").first).to_have_css("color", "rgb(179, 38, 30)")


def test_an_organiser_downloads_the_participants_for_excel_on_a_phone(page, sign_in):
    event = EventFactory(name="Cluster Conference")
    organiser = ParticipantFactory(event=event, role="organiser").person
    ParticipantFactory(event=event, person__first_name="Sára", person__user__email="s@x.example")
    sign_in(organiser.user)
    page.goto(f"/events/{event.slug}/manage/participants/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export for Excel").click()
    assert download.value.suggested_filename == f"{event.slug}-participants.xlsx"
    content = io.BytesIO(Path(download.value.path()).read_bytes())
    rows = {row[0]: row for row in openpyxl.load_workbook(content).active.values}
    assert rows["s@x.example"][1] == "Sára"
    assert set(rows) == {"email", "s@x.example", organiser.user.email}


def test_a_language_column_of_spoken_languages_is_read_so_and_said_on_a_phone(
    page, sign_in, tmp_path
):
    open_import_page(page, sign_in)
    spoken = tmp_path / "spoken.csv"
    spoken.write_text(
        'Email,First name,Last name,Language\nlena@example.org,Lena,Malá,"English, Czech, German"\n'
    )
    page.get_by_label("CSV or XLSX file").set_input_files(spoken)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_test_id("import-spoken-languages")).to_contain_text(
        "The column “Language” lists several languages on a row, so it is read as the "
        "languages people speak"
    )
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    page.get_by_test_id("confirm-import").click()
    expect(page.get_by_test_id("import-result")).to_contain_text("1 person registered.")
    person = Participant.objects.get(person__user__email="lena@example.org").person
    assert (person.languages, person.language) == ("English, Czech, German", "")
