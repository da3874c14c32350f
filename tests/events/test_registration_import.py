import csv
import io
import math
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from modus.accounts.models import User
from modus.common.models import AuditEntry
from modus.directory.models import Organisation, Person
from modus.events import registration_import as registration_import_module
from modus.events.models import Participant, RegistrationImport
from modus.events.registration_import import (
    ImportRejected,
    RowError,
    apply_import,
    confirm_import,
    current_step,
    import_registrations,
    report_step,
    start_import,
)
from tests.events.test_views import post_confirmation
from tests.factories import EventFactory, OrganisationFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db

HEADER = "email,first_name,last_name,organisation,country,role,job_title,phone,languages\n"
GOOD_ROWS = (
    "eva@example.org,Eva,Horáková,Optika Turnov,CZ,delegate,CTO,,English\n"
    "jan@example.org,Jan,Kowalski,Optika Turnov,Poland,speaker,,,\n"
    "ana@example.org,Ana,Silva,,PT,,,,\n"
)


def csv_file(text: str, name: str = "registrations.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def counts() -> tuple[int, int, int, int]:
    return (
        User.objects.count(),
        Person.objects.count(),
        Participant.objects.count(),
        Organisation.objects.count(),
    )


def test_a_good_csv_registers_everyone(event):
    result = import_registrations(by=None, event=event, uploaded=csv_file(HEADER + GOOD_ROWS))
    assert (result.registered, result.people_created) == (3, 3)
    assert result.organisations_created == ["Optika Turnov"]
    jan = Participant.objects.get(person__user__email="jan@example.org")
    assert (jan.role, jan.person.country.code) == ("speaker", "PL")
    assert Participant.objects.get(person__user__email="ana@example.org").role == "delegate"


def test_semicolon_separated_csv_from_czech_excel(event):
    text = (HEADER + GOOD_ROWS).replace(",", ";")
    result = import_registrations(by=None, event=event, uploaded=csv_file(text))
    assert result.registered == 3


def test_czech_column_names_and_country_names_from_czech_excel(event):
    text = (
        "E-mail;Jméno;Příjmení;Organizace;Země;Role;Pozice;Telefon\n"
        "Jana.Novakova@firma.cz ;Jana;Nováková;Strojírny Žďár;Česko;Vystavovatel;Ředitelka;"
        "+420 777 123 456\n"
        "petr@firma.cz;Petr;Dvořák;Strojírny Žďár;Slovensko;řečník;;\n"
        "iva@firma.cz;Iva;Malá;Strojírny Žďár;Česká republika;;;\n"
    )
    upload = SimpleUploadedFile("ucastnici.csv", text.encode("cp1250"))
    result = import_registrations(by=None, event=event, uploaded=upload)
    assert (result.registered, result.organisations_created) == (3, ["Strojírny Žďár"])
    jana = Person.objects.get(user__email="jana.novakova@firma.cz")
    assert (jana.last_name, jana.country.code, jana.job_title, jana.phone) == (
        "Nováková",
        "CZ",
        "Ředitelka",
        "+420 777 123 456",
    )
    assert Person.objects.get(user__email="petr@firma.cz").country.code == "SK"
    roles = dict(event.participants.values_list("person__last_name", "role"))
    assert roles == {"Nováková": "exhibitor", "Dvořák": "speaker", "Malá": "delegate"}
    assert Person.objects.get(user__email="iva@firma.cz").country.code == "CZ"


def test_a_title_row_above_the_header_is_passed_over(event):
    text = "Účastníci fóra 2027,,\n,,\nemail,first_name,last_name\na@example.org,A,B\n"
    assert import_registrations(by=None, event=event, uploaded=csv_file(text)).registered == 1


def test_a_title_line_without_separators_above_a_tab_separated_table(event):
    text = "Seznam účastníků\n\nE-mail\tJméno\tPříjmení\na@example.org\tA\tB\n"
    assert import_registrations(by=None, event=event, uploaded=csv_file(text)).registered == 1


def test_two_columns_for_one_field_are_refused(event):
    with pytest.raises(ImportRejected) as rejected:
        import_registrations(
            by=None,
            event=event,
            uploaded=csv_file(
                "email,E-mail,first_name,last_name\na@example.org,b@example.org,A,B\n"
            ),
        )
    assert rejected.value.errors == [RowError(1, "Two columns are for email.")]


def test_a_row_longer_than_the_header_is_refused_and_nothing_changes(event):
    """An unquoted comma shifts every later value into the wrong column."""
    before = counts()
    text = HEADER + "eva@example.org,Eva,Horáková,Optika,CZ,,CTO, R&D,+420 1,English\n"
    with pytest.raises(ImportRejected) as rejected:
        import_registrations(by=None, event=event, uploaded=csv_file(text))
    assert [error.row for error in rejected.value.errors] == [2]
    assert counts() == before


def test_a_good_xlsx_registers_everyone(event):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in (HEADER + GOOD_ROWS).splitlines():
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("registrations.xlsx", buffer.getvalue())
    result = import_registrations(by=None, event=event, uploaded=upload)
    assert result.registered == 3


def two_sheet_workbook(active: int) -> SimpleUploadedFile:
    """Instructions on the first sheet, the participants on the second."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "Instructions"
    workbook.active.append(["Fill in the next sheet, one participant a row."])
    data = workbook.create_sheet("Participants")
    for line in (HEADER + GOOD_ROWS).splitlines():
        data.append(line.split(","))
    workbook.active = active
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("registrations.xlsx", buffer.getvalue())


def test_the_sheet_open_when_the_workbook_was_saved_is_read(event):
    result = import_registrations(by=None, event=event, uploaded=two_sheet_workbook(active=1))
    assert result.registered == 3


def test_a_refusal_names_the_sheet_it_read_when_there_are_several(event):
    with pytest.raises(ImportRejected) as rejected:
        import_registrations(by=None, event=event, uploaded=two_sheet_workbook(active=0))
    assert rejected.value.errors[0].message.endswith(
        "(The sheet read is “Instructions”, the one open when the workbook was saved.)"
    )
    assert Participant.objects.count() == 0


def test_a_new_organisation_is_listed_for_participants_not_the_public(event, client):
    import_registrations(by=None, event=event, uploaded=csv_file(HEADER + GOOD_ROWS))
    created = Organisation.objects.get(name="Optika Turnov")
    assert created.visibility == "participants"
    assert "Optika Turnov" not in client.get(reverse("directory:search")).content.decode()


def test_existing_people_and_organisations_are_reused(event):
    organisation = OrganisationFactory(name="Optika Turnov")
    person = PersonFactory(user__email="eva@example.org", organisation=organisation)
    result = import_registrations(by=None, event=event, uploaded=csv_file(HEADER + GOOD_ROWS))
    assert (result.people_created, result.registered) == (2, 3)
    assert result.organisations_created == []
    assert Participant.objects.filter(person=person, event=event).exists()


def test_reimporting_changes_roles_only(event):
    import_registrations(by=None, event=event, uploaded=csv_file(HEADER + GOOD_ROWS))
    changed = GOOD_ROWS.replace("speaker", "exhibitor")
    result = import_registrations(by=None, event=event, uploaded=csv_file(HEADER + changed))
    assert (result.registered, result.roles_changed, result.unchanged) == (0, 1, 2)


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("not-an-email,Eva,H,,CZ,,,,", "Row 3: email: Enter a valid email address."),
        ("x@example.org,,H,,CZ,,,,", "Row 3: first_name: This field is required."),
        ("x@example.org,Eva,H,,Atlantis,,,,", "Row 3: country: Unknown country: Atlantis"),
        ("x@example.org,Eva,H,,CZ,boss,,,", "Row 3: role: Unknown role: boss"),
        ("eva@example.org,Eva,Again,,CZ,,,,", "Row 3: eva@example.org is already on row 2."),
        (
            "x@example.org,Eva,H,New Org,,,,,",
            "Row 3: country: needed to create the new organisation",
        ),
        ("x@example.org,Eva," + "H" * 101 + ",,CZ,,,,", "Row 3: last_name: Ensure this value"),
    ],
)
def test_one_bad_row_rejects_the_whole_file(event, bad_row, message):
    text = HEADER + "eva@example.org,Eva,Horáková,,CZ,,,,\n" + bad_row + "\n"
    before = counts()
    with pytest.raises(ImportRejected) as rejected:
        import_registrations(by=None, event=event, uploaded=csv_file(text))
    rendered = [f"Row {error.row}: {error.message}" for error in rejected.value.errors]
    assert len(rendered) == 1
    assert rendered[0].startswith(message)
    assert counts() == before


def test_every_bad_row_is_reported_with_its_number(event):
    text = HEADER + "bad,Eva,H,,CZ,,,,\nok@example.org,Ok,Ok,,CZ,,,,\nalso-bad,,H,,CZ,,,,\n"
    with pytest.raises(ImportRejected) as rejected:
        import_registrations(by=None, event=event, uploaded=csv_file(text))
    assert [error.row for error in rejected.value.errors] == [2, 4, 4]


def test_missing_columns_reject_the_file(event):
    with pytest.raises(ImportRejected) as rejected:
        import_registrations(by=None, event=event, uploaded=csv_file("email,name\na@b.org,A\n"))
    assert rejected.value.errors == [RowError(1, "Missing columns: first_name, last_name")]


def test_an_empty_or_undecodable_file_is_rejected(event):
    with pytest.raises(ImportRejected):
        import_registrations(by=None, event=event, uploaded=csv_file(""))
    with pytest.raises(ImportRejected):
        import_registrations(by=None, event=event, uploaded=csv_file(HEADER))
    upload = SimpleUploadedFile("x.csv", "email;ľšč".encode("cp1250"))
    with pytest.raises(ImportRejected):
        import_registrations(by=None, event=event, uploaded=upload)
    broken = SimpleUploadedFile("x.xlsx", b"not a zip")
    with pytest.raises(ImportRejected):
        import_registrations(by=None, event=event, uploaded=broken)


def test_a_failure_while_writing_rolls_everything_back(event):
    ParticipantFactory()  # someone else, elsewhere
    organisation = OrganisationFactory(name="Optika Turnov")
    before = counts()
    # The second row's organisation does not exist and has no country: found only when writing.
    text = HEADER + "eva@example.org,Eva,H,Optika Turnov,,,,,\nx@example.org,X,Y,Nowhere Ltd,,,,,\n"
    with pytest.raises(ImportRejected) as rejected:
        import_registrations(by=None, event=event, uploaded=csv_file(text))
    assert rejected.value.errors[0].row == 3
    assert counts() == before
    assert organisation.people.count() == 0


def test_a_file_without_a_role_column_keeps_every_role(event, organiser):
    speaker = ParticipantFactory(event=event, role="speaker", person__user__email="s@example.org")
    exhibitor = ParticipantFactory(
        event=event, role="exhibitor", person__user__email="x@example.org"
    )
    text = (
        "email,first_name,last_name\n"
        f"{organiser.user.email},Org,Aniser\ns@example.org,S,S\nx@example.org,X,X\n"
        "new@example.org,New,Person\n"
    )
    result = import_registrations(by=organiser.user, event=event, uploaded=csv_file(text))
    assert (result.registered, result.roles_changed, result.unchanged) == (1, 0, 3)
    roles = dict(event.participants.values_list("person__user__email", "role"))
    assert roles == {
        organiser.user.email: "organiser",
        "s@example.org": "speaker",
        "x@example.org": "exhibitor",
        "new@example.org": "delegate",
    }
    assert (speaker.pk, exhibitor.pk) != (None, None)


def test_an_empty_role_cell_keeps_the_role(event):
    ParticipantFactory(event=event, role="speaker", person__user__email="s@example.org")
    text = HEADER + "s@example.org,S,S,,CZ,,,,\n"
    result = import_registrations(by=None, event=event, uploaded=csv_file(text))
    assert (result.roles_changed, result.unchanged) == (0, 1)
    assert Participant.objects.get(person__user__email="s@example.org").role == "speaker"


def test_an_organiser_cannot_demote_themselves_by_import(event, organiser):
    text = HEADER + f"{organiser.user.email},Org,Aniser,,CZ,delegate,,,\n"
    before = counts()
    with pytest.raises(ImportRejected) as rejected:
        import_registrations(by=organiser.user, event=event, uploaded=csv_file(text))
    assert rejected.value.errors == [
        RowError(2, "role: you cannot change your own role from organiser by import.")
    ]
    assert counts() == before
    assert Participant.objects.get(event=event, person=organiser).role == "organiser"


def previewed(event, by, text, callbacks) -> RegistrationImport:
    with callbacks(execute=True):
        registration_import = start_import(by=by, event=event, uploaded=csv_file(text))
    registration_import.refresh_from_db()
    return registration_import


def test_a_role_change_is_previewed_and_applied_only_when_confirmed(
    event, organiser, django_capture_on_commit_callbacks
):
    ParticipantFactory(
        event=event,
        role="speaker",
        person__user__email="s@example.org",
        person__first_name="Sára",
        person__last_name="Mluvčí",
    )
    text = HEADER + "s@example.org,S,S,,CZ,delegate,,,\nn@example.org,N,N,,CZ,,,,\n"
    registration_import = previewed(event, organiser.user, text, django_capture_on_commit_callbacks)
    assert registration_import.status == "ready"
    assert registration_import.plan == {
        "people_created": 1,
        "registered": 1,
        "existing_accounts_registered": 0,
        "registered_by_role": {"delegate": 1},
        "role_changes": [
            {
                "row": 2,
                "email": "s@example.org",
                "name": "Sára Mluvčí",
                "from": "speaker",
                "to": "delegate",
            }
        ],
        "unchanged": 0,
        "organisations_created": [],
    }
    assert bytes(registration_import.content) == b""
    assert Participant.objects.get(person__user__email="s@example.org").role == "speaker"
    assert not Person.objects.filter(user__email="n@example.org").exists()

    with pytest.raises(ValidationError):
        confirm_import(by=organiser.user, registration_import=registration_import, digest="0" * 64)
    with django_capture_on_commit_callbacks(execute=True):
        confirm_import(
            by=organiser.user,
            registration_import=registration_import,
            digest=registration_import.digest,
        )
    registration_import.refresh_from_db()
    assert registration_import.status == "done"
    assert registration_import.result == {
        "people_created": 1,
        "registered": 1,
        "roles_changed": 1,
        "unchanged": 0,
        "organisations_created": [],
    }
    assert Participant.objects.get(person__user__email="s@example.org").role == "delegate"
    assert AuditEntry.objects.filter(action="participant.role_changed").count() == 1
    with pytest.raises(ValidationError):  # a confirmed preview cannot be applied twice
        confirm_import(
            by=organiser.user,
            registration_import=registration_import,
            digest=registration_import.digest,
        )


def test_a_change_after_the_preview_fails_the_import_and_writes_nothing(
    event, organiser, django_capture_on_commit_callbacks
):
    speaker = ParticipantFactory(event=event, role="speaker", person__user__email="s@example.org")
    text = HEADER + "s@example.org,S,S,,CZ,delegate,,,\nn@example.org,N,N,,CZ,,,,\n"
    registration_import = previewed(event, organiser.user, text, django_capture_on_commit_callbacks)
    Participant.objects.filter(pk=speaker.pk).update(role="exhibitor")
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        confirm_import(
            by=organiser.user,
            registration_import=registration_import,
            digest=registration_import.digest,
        )
    registration_import.refresh_from_db()
    assert registration_import.status == "failed"
    assert registration_import.errors == [
        {
            "row": 0,
            "message": "The participants changed since the preview; "
            "upload the file again to see a new preview.",
        }
    ]
    assert counts() == before
    assert Participant.objects.get(pk=speaker.pk).role == "exhibitor"
    assert registration_import.rows == []


def test_a_bad_file_is_rejected_at_the_check_with_row_numbers(
    event, organiser, django_capture_on_commit_callbacks
):
    text = HEADER + "ok@example.org,Ok,Ok,,CZ,,,,\nbad,,X,CZ,,,,,\n"
    registration_import = previewed(event, organiser.user, text, django_capture_on_commit_callbacks)
    assert registration_import.status == "rejected"
    assert [error["row"] for error in registration_import.errors] == [3, 3]
    assert registration_import.rows == []


def test_a_large_file_is_applied_in_one_transaction_with_everything_or_nothing(
    event, organiser, django_capture_on_commit_callbacks
):
    rows = "".join(f"p{n}@example.org,P,{n},,CZ,,,,\n" for n in range(2000))
    registration_import = previewed(
        event, organiser.user, HEADER + rows, django_capture_on_commit_callbacks
    )
    assert (registration_import.status, registration_import.row_count) == ("ready", 2000)
    with django_capture_on_commit_callbacks(execute=True):
        confirm_import(
            by=organiser.user,
            registration_import=registration_import,
            digest=registration_import.digest,
        )
    registration_import.refresh_from_db()
    assert (registration_import.status, registration_import.progress) == ("done", 2000)
    assert event.participants.count() == 2001


def imported_queries(event, rows: int) -> int:
    organisation = OrganisationFactory(name="Optika Turnov")
    old = f"old{rows}@example.org"
    ParticipantFactory(event=event, person__user__email=old, role="speaker")
    new = "".join(
        f"p{rows}-{n}@example.org,P,{n},{organisation.name},CZ,,,+420 {n},\n" for n in range(rows)
    )
    upload = csv_file(HEADER + f"{old},O,O,,CZ,exhibitor,,,\n" + new)
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        result = import_registrations(by=None, event=event, uploaded=upload)
    assert (result.registered, result.roles_changed) == (rows, 1)
    organisation.delete()
    return len(queries)


def insert_batches(rows: int) -> int:
    """INSERTs the database needs for the new rows (SQLite caps parameters per query)."""
    total = 0
    # users, people, participants, and two audit entries for each row
    for model in (User, Person, Participant, AuditEntry, AuditEntry):
        fields = [field for field in model._meta.concrete_fields if not field.primary_key]
        size = min(connection.ops.bulk_batch_size(fields, [None] * rows), 1000)
        total += math.ceil(rows / size)
    return total


def test_the_import_runs_the_same_number_of_queries_for_10_or_200_rows(event):
    """No query per row: the only growth is the INSERT batches SQLite's limits force."""
    extra = insert_batches(200) - insert_batches(10)
    assert imported_queries(event, 10) + extra == imported_queries(EventFactory(), 200)


def queries_for_new_organisations(event, rows: int) -> int:
    """Queries of an import whose every row names a new organisation."""
    new = "".join(f"o{rows}-{n}@example.org,P,{n},Firma {rows}-{n},CZ,,,,\n" for n in range(rows))
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        result = import_registrations(by=None, event=event, uploaded=csv_file(HEADER + new))
    assert len(result.organisations_created) == rows
    return len(queries)


def test_new_organisations_cost_no_query_per_row(event):
    """190 more organisations cost only more INSERT and UPDATE batches (SQLite caps the
    parameters per query), never queries for each one (about 7 each before)."""
    few = queries_for_new_organisations(event, 10)
    many = queries_for_new_organisations(EventFactory(), 200)
    assert many - few < 20


def test_new_organisations_get_slugs_unlike_each_other_and_the_taken_ones(event):
    OrganisationFactory(name="Firma", slug="firma")
    OrganisationFactory(name="Other", slug="firma-2")
    rows = "a@example.org,A,A,Firma s.r.o.,CZ,,,,\nb@example.org,B,B,Firma,SK,,,,\n"
    rows += "c@example.org,C,C,Firma!,CZ,,,,\n"
    OrganisationFactory(name="Firma s.r.o. old", slug="firma-sro")
    import_registrations(by=None, event=event, uploaded=csv_file(HEADER + rows))
    slugs = dict(Organisation.objects.values_list("name", "slug"))
    assert (slugs["Firma s.r.o."], slugs["Firma!"]) == ("firma-sro-2", "firma-3")
    assert Organisation.objects.get(name="Firma s.r.o.").search_name != ""


def formula_like_speaker(event, email: str) -> None:
    """A speaker whose every text field starts as a spreadsheet formula would."""
    ParticipantFactory(
        event=event,
        role="speaker",
        person__user__email=email,
        person__first_name="@Eva",
        person__last_name="-Horáková",
        person__phone="+420 777 123 456",
        person__job_title='=HYPERLINK("http://evil.example")',
        person__languages="\tEnglish",
        person__country="CZ",
    )


def test_the_export_imports_back_with_formula_like_fields_intact(client, event, organiser):
    formula_like_speaker(event, "f@example.org")
    client.force_login(organiser.user)
    exported = client.get(f"/events/{event.slug}/manage/participants.csv").content
    assert b"'+420 777 123 456" in exported
    result = import_registrations(
        by=organiser.user, event=event, uploaded=SimpleUploadedFile("e.csv", exported)
    )
    assert (result.registered, result.roles_changed, result.unchanged) == (0, 0, 2)

    Person.objects.get(user__email="f@example.org").user.delete()
    result = import_registrations(
        by=organiser.user, event=event, uploaded=SimpleUploadedFile("e.csv", exported)
    )
    person = Person.objects.get(user__email="f@example.org")
    assert (result.registered, result.people_created) == (1, 1)
    assert (person.first_name, person.last_name, person.phone, person.job_title) == (
        "@Eva",
        "-Horáková",
        "+420 777 123 456",
        '=HYPERLINK("http://evil.example")',
    )
    assert Participant.objects.get(person=person).role == "speaker"


def test_the_xlsx_export_opens_as_text_and_imports_back_unchanged(client, event, organiser):
    """What Excel in any language opens in columns: text cells as text (no formula runs,
    no quote is added), and the import reads it back as written."""
    formula_like_speaker(event, "x@example.org")
    client.force_login(organiser.user)
    response = client.get(f"/events/{event.slug}/manage/participants.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    job_title = rows["x@example.org"][6]
    assert (job_title.value, job_title.data_type) == ('=HYPERLINK("http://evil.example")', "s")
    assert rows["x@example.org"][7].value == "+420 777 123 456"
    Person.objects.get(user__email="x@example.org").user.delete()
    result = import_registrations(
        by=organiser.user, event=event, uploaded=SimpleUploadedFile("e.xlsx", response.content)
    )
    person = Person.objects.get(user__email="x@example.org")
    assert (result.registered, person.first_name, person.last_name, person.job_title) == (
        1,
        "@Eva",
        "-Horáková",
        '=HYPERLINK("http://evil.example")',
    )


def test_html_in_cells_stays_text(event):
    text = HEADER + "h@example.org,<b>Eva</b>,<script>x</script>,,CZ,,,,\n"
    import_registrations(by=None, event=event, uploaded=csv_file(text))
    person = Person.objects.get(user__email="h@example.org")
    assert (person.first_name, person.last_name) == ("<b>Eva</b>", "<script>x</script>")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(40), "This is a PNG file, not a CSV file."),
        (
            b"email,first_name\x00,last_name\n",
            "The file contains NUL bytes; it is not a CSV text file.",
        ),
        (
            (HEADER + "x@example.org,Eva," + "H" * 10_000 + ",,CZ,,,,\n").encode(),
            "A cell is longer than 1000 characters.",
        ),
    ],
)
def test_hostile_files_are_refused_with_a_clear_error(event, content, message):
    before = counts()
    with pytest.raises(ImportRejected) as rejected:
        import_registrations(by=None, event=event, uploaded=SimpleUploadedFile("r.csv", content))
    assert [error.message for error in rejected.value.errors] == [message]
    assert counts() == before


