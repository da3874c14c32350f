"""Importing registrations from CSV or XLSX: check, preview, confirm, apply.

An upload becomes a RegistrationImport. A background task reads and checks every row and
works out what applying them would change (the preview). Only after the organiser confirms
that preview does a second task apply it, all or nothing, in one transaction and with a
fixed number of queries per kind of change; if anything differs from the preview by then,
nothing is written and the organiser is asked to upload again.
"""

import functools
import hashlib
import logging
import re
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from django import forms
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext
from django_countries import countries

from modus import tasks
from modus.common import audit, uploads
from modus.common.permissions import require
from modus.common.spreadsheets import Limits, SpreadsheetRejected, read_table
from modus.directory import services as directory_services
from modus.directory.models import Organisation, OrganisationKind, Person, Visibility
from modus.events.models import (
    Event,
    Participant,
    RegistrationImport,
    participant_search_text,
)
from modus.events.registration_notices import tell_registered
from modus.matchmaking.services import recommendations

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
    "language",
]
REQUIRED_COLUMNS = {"email", "first_name", "last_name"}
MAX_ROWS = 20_000
MAX_ERRORS = 200  # listed; the rest are counted
CHUNK = 500  # ids or e-mails per IN (...) query, below every database's parameter limit
# What a running import is doing, in order; the import page shows "step N of 4".
STEPS = (
    gettext_lazy("Checking the rows against the participants"),
    gettext_lazy("Adding new organisations"),
    gettext_lazy("Adding new people"),
    gettext_lazy("Registering people and changing roles"),
)
Status = RegistrationImport.Status
log = logging.getLogger(__name__)


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


@functools.cache
def country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in countries)


@functools.cache
def country_names() -> dict[str, str]:
    """Code by folded country name, in every language of the site and former names
    ("Czech Republic"): looked up once, as countries.by_name costs a millisecond a row."""
    names: dict[str, str] = {}
    for language, _label in settings.LANGUAGES:
        with translation.override(language):
            for code, name in countries:
                names.setdefault(str(name).casefold(), code)
            # Former names are translated too: "Czech Republic" is "Česká republika".
            for code, former in countries.shadowed_names.items():
                for name in former:
                    names.setdefault(str(name).casefold(), code)
    return names


def country_code(value: str) -> str:
    """Accept an ISO code ("CZ") or a name in English or Czech ("Czechia", "Česko");
    empty stays empty."""
    value = value.strip()
    if not value:
        return ""
    if value.upper() in country_codes():
        return value.upper()
    code = country_names().get(value.casefold()) or countries.by_name(value)
    if not code:
        raise ValidationError(_("Unknown country: %(value)s") % {"value": value})
    return code


@functools.cache
def role_names() -> dict[str, str]:
    """Role by its folded name in every language of the site ("Vystavovatel": exhibitor),
    as the participant list and its export in Czech call them."""
    names = {}
    for language, _label in settings.LANGUAGES:
        with translation.override(language):
            for value, label in Participant.Role.choices:
                names[str(label).casefold()] = value
    return names


def role_of(value: str) -> str:
    """An empty role means: keep the participant's role (new participants: delegate)."""
    role = value.strip().casefold()
    role = role_names().get(role, role)
    if role and role not in Participant.Role.values:
        raise ValidationError(
            _("Unknown role: %(role)s (use one of: %(roles)s)")
            % {"role": role, "roles": ", ".join(Participant.Role.values)}
        )
    return role


