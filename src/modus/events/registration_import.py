"""Importing registrations from CSV or XLSX.

Every row is checked first; one bad row rejects the whole file and nothing is written.
"""

import csv
import io
from dataclasses import dataclass, field

import openpyxl
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from modus.common import audit
from modus.directory import services as directory_services
from modus.directory.models import OrganisationKind, Person
from modus.events import services as event_services
from modus.events.models import Event, Participant

COLUMNS = [
    "email",
    "first_name",
    "last_name",
    "organisation",
    "country",
    "role",
    "job_title",
    "phone",
    "languages",
]
REQUIRED_COLUMNS = {"email", "first_name", "last_name"}
MAX_ROWS = 20_000


@dataclass(frozen=True)
class RowError:
    row: int
    message: str


class ImportRejected(Exception):
    """The file was not imported; nothing was written."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass
class ImportResult:
    people_created: int = 0
    registered: int = 0
    roles_changed: int = 0
    unchanged: int = 0
    organisations_created: list[str] = field(default_factory=list)


def country_code(value: str) -> str:
    """Accept an ISO code ("CZ") or an English name ("Czechia"); empty stays empty."""
    value = value.strip()
    if not value:
        return ""
    if value.upper() in dict(countries):
        return value.upper()
    code = countries.by_name(value)
    if not code:
        raise ValidationError(_("Unknown country: %(value)s") % {"value": value})
    return code


class RegistrationRow(forms.Form):
    email = forms.EmailField(max_length=254)
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    organisation = forms.CharField(max_length=200, required=False)
    country = forms.CharField(max_length=60, required=False)
    role = forms.CharField(max_length=20, required=False)
    job_title = forms.CharField(max_length=150, required=False)
    phone = forms.CharField(max_length=40, required=False)
    languages = forms.CharField(max_length=200, required=False)

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_country(self) -> str:
        return country_code(self.cleaned_data["country"])

    def clean_role(self) -> str:
        role = self.cleaned_data["role"].strip().lower() or Participant.Role.DELEGATE
        if role not in Participant.Role.values:
            raise ValidationError(
                _("Unknown role: %(role)s (use one of: %(roles)s)")
                % {"role": role, "roles": ", ".join(Participant.Role.values)}
            )
        return role


def read_table(uploaded) -> list[dict[str, str]]:
    """Rows as dictionaries keyed by lower-case column names, from CSV or XLSX."""
    name = (getattr(uploaded, "name", "") or "").lower()
    content = uploaded.read()
    if name.endswith(".xlsx"):
        return read_xlsx(content)
    return read_csv(content)


def read_csv(content: bytes) -> list[dict[str, str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected([RowError(0, _("The file is not UTF-8 text."))]) from error
    # Spreadsheets saved in Czech locales separate columns with semicolons.
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return rows_from(list(reader))


def read_xlsx(content: bytes) -> list[dict[str, str]]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportRejected(
            [RowError(0, _("The file is not a readable XLSX workbook."))]
        ) from error
    sheet = workbook.worksheets[0]
    table = [
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    workbook.close()
    return rows_from(table)


def rows_from(table: list[list[str]]) -> list[dict[str, str]]:
    if not table:
        raise ImportRejected([RowError(0, _("The file is empty."))])
    header = [column.strip().lower().replace(" ", "_") for column in table[0]]
    missing = REQUIRED_COLUMNS - set(header)
    if missing:
        raise ImportRejected(
            [
                RowError(
                    1, _("Missing columns: %(columns)s") % {"columns": ", ".join(sorted(missing))}
                )
            ]
        )
    body = [row for row in table[1:] if any(cell.strip() for cell in row)]
    if len(body) > MAX_ROWS:
        raise ImportRejected(
            [RowError(0, _("At most %(max)d rows at a time.") % {"max": MAX_ROWS})]
        )
    return [dict(zip(header, [cell.strip() for cell in row], strict=False)) for row in table[1:]]


def validate(rows: list[dict[str, str]]) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Check every row; row numbers are as a spreadsheet shows them (the header is row 1)."""
    valid, errors, seen = [], [], {}
    for number, row in enumerate(rows, start=2):
        if not any(row.values()):
            continue
        form = RegistrationRow({column: row.get(column, "") for column in COLUMNS})
        if not form.is_valid():
            errors += [
                RowError(number, f"{column}: {message}")
                for column, messages in form.errors.items()
                for message in messages
            ]
            continue
        email = form.cleaned_data["email"]
        if email in seen:
            errors.append(
                RowError(
                    number,
                    _("%(email)s is already on row %(row)d.")
                    % {"email": email, "row": seen[email]},
                )
            )
            continue
        seen[email] = number
        valid.append((number, form.cleaned_data))
    if not valid and not errors:
        errors.append(RowError(0, _("The file has no registrations.")))
    return valid, errors


@transaction.atomic
def import_registrations(*, by, event: Event, uploaded) -> ImportResult:
    """All or nothing: any error rejects the whole file and nothing is written."""
    valid, errors = validate(read_table(uploaded))
    if errors:
        raise ImportRejected(errors)
    result = ImportResult()
    organisations: dict[str, object] = {}
    for number, data in valid:
        try:
            apply_row(by=by, event=event, data=data, result=result, organisations=organisations)
        except ValidationError as error:
            raise ImportRejected([RowError(number, " ".join(error.messages))]) from error
    audit.record(by=by, action="participants.imported", obj=event, data=result.__dict__)
    return result


def apply_row(*, by, event: Event, data: dict, result: ImportResult, organisations: dict) -> None:
    organisation = row_organisation(by, data, result, organisations)
    person = Person.objects.filter(user__email__iexact=data["email"]).first()
    if person is None:
        person = directory_services.create_person(
            by=by,
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            organisation=organisation,
            country=data["country"] or (organisation.country if organisation else ""),
            job_title=data["job_title"],
            phone=data["phone"],
            languages=data["languages"],
        )
        result.people_created += 1
    participant = Participant.objects.filter(event=event, person=person).first()
    if participant is None:
        event_services.register(by=by, event=event, person=person, role=data["role"])
        result.registered += 1
    elif participant.role != data["role"]:
        event_services.change_role(by=by, participant=participant, role=data["role"])
        result.roles_changed += 1
    else:
        result.unchanged += 1


def row_organisation(by, data: dict, result: ImportResult, organisations: dict):
    name = data["organisation"]
    if not name:
        return None
    key = name.casefold()
    if key not in organisations:
        organisation = event_services.organisation_named(name)
        if organisation is None:
            if not data["country"]:
                raise ValidationError(
                    _("country: needed to create the new organisation %(name)s") % {"name": name}
                )
            organisation = directory_services.create_organisation(
                by=by, name=name, kind=OrganisationKind.OTHER, country=data["country"]
            )
            result.organisations_created.append(name)
        organisations[key] = organisation
    return organisations[key]


TEMPLATE_HELP = gettext_lazy(
    "Columns: email, first_name, last_name (required); organisation, country (ISO code or "
    "English name), role (delegate, speaker, exhibitor, organiser, press), job_title, phone, "
    "languages. The first row holds the column names."
)