def test_an_organiser_who_lost_the_role_before_the_apply_imports_nothing(
    event, organiser, django_capture_on_commit_callbacks
):
    text = HEADER + "n@example.org,N,N,,CZ,,,,\n"
    registration_import = previewed(event, organiser.user, text, django_capture_on_commit_callbacks)
    confirm_import(
        by=organiser.user,
        registration_import=registration_import,
        digest=registration_import.digest,
    )
    Participant.objects.filter(event=event, person=organiser).update(role="delegate")
    registration_import.refresh_from_db()
    apply_import(registration_import=registration_import)
    apply_import(registration_import=registration_import)  # a second delivery does nothing
    registration_import.refresh_from_db()
    assert (registration_import.status, registration_import.errors) == (
        "failed",
        [{"row": 0, "message": "The import failed; nothing was imported."}],
    )
    assert not Person.objects.filter(user__email="n@example.org").exists()


def test_organisations_with_accented_names_are_found_not_duplicated(event):
    organisation = OrganisationFactory(name="Škoda Inovace")
    text = HEADER + "a@example.org,A,A,Škoda Inovace,,,,,\nb@example.org,B,B,ŠKODA INOVACE,,,,,\n"
    result = import_registrations(by=None, event=event, uploaded=csv_file(text))
    assert result.organisations_created == []
    assert Organisation.objects.filter(name__iexact="Škoda Inovace").count() == 1
    assert organisation.people.count() == 2