def folded(text: str) -> str:
    """Lower case, without accents, words joined by "_": "Čeština" and "cestina" are one."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(character for character in decomposed if not unicodedata.combining(character))
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


@functools.cache
def language_names() -> dict[str, str]:
    """Code by folded name of each site language: its code, its English and own names, and
    its name in every language of the site ("en", "English", "angličtina")."""
    names = {}
    for code, label in settings.LANGUAGES:
        info = LANG_INFO.get(code, {})
        for name in (code, info.get("name", ""), info.get("name_local", "")):
            names[folded(name)] = code
        for language, _label in settings.LANGUAGES:
            with translation.override(language):
                names[folded(str(label))] = code
    names.pop("", None)
    return names


# What joins the languages of a list: "English, Czech", "angličtina a čeština", "EN/CS".
LANGUAGE_LIST = re.compile(r"\s*(?:[,;/|+&]|\s(?:and|a|und|i)\s)\s*", re.IGNORECASE)


def listed_languages(value: str) -> list[str]:
    return [name for name in LANGUAGE_LIST.split(value.strip()) if name]


def accepted_languages() -> str:
    """The e-mail languages as a file may write them: codes, then names in every language."""
    accepted = [code for code, _label in settings.LANGUAGES]
    for language, _label in settings.LANGUAGES:
        with translation.override(language):
            accepted += [str(label) for _code, label in settings.LANGUAGES]
    return ", ".join(dict.fromkeys(accepted))


def language_of(value: str) -> str:
    """The language a new person is written to in; empty: the site's default."""
    if not value.strip():
        return ""
    code = language_names().get(folded(value))
    if code is not None:
        return code
    if len(listed_languages(value)) > 1:
        problem = _(
            "“%(value)s” names several languages, but this column is the one language "
            "e-mails to a new person are written in."
        )
    else:
        problem = _("Modus does not write e-mails in “%(value)s”.")
    raise ValidationError(
        " ".join(
            (
                problem % {"value": value.strip()},
                _(
                    "Write one of %(languages)s, or leave it empty. The languages a person "
                    "speaks go in a column named “Spoken languages” (or “Jazyky”)."
                )
                % {"languages": accepted_languages()},
            )
        )
    )


# The columns, checked as form fields are (the same limits as the models).
ROW_FIELDS = {
    "email": forms.EmailField(max_length=254),
    "first_name": forms.CharField(max_length=100),
    "last_name": forms.CharField(max_length=100),
    "organisation": forms.CharField(max_length=200, required=False),
    "country": forms.CharField(max_length=60, required=False),
    "role": forms.CharField(max_length=20, required=False),
    "job_title": forms.CharField(max_length=150, required=False),
    "phone": forms.CharField(max_length=40, required=False),
    "languages": forms.CharField(max_length=200, required=False),
    "language": forms.CharField(max_length=60, required=False),
}
ROW_CLEANERS = {
    "email": lambda value: value.strip().lower(),
    "country": country_code,
    "role": role_of,
    "language": language_of,
}


