"""A person's busy time as intervals: sessions may run in parallel, so two slots clash when
their times overlap, whichever sessions they belong to. Booking, moves, the slot picker and
the scheduler ask here instead of comparing slot keys.

What a person attends besides meetings (programme sessions, tours, ...) comes from the
agenda's providers: the slots it overlaps are not free, exactly like an absence."""

from __future__ import annotations

import zoneinfo
from bisect import bisect_left
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from modus.agenda.providers import Entry, busy_for, clashes
from modus.events.models import Event, Participant
from modus.matchmaking.models import MatchmakingSession, Slot

# The agenda's kind for B2B meetings: matchmaking checks those itself, seat by seat.
MEETING_KIND = "meeting"


def overlap(first: tuple[datetime, datetime], second: tuple[datetime, datetime]) -> bool:
    """Whether two [start, end) intervals share a moment."""
    return first[0] < second[1] and second[0] < first[1]


def overlapping_slots(slot: Slot) -> QuerySet[Slot]:
    """The event's slots whose times overlap `slot`'s, `slot` itself included."""
    return Slot.objects.filter(
        session__event_id=slot.session.event_id,
        starts_at__lt=slot.ends_at,
        ends_at__gt=slot.starts_at,
    )


def clashes_of(slots: Iterable[Slot]) -> dict[int, set[int]]:
    """For each slot (by key), the keys of the given slots overlapping it, itself included."""
    ordered = sorted(slots, key=lambda slot: (slot.starts_at, slot.pk))
    clashes: dict[int, set[int]] = {slot.pk: {slot.pk} for slot in ordered}
    for index, slot in enumerate(ordered):
        # Sorted by start: the later slots overlap this one until one starts after it ends.
        for other in ordered[index + 1 :]:
            if other.starts_at >= slot.ends_at:
                break
            clashes[slot.pk].add(other.pk)
            clashes[other.pk].add(slot.pk)
    return clashes


def event_clashes(event: Event) -> tuple[list[Slot], dict[int, set[int]]]:
    """The event's slots (session by session) and which overlap which."""
    slots = list(
        Slot.objects.filter(session__event=event)
        .select_related("session")
        .order_by("session__starts_at", "session_id", "position")
    )
    return slots, clashes_of(slots)


def overlapping_sessions(session: MatchmakingSession) -> list[MatchmakingSession]:
    """The event's other sessions with a slot whose time overlaps one of `session`'s."""
    own = [(slot.starts_at, slot.ends_at) for slot in session.slots.all()]
    others = (
        MatchmakingSession.objects.filter(event_id=session.event_id)
        .exclude(pk=session.pk)
        .prefetch_related("slots")
        .order_by("starts_at", "pk")
    )
    return [
        other
        for other in others
        if any(overlap(times, (s.starts_at, s.ends_at)) for s in other.slots.all() for times in own)
    ]


def busy_message(participant: Participant, other: Slot) -> str:
    """Why `participant` cannot meet then: a meeting in `other`, a slot overlapping it."""
    zone = zoneinfo.ZoneInfo(participant.event.time_zone)
    return _("%(name)s already has a meeting at that time (%(start)s–%(end)s, %(session)s).") % {
        "name": participant.person,
        "start": date_format(timezone.localtime(other.starts_at, zone), "CLOCK_FORMAT"),
        "end": date_format(timezone.localtime(other.ends_at, zone), "CLOCK_FORMAT"),
        "session": other.session.name,
    }


def parallel_sessions(
    sessions: list[MatchmakingSession],
) -> dict[int, list[MatchmakingSession]]:
    """For each session (by key), the others of the list with a slot overlapping one of its
    own, from their prefetched slots."""
    session_of = {slot.pk: session for session in sessions for slot in session.slots.all()}
    clashes = clashes_of(slot for session in sessions for slot in session.slots.all())
    parallel: dict[int, list[MatchmakingSession]] = {}
    for session in sessions:
        others = {
            session_of[other].pk
            for slot in session.slots.all()
            for other in clashes[slot.pk]
            if session_of[other].pk != session.pk
        }
        parallel[session.pk] = [other for other in sessions if other.pk in others]
    return parallel


def taken_elsewhere(participant_ids: Iterable[int], slots: Iterable[Slot]) -> dict[int, set[int]]:
    """For each participant (by key), the keys of the `slots` whose times overlap something
    of another kind they attend (a session, a tour): one call to the providers for all."""
    ordered = sorted(slots, key=lambda slot: (slot.starts_at, slot.pk))
    starts = [slot.starts_at for slot in ordered]
    longest = max((slot.ends_at - slot.starts_at for slot in ordered), default=timedelta(0))
    taken: dict[int, set[int]] = {}
    for pk, entries in busy_for(participant_ids, exclude=[MEETING_KIND]).items():
        for entry in entries:
            # Only slots starting after entry start - the longest slot can still overlap it.
            first = bisect_left(starts, entry.starts_at - longest)
            last = bisect_left(starts, entry.ends_at)
            for slot in ordered[first:last]:
                if slot.ends_at > entry.starts_at:
                    taken.setdefault(pk, set()).add(slot.pk)
    return taken


def elsewhere_then(participant: Participant, slot: Slot) -> Entry | None:
    """The first thing of another kind than meetings that takes the participant's time
    during the slot."""
    found = clashes(participant.pk, slot.starts_at, slot.ends_at, exclude=[MEETING_KIND])
    return found[0] if found else None


def elsewhere_message(participant: Participant, entry: Entry) -> str:
    """Why `participant` cannot meet then: something else in their agenda, named."""
    zone = zoneinfo.ZoneInfo(participant.event.time_zone)
    return _("%(name)s is busy at that time: %(what)s (%(start)s–%(end)s).") % {
        "name": participant.person,
        "what": entry.title,
        "start": date_format(timezone.localtime(entry.starts_at, zone), "CLOCK_FORMAT"),
        "end": date_format(timezone.localtime(entry.ends_at, zone), "CLOCK_FORMAT"),
    }