def test_a_running_import_reports_each_step_while_its_transaction_is_open(
    event, organiser, monkeypatch, django_capture_on_commit_callbacks
):
    registration_import = previewed(
        event, organiser.user, HEADER + GOOD_ROWS, django_capture_on_commit_callbacks
    )
    confirm_import(
        by=organiser.user,
        registration_import=registration_import,
        digest=registration_import.digest,
    )
    seen = []

    def watched(step):
        def run(*args, **kwargs):
            running = RegistrationImport.objects.get(pk=registration_import.pk)
            seen.append(current_step(running)["number"])
            return step(*args, **kwargs)

        return run

    for name in ("create_organisations", "create_people", "register_people"):
        monkeypatch.setattr(
            registration_import_module, name, watched(getattr(registration_import_module, name))
        )
    apply_import(registration_import=RegistrationImport.objects.get(pk=registration_import.pk))
    assert seen == [2, 3, 4]
    registration_import.refresh_from_db()
    assert (registration_import.status, current_step(registration_import)) == ("done", None)


def test_the_import_page_shows_the_step_of_a_running_import(client, event, organiser):
    registration_import = RegistrationImport.objects.create(
        event=event, created_by=organiser.user, file_name="people.csv", status="running"
    )
    report_step(registration_import, 2)
    client.force_login(organiser.user)
    response = client.get(f"/events/{event.slug}/manage/import/{registration_import.pk}/")
    assert "Step 3 of 4:" in response.content.decode()
    assert "Adding new people" in response.content.decode()


