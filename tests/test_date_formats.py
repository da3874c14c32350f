"""Dates and times read the way each language writes them: "Mon 26 Sep 14:40" in English,
"po 26. 9. 14:40" in Czech.

Templates and code name a format of src/modus/formats/<language>/formats.py
(`|date:"SHORT_DAY_TIME_FORMAT"`) rather than writing a pattern, which would read the same in
every language; the last tests keep it so."""

import re
import zoneinfo
from datetime import datetime
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import global_settings
from django.urls import reverse
from django.utils import translation

import modus
from modus.events.models import ProgrammeSession
from modus.events.programme_forms import ProgrammeFilterForm
from modus.matchmaking.forms import SlotChoiceField
from modus.matchmaking.models import Slot
from modus.matchmaking.notices import meeting_time
from tests.factories import EventFactory, ParticipantFactory
from tests.matchmaking.helpers import DAY_1_STARTS, event_with_day_1, meet

PRAGUE = zoneinfo.ZoneInfo("Europe/Prague")
SOURCE = Path(modus.__file__).parent
LANGUAGES = ("en", "cs")


def page(client, path: str, language: str) -> str:
    """The page at `path` as a visitor reading `language` gets it."""
    client.cookies["django_language"] = language
    # The middleware leaves the language active in this thread; the override restores it.
    with translation.override("en"):
        response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.fixture
def programme(db):
    """A public event in Prague time with a plenary from 09:00 to 10:00 on Monday 26
    September 2022 (07:00 UTC: the same day in both)."""
    event = EventFactory(time_zone="Europe/Prague")
    session = ProgrammeSession.objects.create(
        event=event,
        title="Opening plenary",
        starts_at=datetime(2022, 9, 26, 9, 0, tzinfo=PRAGUE),
        ends_at=datetime(2022, 9, 26, 10, 0, tzinfo=PRAGUE),
    )
    return event, session


@pytest.fixture
def meeting(db):
    """Anna meets Ben in the first slot of Day 1: 14:00–14:20 in Prague, Monday 26 September
    2022."""
    event, session = event_with_day_1()
    anna, ben = (ParticipantFactory(event=event) for _ in range(2))
    slot = session.slots.order_by("position").first()
    return event, anna, ben, meet(anna, ben, slot)


@pytest.mark.parametrize(
    ("language", "heading", "times", "day_choice"),
    [
        ("en", "<h2>Monday 26 September 2022</h2>", "09:00–10:00", ">26 Sep</option>"),
        ("cs", "<h2>pondělí 26. 9. 2022</h2>", "9:00–10:00", ">26. 9.</option>"),
    ],
)
def test_the_programme_heads_each_day_as_the_language_writes_it(
    client, programme, language, heading, times, day_choice
):
    event, _session = programme
    body = page(client, reverse("events:programme", args=[event.slug]), language)
    assert heading in body
    assert f'<div class="muted">{times} · ' in body
    assert day_choice in body
    if language == "en":
        assert "26. 9." not in body


@pytest.mark.parametrize(
    ("language", "when"),
    [
        ("en", "<dd>Monday 26 September 2022, 09:00–10:00</dd>"),
        ("cs", "<dd>pondělí 26. 9. 2022 9:00–10:00</dd>"),
    ],
)
def test_a_programme_session_page_says_when_in_the_language(client, programme, language, when):
    event, session = programme
    body = page(
        client, reverse("events:programme-session", args=[event.slug, session.pk]), language
    )
    assert when in body


@pytest.mark.parametrize(
    ("language", "when"),
    [
        ("en", "<strong>Mon 26 Sep 14:00–14:20</strong>"),
        ("cs", "<strong>po 26. 9. 14:00–14:20</strong>"),
    ],
)
def test_a_meeting_time_in_the_inbox_reads_as_the_language_writes_it(
    client, meeting, language, when
):
    event, _anna, ben, _meeting = meeting
    client.force_login(ben.person.user)
    body = page(client, reverse("matchmaking:inbox", args=[event.slug]), language)
    assert when in body


@pytest.mark.parametrize(
    ("language", "heading", "when"),
    [
        ("en", "<h2>Monday 26 September</h2>", "<strong>Mon 26 Sep 14:00–14:20</strong>"),
        ("cs", "<h2>pondělí 26. 9.</h2>", "<strong>po 26. 9. 14:00–14:20</strong>"),
    ],
)
def test_the_agenda_heads_days_and_times_as_the_language_writes_them(
    client, meeting, language, heading, when
):
    event, anna, _ben, _meeting = meeting
    client.force_login(anna.person.user)
    body = page(client, reverse("agenda:page", args=[event.slug]), language)
    assert heading in body
    assert when in body


