"""A person's busy time as intervals: sessions may run in parallel, so two slots clash when
their times overlap, whichever sessions they belong to. Booking, moves, the slot picker and
the scheduler ask here instead of comparing slot keys."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from modus.events.models import Event, Participant
from modus.matchmaking.models import MatchmakingSession, Slot


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
        "start": date_format(timezone.localtime(other.starts_at, zone), "H:i"),
        "end": date_format(timezone.localtime(other.ends_at, zone), "H:i"),
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