def aged(registration_import: RegistrationImport, **ages: timedelta) -> RegistrationImport:
    """Move an import's timestamps into the past (`created_at` is set on insert)."""
    RegistrationImport.objects.filter(pk=registration_import.pk).update(
        **{name: timezone.now() - age for name, age in ages.items()}
    )
    registration_import.refresh_from_db()
    return registration_import


def an_import(event, status: str, **ages: timedelta) -> RegistrationImport:
    registration_import = RegistrationImport.objects.create(
        event=event,
        file_name="people.csv",
        status=status,
        rows=[[2, {"email": "eva@example.org"}]],
        errors=[{"row": 2, "message": "email: eva@example.org is registered twice."}],
    )
    return aged(registration_import, **ages)


def test_imports_whose_worker_died_are_marked_failed_after_the_stale_period(event, settings):
    settings.IMPORT_STALE_MINUTES = 30
    stale = [
        an_import(event, status, changed_at=timedelta(minutes=31))
        for status in ("checking", "queued", "running")
    ]
    recent = an_import(event, "running", changed_at=timedelta(minutes=29))
    ready = an_import(event, "ready", changed_at=timedelta(days=2))
    assert registration_import_module.fail_stale_imports() == 3
    for registration_import in stale:
        registration_import.refresh_from_db()
        assert (registration_import.status, registration_import.rows) == ("failed", [])
        assert registration_import.errors == [
            {"row": 0, "message": registration_import_module.INTERRUPTED}
        ]
    assert RegistrationImport.objects.get(pk=recent.pk).status == "running"
    assert RegistrationImport.objects.get(pk=ready.pk).status == "ready"
    assert AuditEntry.objects.filter(action="participants.import_interrupted").count() == 3
    assert registration_import_module.fail_stale_imports() == 0
    assert registration_import_module.fail_stale_imports(every=True) == 1