@pytest.mark.parametrize(
    ("language", "label", "notice", "day"),
    [
        ("en", "Mon 26 Sep 14:00–14:20 (Day 1)", "Mon 26 Sep 14:00", "26 Sep"),
        ("cs", "po 26. 9. 14:00–14:20 (Day 1)", "po 26. 9. 14:00", "26. 9."),
    ],
)
def test_dates_written_by_code_follow_the_language(db, language, label, notice, day):
    """A slot to choose, the time in a notification, a day to filter the programme by."""
    event, session = event_with_day_1()
    slot = session.slots.order_by("position").first()
    field = SlotChoiceField(queryset=Slot.objects.all(), zone=PRAGUE)
    with translation.override(language):
        assert field.label_from_instance(slot) == label
        assert meeting_time(DAY_1_STARTS, "Europe/Prague") == notice
        form = ProgrammeFilterForm(days=[event.start_date], tracks=[])
        assert form.fields["day"].choices[1] == ("2022-09-26", day)


# The patterns of `|date` and `|time` in templates, and of `date_format` and `time_format`
# in code; a pattern of format characters with a literal ". " is the Czech way written for
# every language.
TEMPLATE_FORMAT = re.compile(r"""\|(?:date|time):(["'])(?P<format>.*?)\1""")
CODE_FORMAT = re.compile(r"""\b(?:date_format|time_format)\([^()]*?,\s*(["'])(?P<format>.*?)\1""")
NAMED = re.compile(r"[A-Z][A-Z_]*_FORMAT")
# For machines (`datetime=` and `data-` attributes, feeds): the same in every language.
MACHINE = {"c", "U", "Y-m-d", r"Y-m-d\TH:i", r"Y-m-d\TH:i:s", "Y-m-d H:i", "Y-m-d H:i:s"}
CZECH_STYLE = re.compile(r"[dj]\. |[nmNb]\.")


def templates() -> list[Path]:
    return sorted(p for p in SOURCE.rglob("*") if p.suffix in {".html", ".txt", ".ics"})


def formats_used() -> list[tuple[str, str]]:
    """(file, pattern) for every pattern passed to a date or time filter or function."""
    found = []
    for path in templates():
        text = path.read_text(encoding="utf-8")
        found += [
            (str(path.relative_to(SOURCE)), m["format"]) for m in TEMPLATE_FORMAT.finditer(text)
        ]
    for path in sorted(SOURCE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        found += [(str(path.relative_to(SOURCE)), m["format"]) for m in CODE_FORMAT.finditer(text)]
    return found


def test_the_search_finds_the_formats_the_pages_use():
    used = formats_used()
    assert ("events/templates/events/programme.html", "LONG_DAY_DATE_FORMAT") in used
    assert ("matchmaking/forms.py", "SHORT_DAY_TIME_FORMAT") in used


def test_no_template_or_code_writes_a_czech_style_date_for_every_language():
    hard_coded = [
        (where, pattern)
        for where, pattern in formats_used()
        if not NAMED.fullmatch(pattern) and CZECH_STYLE.search(pattern)
    ]
    assert hard_coded == [], "use a named format of src/modus/formats instead"


def test_templates_write_dates_people_read_only_with_named_formats():
    """A pattern in a template reads the same in every language: name a format of
    src/modus/formats/en and cs (or Django's own, as DATE_FORMAT) instead. ISO patterns for
    machines stay as they are."""
    literal = [
        (where, pattern)
        for where, pattern in formats_used()
        if where.endswith((".html", ".txt", ".ics"))
        and not NAMED.fullmatch(pattern)
        and pattern not in MACHINE
    ]
    assert literal == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_named_format_is_defined_for_every_language(language):
    """An unknown name is not an error: Django writes the name itself as the pattern."""
    module = import_module(f"modus.formats.{language}.formats")
    django_module = import_module(f"django.conf.locale.{language}.formats")
    missing = sorted(
        {
            name
            for _where, name in formats_used()
            if NAMED.fullmatch(name)
            and getattr(module, name, None) is None
            and getattr(django_module, name, None) is None
            and not hasattr(global_settings, name)
        }
    )
    assert missing == []


def test_both_languages_name_the_same_formats():
    english, czech = (import_module(f"modus.formats.{lang}.formats") for lang in LANGUAGES)
    ours = {name for name in vars(english) if NAMED.fullmatch(name)}
    # English overrides two of Django's own (DATE_FORMAT, DATETIME_FORMAT); Czech keeps Django's.
    ours -= {name for name in ours if hasattr(global_settings, name)}
    assert ours == {name for name in vars(czech) if NAMED.fullmatch(name)}
