"""The one interface through which the agenda asks each kind of entry (B2B meetings,
programme sessions, site visits, and later ones) for a person's entries and busy times.

A kind registers a provider once, from its app's `ready()`; the agenda page, PDF and
iCal feed, the clash check of every booking and the scheduler's "not free" times all
go through `entries_for` and `busy_for`, so a new kind plugs in without touching the
others. Providers answer for many participants in one call: the pages and the
scheduler must not run a query per person.

Besides `kind` and `entries`, a provider may have a `label` (the kind as people read it,
e.g. "Meeting") and a `notes(participant_ids)` method (sentences the agenda shows above
the list, e.g. that some meetings wait for the published schedule); both are optional."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Entry:
    """One thing in a person's agenda, with times in UTC."""

    kind: str  # the provider's kind: "meeting", "session", "tour", ...
    key: str  # unique within the kind, e.g. "meeting:12"; used to exclude an entry itself
    starts_at: datetime
    ends_at: datetime
    title: str
    place: str = ""
    url: str = ""
    detail: str = ""
    # False for entries that do not take the person's time (e.g. an open-seating
    # session added as "interested"): shown, but no clash and not busy.
    busy: bool = True
    # False for an entry the person may not see yet (a meeting the scheduler placed in a
    # schedule still in draft): it takes their time, but the agenda does not show it.
    shown: bool = True


class Provider(Protocol):
    kind: str

    def entries(self, participant_ids: Iterable[int]) -> dict[int, list[Entry]]:
        """Each participant's entries of this kind, by participant id."""
        ...


_providers: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    """Add a kind; registering the same kind again replaces it (app reloads in tests)."""
    _providers[provider.kind] = provider


def unregister(kind: str) -> None:
    """Drop a kind (tests that register a kind of their own take it away again)."""
    _providers.pop(kind, None)


def providers() -> list[Provider]:
    return list(_providers.values())


def label(kind: str) -> str:
    """The kind as people read it: the provider's `label`, else the kind itself."""
    provider = _providers.get(kind)
    return str(getattr(provider, "label", "") or kind.capitalize())


def entries_for(
    participant_ids: Iterable[int], *, exclude: Iterable[str] = ()
) -> dict[int, list[Entry]]:
    """Every kind's entries for these participants, each list in time order; `exclude`
    names kinds not to ask (the scheduler places meetings itself)."""
    ids = list(participant_ids)
    skipped = set(exclude)
    found: dict[int, list[Entry]] = {pk: [] for pk in ids}
    for provider in providers():
        if provider.kind in skipped:
            continue
        for pk, entries in provider.entries(ids).items():
            found.setdefault(pk, []).extend(entries)
    for entries in found.values():
        entries.sort(key=lambda entry: (entry.starts_at, entry.ends_at, entry.kind, entry.key))
    return found


def busy_for(
    participant_ids: Iterable[int], *, exclude: Iterable[str] = ()
) -> dict[int, list[Entry]]:
    """The entries that take each participant's time."""
    return {
        pk: [entry for entry in entries if entry.busy]
        for pk, entries in entries_for(participant_ids, exclude=exclude).items()
    }


def notes_for(participant_id: int) -> list[str]:
    """What the kinds that have `notes` say about this participant's agenda."""
    found = []
    for provider in providers():
        notes = getattr(provider, "notes", None)
        if notes is not None:
            found.extend(notes([participant_id]).get(participant_id, []))
    return found


def clashes(
    participant_id: int,
    starts_at: datetime,
    ends_at: datetime,
    *,
    ignore: str = "",
    exclude: Iterable[str] = (),
) -> list[Entry]:
    """The busy entries that overlap [starts_at, ends_at); `ignore` is the key of the
    entry being booked or moved, so it does not clash with itself; `exclude` names kinds
    whose clashes the caller checks itself.

    A booking asks this with the person's row locked (`lock_people` of the one lock order,
    matchmaking/services/locks.py), as meetings do: two bookings of different kinds for
    the same person then wait for each other instead of both passing."""
    return [
        entry
        for entry in busy_for([participant_id], exclude=exclude)[participant_id]
        if entry.key != ignore and entry.starts_at < ends_at and starts_at < entry.ends_at
    ]