def test_the_worker_words_the_errors_in_the_uploaders_language(event, organiser):
    """A worker has no request to take the language from: a Czech organiser read English."""
    with translation.override("cs"):
        registration_import = start_import(
            by=organiser.user, event=event, uploaded=csv_file("email,poznamka\na@example.org,A\n")
        )
    with translation.override("en"):  # what the worker runs in
        registration_import_module.check_import(registration_import=registration_import)
    registration_import.refresh_from_db()
    assert registration_import.errors == [
        {"row": 1, "message": "Chybějící sloupce: first_name, last_name"}
    ]


def test_a_check_that_finishes_after_the_sweep_leaves_the_import_failed(
    event, organiser, django_capture_on_commit_callbacks
):
    # The check task is never run here: its worker "died" before it started.
    registration_import = start_import(
        by=organiser.user, event=event, uploaded=csv_file(HEADER + GOOD_ROWS)
    )
    assert registration_import_module.fail_stale_imports(every=True) == 1
    registration_import_module.check_import(registration_import=registration_import)
    registration_import.refresh_from_db()
    assert registration_import.status == "failed"
    assert (registration_import.plan, bytes(registration_import.content)) == ({}, b"")


def test_a_queued_import_the_sweep_failed_is_not_applied(
    event, organiser, django_capture_on_commit_callbacks
):
    registration_import = previewed(
        event, organiser.user, HEADER + GOOD_ROWS, django_capture_on_commit_callbacks
    )
    confirm_import(  # the apply task is not run: its worker died
        by=organiser.user,
        registration_import=registration_import,
        digest=registration_import.digest,
    )
    before = counts()
    assert registration_import_module.fail_stale_imports(every=True) == 1
    apply_import(registration_import=RegistrationImport.objects.get(pk=registration_import.pk))
    assert RegistrationImport.objects.get(pk=registration_import.pk).status == "failed"
    assert counts() == before