def clean_row(row: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """(cleaned values, "column: message" errors) for one row; fields are shared, not copied."""
    data, errors = {}, []
    for column, form_field in ROW_FIELDS.items():
        try:
            value = form_field.clean(row.get(column, ""))
            cleaner = ROW_CLEANERS.get(column)
            data[column] = cleaner(value) if cleaner else value
        except ValidationError as error:
            errors += [f"{column}: {message}" for message in error.messages]
    return data, errors


# Reading and checking ---------------------------------------------------------------


def limits() -> Limits:
    return Limits(max_bytes=uploads.max_upload_bytes(), max_rows=MAX_ROWS)


# Column names as people write them, in English or Czech: a header cell is folded (lower
# case, no accents, words joined by "_") and then looked up here, so "E-mail", "First name"
# and "Příjmení" name their columns as "email", "first_name" and "last_name" do.
COLUMN_NAMES = {
    "email": ("e_mail", "mail", "email_address", "e_mail_address", "e_mailova_adresa"),
    "first_name": ("first", "firstname", "given_name", "jmeno", "krestni_jmeno"),
    "last_name": ("last", "lastname", "surname", "family_name", "prijmeni"),
    "organisation": ("organization", "company", "organizace", "firma", "spolecnost"),
    "country": ("zeme", "stat"),
    "job_title": ("job", "position", "pozice", "funkce"),
    "phone": ("telephone", "phone_number", "mobile", "telefon", "tel", "mobil"),
    "languages": ("spoken_languages", "jazyky"),
    # The language of e-mails, not the languages a person speaks (those are "languages").
    # Named "Language" or "Jazyk" alone, its values decide (see read_language_column).
    "language": (
        "jazyk",
        "e_mail_language",
        "language_of_e_mails",
        "jazyk_e_mailu",
        "preferred_language",
    ),
}
COLUMN_BY_NAME = {
    name: column for column, names in COLUMN_NAMES.items() for name in (column, *names)
}


# Header names that may mean the e-mail language or the languages spoken.
EITHER_LANGUAGE = ("language", "jazyk")


def read_language_column(header: list[str], cells: list[str], body) -> str:
    """How a column named only "Language" ("Jazyk") is read: as the languages spoken
    ("languages") when a row lists several languages and no other column holds those;
    otherwise as the e-mail language, one a row. Returns the header text of a column so
    read as spoken languages, else ""."""
    if "language" not in header or "languages" in header:
        return ""
    index = header.index("language")
    if folded(cells[index]) not in EITHER_LANGUAGE:
        return ""
    values = (row[index] for _number, row in body if index < len(row))
    if not any(len(listed_languages(value)) > 1 for value in values):
        return ""
    header[index] = "languages"
    return cells[index].strip()


def column_of(cell: str) -> str:
    """The column a header cell names; an unknown name stays as folded (and is ignored)."""
    name = folded(cell)
    return COLUMN_BY_NAME.get(name, name)


def read_header(header_row: int, header_cells: list[str], sheet: str = "") -> list[str]:
    header = [column_of(cell) for cell in header_cells]
    named = [column for column in header if column in ROW_FIELDS]
    twice = sorted({column for column in named if named.count(column) > 1})
    missing = REQUIRED_COLUMNS - set(header)
    errors = [
        RowError(header_row, _("Two columns are for %(column)s.") % {"column": column})
        for column in twice
    ]
    if missing:
        message = _("Missing columns: %(columns)s") % {"columns": ", ".join(sorted(missing))}
        if sheet:
            message += " " + _(
                "(The sheet read is “%(sheet)s”, the one open when the workbook was saved.)"
            ) % {"sheet": sheet}
        errors.append(RowError(header_row, message))
    if errors:
        raise ImportRejected(errors)
    return header


HEADER_SEARCH_ROWS = 10


def header_position(table: list[tuple[int, list[str]]]) -> int:
    """Where the header is: the first of the first rows that names the required columns, as
    a sheet with a title row above its table has; else the first row."""
    for position, (_number, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
        if {column_of(cell) for cell in cells} >= REQUIRED_COLUMNS:
            return position
    return 0


@dataclass
class ReadFile:
    """A file's rows, as (row number, cells by column); the name of a CSV's text encoding
    ("" for XLSX); and the header of a "Language" column read as the languages spoken."""

    rows: list[tuple[int, dict[str, str]]]
    encoding: str
    spoken_languages_column: str = ""


def read_rows(uploaded) -> ReadFile:
    """Every non-blank row after the header, and how the file was read."""
    try:
        table = read_table(uploaded, limits())
    except SpreadsheetRejected as rejected:
        raise ImportRejected([RowError(rejected.row, rejected.message)]) from rejected
    start = header_position(table)
    header = read_header(*table[start], sheet=table.sheet)
    body = table[start + 1 :]
    spoken = read_language_column(header, table[start][1], body)
    # A row longer than the header most likely holds a value with the separator in it and
    # no quotes around it: every value after it would land in the wrong column.
    too_long = [
        RowError(
            number,
            _(
                "The row has more values than the header has columns (%(values)d, not "
                "%(columns)d); is a value with a comma or semicolon in it missing its quotes?"
            )
            % {"values": len(cells), "columns": len(header)},
        )
        for number, cells in body
        if any(cells[len(header) :])
    ]
    if too_long:
        raise ImportRejected(too_long)
    rows = [(number, dict(zip(header, cells, strict=False))) for number, cells in body]
    return ReadFile(rows, table.encoding, spoken)


def validate(rows: list[tuple[int, dict[str, str]]]) -> tuple[list[tuple[int, dict]], list]:
    """Check every row; row numbers are as a spreadsheet shows them (the header is row 1)."""
    valid, errors, seen = [], [], {}
    for number, row in rows:
        data, problems = clean_row(row)
        if problems:
            errors += [RowError(number, problem) for problem in problems]
            continue
        email = data["email"]
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
        valid.append((number, data))
    if not valid and not errors:
        errors.append(RowError(0, _("The file has no registrations.")))
    return valid, errors


# Planning: what applying the rows would change ---------------------------------------


@dataclass
class Existing:
    """What the database already holds for the rows: read in a fixed number of queries."""

    people: dict[str, Person]
    participants: dict[int, Participant]
    organisations: dict[str, Organisation]
    accounts_without_profile: set[str]


def chunks(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def load_existing(event: Event, valid: list[tuple[int, dict]]) -> Existing:
    emails = sorted({data["email"] for _, data in valid})
    people: dict[str, Person] = {}
    accounts: set[str] = set()
    for part in chunks(emails):
        accounts |= {
            email.lower()
            for email in get_user_model()
            .objects.annotate(lower_email=Lower("email"))
            .filter(lower_email__in=part)
            .values_list("email", flat=True)
        }
        for person in (
            Person.objects.select_related("user", "organisation")
            .annotate(lower_email=Lower("user__email"))
            .filter(lower_email__in=part)
        ):
            people[person.user.email.lower()] = person
    participants: dict[int, Participant] = {}
    person_ids = [person.pk for person in people.values()]
    for part in chunks(person_ids):
        for participant in Participant.objects.filter(event=event, person_id__in=part):
            participant.event = event  # for the audit log's names, without a query each
            participants[participant.person_id] = participant
    by_id = {person.pk: person for person in people.values()}
    for participant in participants.values():
        participant.person = by_id[participant.person_id]
    names = sorted({data["organisation"] for _, data in valid if data["organisation"]})
    organisations: dict[str, Organisation] = {}
    for part in chunks(names):
        # Exact names too: SQLite's LOWER() folds ASCII letters only ("Škoda").
        for organisation in (
            Organisation.objects.annotate(lower_name=Lower("name"))
            .filter(Q(name__in=part) | Q(lower_name__in=[name.lower() for name in part]))
            .order_by("-pk")  # the oldest of equal names wins, as before
        ):
            organisations[organisation.name.casefold()] = organisation
    return Existing(people, participants, organisations, accounts - set(people))


def plan_rows(*, by, event: Event, valid: list[tuple[int, dict]], existing: Existing):
    """(plan, errors): the preview as plain data, and rows that cannot be applied."""
    errors: list[RowError] = []
    role_changes, new_people, existing_accounts, unchanged = [], 0, 0, 0
    registered_by_role: dict[str, int] = defaultdict(int)
    new_organisations: dict[str, str] = {}
    acting_user = getattr(by, "pk", None)
    for number, data in valid:
        name = data["organisation"]
        if name and name.casefold() not in existing.organisations:
            if not data["country"] and name.casefold() not in new_organisations:
                errors.append(
                    RowError(
                        number,
                        _("country: needed to create the new organisation %(name)s")
                        % {"name": name},
                    )
                )
                continue
            new_organisations.setdefault(name.casefold(), name)
        if data["email"] in existing.accounts_without_profile:
            errors.append(RowError(number, _("email: This e-mail address is already registered.")))
            continue
        person = existing.people.get(data["email"])
        participant = existing.participants.get(person.pk) if person else None
        if person is None:
            new_people += 1
        elif participant is None:
            existing_accounts += 1
        if participant is None:
            registered_by_role[data["role"] or Participant.Role.DELEGATE] += 1
        elif data["role"] and data["role"] != participant.role:
            if person.user_id == acting_user and participant.role == Participant.Role.ORGANISER:
                errors.append(
                    RowError(
                        number,
                        _("role: you cannot change your own role from organiser by import."),
                    )
                )
                continue
            role_changes.append(
                {
                    "row": number,
                    "email": data["email"],
                    "name": person.full_name,
                    "from": participant.role,
                    "to": data["role"],
                }
            )
        else:
            unchanged += 1
    plan = {
        "people_created": new_people,
        "registered": sum(registered_by_role.values()),
        # People with an account already, registered without being asked: each is e-mailed.
        "existing_accounts_registered": existing_accounts,
        "registered_by_role": dict(sorted(registered_by_role.items())),
        "role_changes": role_changes,
        "unchanged": unchanged,
        "organisations_created": sorted(new_organisations.values(), key=str.casefold),
    }
    return plan, errors


# The steps an organiser takes --------------------------------------------------------


@transaction.atomic
def start_import(*, by, event: Event, uploaded) -> RegistrationImport:
    """Keep the upload and have it checked in the background."""
    require(by, "events.manage_event", event)
    # Without cron or Celery beat, the next upload still ends the imports whose worker died.
    fail_stale_imports()
    content = uploaded.read(uploads.max_upload_bytes() + 1)
    registration_import = RegistrationImport.objects.create(
        event=event,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        file_name=(getattr(uploaded, "name", "") or "upload")[-255:],
        digest=hashlib.sha256(content).hexdigest(),
        content=content,
        language=translation.get_language() or "",
    )
    audit.record(
        by=by,
        action="participants.import_uploaded",
        obj=event,
        data={"import": registration_import.pk, "file": registration_import.file_name},
    )
    tasks.enqueue(check_import_task, registration_import.pk)
    return registration_import


class NamedBytes:
    """The stored upload, read like an uploaded file."""

    def __init__(self, name: str, content: bytes):
        self.name, self.size, self._content = name, len(content), content

    def read(self, size: int = -1) -> bytes:
        return self._content if size < 0 else self._content[:size]


def in_uploaders_language(function):
    """Run a background step in the language the import was uploaded in: its errors are
    stored worded, and a worker has no request to take a language from."""

    @functools.wraps(function)
    def wrapper(*, registration_import: RegistrationImport) -> RegistrationImport:
        with translation.override(registration_import.language or None):
            return function(registration_import=registration_import)

    return wrapper


@in_uploaders_language
def check_import(*, registration_import: RegistrationImport) -> RegistrationImport:
    """Read and check the file, and store the preview (or the problems)."""
    if registration_import.status != Status.CHECKING:
        return registration_import
    event = registration_import.event
    by = registration_import.created_by
    upload = NamedBytes(registration_import.file_name, bytes(registration_import.content))
    try:
        read = read_rows(upload)
        registration_import.encoding = read.encoding
        valid, errors = validate(read.rows)
        if not errors:
            plan, errors = plan_rows(
                by=by, event=event, valid=valid, existing=load_existing(event, valid)
            )
            # How the file was read, for the preview: no change to compare when applying.
            if read.spoken_languages_column:
                plan["read_as_spoken_languages"] = read.spoken_languages_column
    except ImportRejected as rejected:
        valid, errors = [], rejected.errors
    registration_import.content = b""
    registration_import.row_count = len(valid)
    registration_import.changed_at = timezone.now()
    if errors:
        registration_import.status = Status.REJECTED
        registration_import.errors = stored_errors(errors)
        registration_import.finished_at = registration_import.changed_at
    else:
        registration_import.status = Status.READY
        registration_import.rows = [[number, data] for number, data in valid]
        registration_import.plan = plan
    # Written only if still checking: an import a sweep marked failed (it looked dead) stays so.
    checked = RegistrationImport.objects.filter(
        pk=registration_import.pk, status=Status.CHECKING
    ).update(**{name: getattr(registration_import, name) for name in CHECKED_FIELDS})
    if not checked:
        registration_import.refresh_from_db()
    return registration_import


CHECKED_FIELDS = (
    "content",
    "encoding",
    "row_count",
    "changed_at",
    "status",
    "errors",
    "finished_at",
    "rows",
    "plan",
)


@tasks.task
def check_import_task(import_id: int) -> None:
    check_import(registration_import=RegistrationImport.objects.get(pk=import_id))


def stored_errors(errors: list[RowError]) -> list[dict]:
    listed = [asdict(error) for error in errors[:MAX_ERRORS]]
    if len(errors) > MAX_ERRORS:
        more = len(errors) - MAX_ERRORS
        listed.append({"row": 0, "message": _("… and %(count)d more.") % {"count": more}})
    return listed


@transaction.atomic
def confirm_import(*, by, registration_import: RegistrationImport, digest: str) -> None:
    """Apply exactly the previewed file: a preview of another upload does not confirm this."""
    require(by, "events.manage_event", registration_import.event)
    locked = RegistrationImport.objects.select_for_update().get(pk=registration_import.pk)
    if locked.status != Status.READY or digest != locked.digest:
        raise ValidationError(
            _("This preview is no longer current; upload the file again to see a new one.")
        )
    locked.status = Status.QUEUED
    locked.changed_at = timezone.now()
    locked.save(update_fields=["status", "changed_at"])
    audit.record(
        by=by,
        action="participants.import_confirmed",
        obj=locked.event,
        data={"import": locked.pk, "digest": locked.digest},
    )
    tasks.enqueue(apply_import_task, locked.pk)


@tasks.task
def apply_import_task(import_id: int) -> None:
    apply_import(registration_import=RegistrationImport.objects.get(pk=import_id))


@in_uploaders_language
def apply_import(*, registration_import: RegistrationImport) -> RegistrationImport:
    """Apply the confirmed rows in one transaction; on any problem nothing is written.

    Runs once per confirmation: a second delivery of the task finds the import taken.
    """
    taken = RegistrationImport.objects.filter(
        pk=registration_import.pk, status=Status.QUEUED
    ).update(status=Status.RUNNING, changed_at=timezone.now())
    if not taken:
        return registration_import
    valid = [(number, data) for number, data in registration_import.rows]
    running = RegistrationImport.objects.filter(pk=registration_import.pk, status=Status.RUNNING)
    try:
        with transaction.atomic():
            result = write(
                by=registration_import.created_by,
                event=registration_import.event,
                valid=valid,
                expected=registration_import.plan,
                registration_import=registration_import,
            )
            # Done in the same transaction as the writes: an import a sweep marked failed
            # meanwhile (it looked dead) writes nothing, so "failed" stays true.
            finished = running.update(
                status=Status.DONE,
                result=asdict(result),
                progress=len(valid),
                rows=[],
                finished_at=timezone.now(),
                changed_at=timezone.now(),
            )
            if not finished:
                raise ImportAbandoned(registration_import.pk)
    except ImportAbandoned:
        log.warning("registration import %s was marked failed while it ran", registration_import.pk)
    except (ImportRejected, PermissionDenied, DatabaseError) as error:
        log.warning("registration import %s failed: %r", registration_import.pk, error)
        running.update(
            status=Status.FAILED,
            errors=stored_errors(
                error.errors
                if isinstance(error, ImportRejected)
                else [RowError(0, _("The import failed; nothing was imported."))]
            ),
            rows=[],  # the people's data is not kept here
            finished_at=timezone.now(),
            changed_at=timezone.now(),
        )
    else:
        recommendations.schedule(registration_import.event)
    registration_import.refresh_from_db()
    return registration_import


class ImportAbandoned(Exception):
    """The import was marked failed while it ran: its writes are rolled back."""


# Imports whose worker died, and old imports ---------------------------------------

INTERRUPTED = gettext_noop(
    "The import stopped without finishing (was the server restarted?). Nothing was "
    "imported; upload the file again."
)


def fail_stale_imports(*, now=None, every: bool = False) -> int:
    """Mark failed the imports that stayed checking, queued or running for longer than
    `IMPORT_STALE_MINUTES`: their worker died. With `every`, all of them: for the start of
    the only process that runs imports."""
    now = now or timezone.now()
    imports = RegistrationImport.objects.filter(status__in=RegistrationImport.WORKING)
    if not every:
        imports = imports.filter(
            changed_at__lt=now - timedelta(minutes=settings.IMPORT_STALE_MINUTES)
        )
    failed = 0
    for stale in imports.select_related("event").only("pk", "status", "changed_at", "event"):
        # One that moved on meanwhile (checked, or finished its writes) keeps its result.
        if RegistrationImport.objects.filter(
            pk=stale.pk, status=stale.status, changed_at=stale.changed_at
        ).update(
            status=Status.FAILED,
            errors=[{"row": 0, "message": INTERRUPTED}],
            content=b"",
            rows=[],
            finished_at=now,
            changed_at=now,
        ):
            audit.record(
                by=None,
                action="participants.import_interrupted",
                obj=stale.event,
                data={"import": stale.pk, "status": stale.status},
            )
            failed += 1
    return failed


def delete_old_imports(*, now=None) -> int:
    """Delete the imports made more than `IMPORT_RETENTION_DAYS` ago: their previews and
    error lists may hold people's names and e-mail addresses. Working ones are left to
    `fail_stale_imports`."""
    now = now or timezone.now()
    deleted, _by_model = (
        RegistrationImport.objects.filter(
            created_at__lt=now - timedelta(days=settings.IMPORT_RETENTION_DAYS)
        )
        .exclude(status__in=RegistrationImport.WORKING)
        .delete()
    )
    return deleted


@tasks.task
def sweep_imports() -> None:
    fail_stale_imports()
    delete_old_imports()


def import_registrations(*, by, event: Event, uploaded) -> ImportResult:
    """Check and apply in one go, without a preview: for scripts and tests."""
    require(by, "events.manage_event", event)
    valid, errors = validate(read_rows(uploaded).rows)
    if errors:
        raise ImportRejected(errors)
    return write(by=by, event=event, valid=valid, expected=None)


# Writing --------------------------------------------------------------------------


def progress_key(import_id: int) -> str:
    return f"events:import-step:{import_id}"


def report_step(registration_import: RegistrationImport | None, step: int) -> None:
    """Say which step a running import is at. In the cache, not the row: the apply is one
    transaction, so no other connection would see the row change until it ends."""
    if registration_import is not None:
        cache.set(progress_key(registration_import.pk), step, timeout=24 * 3600)


def current_step(registration_import: RegistrationImport) -> dict | None:
    """The step a running import reported, for its page: number, total and what it does."""
    if registration_import.status != RegistrationImport.Status.RUNNING:
        return None
    step = cache.get(progress_key(registration_import.pk))
    if step is None:
        return None
    return {"number": step + 1, "total": len(STEPS), "label": STEPS[step]}


def result_sentences(result: dict) -> list[str]:
    """What a finished import did, a counted sentence each: Czech words a count in four
    forms, so one sentence cannot hold four counts in one form."""
    registered, created = result["registered"], result["people_created"]
    changed, unchanged = result["roles_changed"], result["unchanged"]
    return [
        ngettext("%(count)d person registered.", "%(count)d people registered.", registered)
        % {"count": registered},
        ngettext("%(count)d new person added.", "%(count)d new people added.", created)
        % {"count": created},
        ngettext("%(count)d role changed.", "%(count)d roles changed.", changed)
        % {"count": changed},
        ngettext(
            "%(count)d person was registered already.",
            "%(count)d people were registered already.",
            unchanged,
        )
        % {"count": unchanged},
    ]


@transaction.atomic
def write(
    *,
    by,
    event: Event,
    valid: list[tuple[int, dict]],
    expected: dict | None,
    registration_import: RegistrationImport | None = None,
) -> ImportResult:
    require(by, "events.manage_event", event)
    report_step(registration_import, 0)
    existing = load_existing(event, valid)
    plan, errors = plan_rows(by=by, event=event, valid=valid, existing=existing)
    if errors:
        raise ImportRejected(errors)
    if expected is not None and plan != {
        key: value for key, value in expected.items() if key != "read_as_spoken_languages"
    }:
        raise ImportRejected(
            [
                RowError(
                    0,
                    _(
                        "The participants changed since the preview; "
                        "upload the file again to see a new preview."
                    ),
                )
            ]
        )
    report_step(registration_import, 1)
    organisations = create_organisations(by=by, valid=valid, existing=existing)
    report_step(registration_import, 2)
    people = create_people(by=by, valid=valid, existing=existing, organisations=organisations)
    report_step(registration_import, 3)
    registered = register_people(by=by, event=event, valid=valid, people=people, existing=existing)
    change_roles(by=by, plan=plan, existing=existing)
    # Sent once the registrations commit; those registered before are not written to again.
    created = {person.pk for email, person in people.items() if email not in existing.people}
    tell_registered(registered, new_accounts=created, registration_import=registration_import)
    # No search text to refresh: it holds people's offers and requests, and new people have none.
    result = ImportResult(
        people_created=plan["people_created"],
        registered=len(registered),
        roles_changed=len(plan["role_changes"]),
        unchanged=plan["unchanged"],
        organisations_created=plan["organisations_created"],
    )
    summary = asdict(result)
    if registration_import is not None:
        summary["import"] = registration_import.pk
    audit.record(by=by, action="participants.imported", obj=event, data=summary)
    return result


def create_organisations(*, by, valid, existing: Existing) -> dict[str, Organisation]:
    """Every organisation the rows name, by folded name; new ones get the first row's country.

    A new one is shown to signed-in participants, not to the public: no one from it chose a
    public listing, and it has no description yet. Its manager or staff can make it public.
    """
    new: dict[str, dict] = {}
    for _number, data in valid:
        name = data["organisation"]
        if name and name.casefold() not in existing.organisations:
            new.setdefault(
                name.casefold(),
                {
                    "name": name,
                    "kind": OrganisationKind.OTHER,
                    "country": data["country"],
                    "visibility": Visibility.PARTICIPANTS,
                },
            )
    created = directory_services.create_organisations(by=by, rows=list(new.values()))
    return dict(existing.organisations) | dict(zip(new, created, strict=True))


def create_people(*, by, valid, existing: Existing, organisations) -> dict[str, Person]:
    """Accounts and profiles for new e-mail addresses, in bulk; returns everyone's person.

    clean_row has checked every value against the model's limits already.
    """
    User = get_user_model()
    fresh = [data for _number, data in valid if data["email"] not in existing.people]
    users = [User(email=data["email"], password=make_password(None)) for data in fresh]
    User.objects.bulk_create(users, batch_size=1000)
    created = []
    for user, data in zip(users, fresh, strict=True):
        organisation = organisations.get(data["organisation"].casefold())
        person = Person(
            user=user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            organisation=organisation,
            country=data["country"] or (organisation.country if organisation else ""),
            job_title=data["job_title"],
            phone=data["phone"],
            languages=data["languages"],
            # Without the column, empty: the site's default until the person chooses or
            # signs in (Person.preferred_language). Never set here for an existing account.
            language=data["language"],
        )
        created.append(person)
    Person.objects.bulk_create(created, batch_size=1000)
    audit.record_many(by=by, action="person.created", objects=created, data=lambda _: {})
    people = dict(existing.people)
    people.update({person.user.email: person for person in created})
    return people


def register_people(*, by, event, valid, people, existing: Existing) -> list[Participant]:
    participants = [
        Participant(
            event=event,
            person=people[data["email"]],
            role=data["role"] or Participant.Role.DELEGATE,
            # bulk_create skips save(), which fills it in.
            search_text=participant_search_text(people[data["email"]]),
        )
        for _number, data in valid
        if people[data["email"]].pk not in existing.participants
    ]
    Participant.objects.bulk_create(participants, batch_size=1000)
    audit.record_many(
        by=by,
        action="participant.registered",
        objects=participants,
        data=lambda participant: {"role": participant.role},
    )
    return participants


def change_roles(*, by, plan: dict, existing: Existing) -> None:
    """One UPDATE per new role (and per 500 participants); previewed changes only."""
    by_role: dict[str, list[Participant]] = defaultdict(list)
    for change in plan["role_changes"]:
        participant = existing.participants[existing.people[change["email"]].pk]
        participant.role = change["to"]
        by_role[change["to"]].append(participant)
    for role, participants in by_role.items():
        for part in chunks([participant.pk for participant in participants]):
            Participant.objects.filter(pk__in=part).update(role=role)
        audit.record_many(
            by=by,
            action="participant.role_changed",
            objects=participants,
            data=lambda participant: {"role": participant.role},
        )


TEMPLATE_HELP = gettext_lazy(
    "Columns: email, first_name, last_name (required); organisation, country (ISO code or "
    "English name), role (delegate, speaker, exhibitor, organiser, press; empty keeps a "
    "participant's role), job_title, phone, languages (those spoken), language (of e-mails to "
    "a new person: en or cs, English or Czech; existing accounts keep theirs). A column named "
    "just “Language” that lists several languages on a row is read as the languages spoken. "
    "The first row holds the column names."
)
