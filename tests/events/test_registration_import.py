import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from modus.accounts.models import User
from modus.directory.models import Organisation, Person
from modus.events.models import Participant
from modus.events.registration_import import ImportRejected, RowError, import_registrations
from tests.factories import OrganisationFactory, ParticipantFactory, PersonFactory

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