def test_a_stale_import_reads_interrupted_on_its_page_in_czech(client, event, organiser):
    registration_import = an_import(event, "running", changed_at=timedelta(hours=1))
    registration_import_module.fail_stale_imports()
    client.force_login(organiser.user)
    response = client.get(
        f"/events/{event.slug}/manage/import/{registration_import.pk}/",
        headers={"accept-language": "cs"},
    )
    assert (
        "Import se nedokončil (nebyl restartován server?). Nic nebylo importováno; "
        "nahrajte soubor znovu."
    ) in response.content.decode()


def test_imports_past_their_retention_are_deleted(event, settings):
    settings.IMPORT_RETENTION_DAYS = 30
    old = [
        an_import(event, status, created_at=timedelta(days=31))
        for status in ("done", "failed", "rejected", "ready")
    ]
    kept = an_import(event, "rejected", created_at=timedelta(days=29))
    # Confirmed a month after its upload: left to the stale sweep, not deleted under its worker.
    working = an_import(event, "running", created_at=timedelta(days=31))
    assert registration_import_module.delete_old_imports() == len(old)
    assert set(RegistrationImport.objects.values_list("pk", flat=True)) == {kept.pk, working.pk}


def test_the_periodic_command_fails_stale_imports_and_deletes_old_ones(event, settings):
    settings.IMPORT_RETENTION_DAYS = 30
    settings.TASKS_BACKEND = "celery"
    stale = an_import(event, "running", changed_at=timedelta(hours=1))
    old = an_import(event, "done", created_at=timedelta(days=40))
    recent = an_import(event, "checking")
    out = io.StringIO()
    call_command("fail_stale_runs", "--all", stdout=out)
    assert out.getvalue() == (
        "0 stale scheduler runs marked failed, 0 stale badge prints marked failed, "
        "1 stale registration imports marked failed, "
        "1 old registration imports deleted\n"
    )
    assert RegistrationImport.objects.get(pk=stale.pk).status == "failed"
    assert not RegistrationImport.objects.filter(pk=old.pk).exists()
    # With Celery, a restarted long-queue worker says nothing about imports on the short one.
    assert RegistrationImport.objects.get(pk=recent.pk).status == "checking"
    settings.TASKS_BACKEND = "thread"
    call_command("fail_stale_runs", "--all", stdout=out)
    assert RegistrationImport.objects.get(pk=recent.pk).status == "failed"


