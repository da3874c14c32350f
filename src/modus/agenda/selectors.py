"""Reads for one person's agenda: every kind's entries in the event's time zone, grouped
by day, with clashes flagged, and the same as an iCalendar feed."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from modus.agenda.providers import Entry, entries_for, label, notes_for
from modus.events.models import Participant


@dataclass
class Row:
    """An entry as the agenda shows it: its kind as people read it and what it clashes with."""

    entry: Entry
    label: str
    clashes: list[Entry] = field(default_factory=list)

    @property
    def clash_titles(self) -> str:
        return "; ".join(entry.title for entry in self.clashes)


@dataclass
class Agenda:
    days: list[tuple[date, list[Row]]]
    notes: list[str]

    @property
    def entries(self) -> list[Entry]:
        return [row.entry for _day, rows in self.days for row in rows]

    @property
    def clash_count(self) -> int:
        return sum(1 for _day, rows in self.days for row in rows if row.clashes)


def overlapping(entries: list[Entry]) -> dict[str, list[Entry]]:
    """For each busy entry (by key), the other busy entries overlapping it in time."""
    busy = sorted((e for e in entries if e.busy), key=lambda e: (e.starts_at, e.ends_at, e.key))
    found: dict[str, list[Entry]] = {entry.key: [] for entry in busy}
    for index, entry in enumerate(busy):
        # Sorted by start: the later ones overlap this one until one starts after it ends.
        for other in busy[index + 1 :]:
            if other.starts_at >= entry.ends_at:
                break
            found[entry.key].append(other)
            found[other.key].append(entry)
    return found


def visible_entries(participant: Participant) -> list[Entry]:
    """Every kind's entries the participant may see, in time order."""
    return [entry for entry in entries_for([participant.pk])[participant.pk] if entry.shown]


def personal_agenda(participant: Participant) -> Agenda:
    """The entries the participant may see, day by day in the event's time zone."""
    entries = visible_entries(participant)
    clashing = overlapping(entries)
    zone = zoneinfo.ZoneInfo(participant.event.time_zone)
    days: list[tuple[date, list[Row]]] = []
    for entry in entries:
        day = timezone.localtime(entry.starts_at, zone).date()
        if not days or days[-1][0] != day:
            days.append((day, []))
        days[-1][1].append(Row(entry, label(entry.kind), clashing.get(entry.key, [])))
    return Agenda(days=days, notes=notes_for(participant.pk))


def uid(entry: Entry) -> str:
    """Stable per entry: a calendar app updates the entry it already has instead of adding
    a second one (a meeting keeps the "meeting-12@host" it always had)."""
    return f"{entry.key.replace(':', '-')}@{settings.SITE_URL.split('//')[-1]}"


def calendar(
    participant: Participant,
    entries: list[Entry],
    *,
    now: datetime,
    absolute: Callable[[str], str] = str,
) -> bytes:
    """An iCalendar feed of the agenda's entries, with times in UTC; `absolute` makes the
    entries' links full addresses."""
    feed = icalendar.Calendar()
    feed.add("prodid", "-//Modus//Agenda//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", f"{participant.event.name}: {_('My agenda')}")
    for entry in entries:
        item = icalendar.Event()
        item.add("uid", uid(entry))
        item.add("summary", entry.title)
        item.add("dtstart", entry.starts_at)
        item.add("dtend", entry.ends_at)
        item.add("dtstamp", now)
        item.add("categories", [label(entry.kind)])
        if entry.place:
            item.add("location", entry.place)
        if entry.detail:
            item.add("description", entry.detail)
        if entry.url:
            item.add("url", absolute(entry.url))
        if not entry.busy:
            item.add("transp", "TRANSPARENT")
        feed.add_component(item)
    return feed.to_ical()