def test_an_xlsx_with_formulas_and_no_saved_values_is_refused_and_changes_nothing(event):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["email", "first_name", "last_name"])
    sheet.append(["eva@example.org", "Eva", '=PROPER("horáková")'])
    buffer = io.BytesIO()
    workbook.save(buffer)
    before = counts()
    with pytest.raises(ImportRejected) as rejected:
        import_registrations(
            by=None, event=event, uploaded=SimpleUploadedFile("r.xlsx", buffer.getvalue())
        )
    assert [error.message for error in rejected.value.errors] == [
        "Cell C2 holds a formula with no saved value; open the file in a spreadsheet program "
        "and save it again, or paste the values in place of the formulas."
    ]
    assert counts() == before


@pytest.mark.parametrize(
    ("value", "language"),
    [
        ("cs", "cs"),
        ("Czech", "cs"),
        ("čeština", "cs"),
        ("Cestina", "cs"),
        ("EN", "en"),
        ("angličtina", "en"),
        ("English", "en"),
    ],
)
def test_the_language_column_sets_a_new_persons_language_of_emails_only(event, value, language):
    """An existing account keeps the language its owner chose, or none."""
    PersonFactory(user__email="k@example.org", language="")
    PersonFactory(user__email="e@example.org", language="en" if language == "cs" else "cs")
    text = (
        f"E-mail,Jméno,Příjmení,Jazyk\nn@example.org,N,N,{value}\n"
        f"k@example.org,K,K,{value}\ne@example.org,E,E,{value}\n"
    )
    import_registrations(by=None, event=event, uploaded=csv_file(text))
    assert dict(Person.objects.values_list("user__email", "language")) == {
        "n@example.org": language,
        "k@example.org": "",
        "e@example.org": "en" if language == "cs" else "cs",
    }


def test_an_unknown_language_is_refused_with_the_accepted_values_and_changes_nothing(event):
    before = counts()
    text = "email,first_name,last_name,language\nn@example.org,N,N,Klingon\n"
    with pytest.raises(ImportRejected) as rejected:
        import_registrations(by=None, event=event, uploaded=csv_file(text))
    assert rejected.value.errors == [
        RowError(
            2,
            "language: Modus does not write e-mails in “Klingon”. Write one of en, cs, English, "
            "Czech, Angličtina, Čeština, or leave it empty. The languages a person speaks go in "
            "a column named “Spoken languages” (or “Jazyky”).",
        )
    ]
    assert counts() == before


def test_without_the_column_a_new_person_is_written_to_in_the_sites_language(event, settings):
    """Not the uploader's: an organiser working in Czech may import a list of foreigners.
    The person's own choice, or the language they use the site in, comes first later."""
    import_registrations(by=None, event=event, uploaded=csv_file(HEADER + GOOD_ROWS))
    person = Person.objects.get(user__email="eva@example.org")
    assert (person.language, person.languages) == ("", "English")
    settings.LANGUAGE_CODE = "cs"
    assert person.preferred_language == "cs"


# A column named just "Language" ---------------------------------------------------------


def upload_of(kind: str, rows: list[list[str]]) -> SimpleUploadedFile:
    """The rows as a CSV (quoted where a value holds a comma) or as an XLSX workbook."""
    if kind == "csv":
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(rows)
        return csv_file(text.getvalue())
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("registrations.xlsx", buffer.getvalue())


HEADERS = {
    "English": ["Email", "First name", "Last name", "Language"],
    "Czech": ["E-mail", "Jméno", "Příjmení", "Jazyk"],
}
SPOKEN = {"English": ["English, Czech, German", "Czech"], "Czech": ["angličtina a čeština", ""]}
OF_EMAILS = {"English": ["Czech", "en"], "Czech": ["čeština", "angličtina"]}


def people_languages() -> dict[str, tuple[str, str]]:
    return {
        email: (language, languages)
        for email, language, languages in Person.objects.values_list(
            "user__email", "language", "languages"
        )
    }


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("words", ["English", "Czech"])
def test_a_language_column_listing_several_languages_is_read_as_those_spoken(event, kind, words):
    first, second = SPOKEN[words]
    rows = [HEADERS[words], ["a@example.org", "A", "A", first], ["b@example.org", "B", "B", second]]
    import_registrations(by=None, event=event, uploaded=upload_of(kind, rows))
    # Their e-mails are written in the site's language until they choose theirs.
    assert people_languages() == {"a@example.org": ("", first), "b@example.org": ("", second)}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("words", ["English", "Czech"])
def test_a_language_column_of_one_site_language_a_row_is_the_language_of_emails(event, kind, words):
    first, second = OF_EMAILS[words]
    rows = [HEADERS[words], ["a@example.org", "A", "A", first], ["b@example.org", "B", "B", second]]
    import_registrations(by=None, event=event, uploaded=upload_of(kind, rows))
    assert people_languages() == {"a@example.org": ("cs", ""), "b@example.org": ("en", "")}


def test_the_preview_says_a_language_column_is_read_as_the_languages_spoken(
    client, event, organiser, django_capture_on_commit_callbacks
):
    client.force_login(organiser.user)
    rows = [HEADERS["Czech"], ["a@example.org", "A", "A", "angličtina, němčina"]]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:import", args=[event.slug]), {"file": upload_of("xlsx", rows)}
        )
    registration_import = RegistrationImport.objects.get(event=event)
    assert registration_import.plan["read_as_spoken_languages"] == "Jazyk"
    page = client.get(response.url).content.decode()
    assert (
        "The column “Jazyk” lists several languages on a row, so it is read as the languages "
        "people speak"
    ) in page
    post_confirmation(client, event, registration_import, django_capture_on_commit_callbacks)
    registration_import.refresh_from_db()
    assert registration_import.status == "done"
    assert people_languages()["a@example.org"] == ("", "angličtina, němčina")


ACCEPTED = (
    "Write one of en, cs, English, Czech, Angličtina, Čeština, or leave it empty. The "
    "languages a person speaks go in a column named “Spoken languages” (or “Jazyky”)."
)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_language_no_email_is_written_in_is_refused_with_what_to_write(event, kind):
    """One spoken language a row cannot be told from a wish for e-mails in it."""
    before = counts()
    rows = [
        HEADERS["English"],
        ["a@example.org", "A", "A", "German"],
        ["b@example.org", "B", "B", "en"],
    ]
    with pytest.raises(ImportRejected) as rejected:
        import_registrations(by=None, event=event, uploaded=upload_of(kind, rows))
    assert rejected.value.errors == [
        RowError(2, "language: Modus does not write e-mails in “German”. " + ACCEPTED)
    ]
    assert counts() == before


def test_a_list_in_the_email_language_column_beside_a_spoken_one_is_refused_so(event):
    before = counts()
    rows = [
        ["Email", "First name", "Last name", "Spoken languages", "Language"],
        ["a@example.org", "A", "A", "English", "English, Czech"],
    ]
    with pytest.raises(ImportRejected) as rejected:
        import_registrations(by=None, event=event, uploaded=upload_of("csv", rows))
    assert rejected.value.errors == [
        RowError(
            2,
            "language: “English, Czech” names several languages, but this column is the one "
            "language e-mails to a new person are written in. " + ACCEPTED,
        )
    ]
    assert counts() == before
