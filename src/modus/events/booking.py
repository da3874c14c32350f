"""The one booking core for anything with seats: a site visit, a programme session with a
capacity (and an open-seating session's "I'll attend", which never waits).

A bookable is a model with `event`, `title`, `capacity` (None: open seating), `starts_at`,
`ends_at`, `agenda_key`, `notice_prefix` and a `places` relation to a `Place` subclass. Each
person holds at most one place per bookable (a unique constraint); places are taken and
given back only under the bookable's row lock (locks.py, after the people), so the capacity
is never exceeded and the waitlist is served in order, however many people book at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from modus.agenda.providers import clashes
from modus.common import audit
from modus.events.models import Participant, Place
from modus.matchmaking.notices import meeting_time
from modus.matchmaking.services.locks import lock_bookable, lock_people, lock_registered
from modus.matchmaking.services.notifications import notify

BOOKED, WAITING = Place.Status.BOOKED, Place.Status.WAITING
RETRIES = 5


class WaitlistMoved(Exception):
    """Someone joined the waitlist between reading it and locking its people: start again."""


def refusal(bookable: models.Model, case: str) -> ValidationError:
    """A clear message for a refused booking, worded for the kind of bookable."""
    tour = bookable.notice_prefix == "tour"
    words = {
        "gone": _("This tour no longer exists.") if tour else _("This session no longer exists."),
        "past": _("This tour has already started.")
        if tour
        else _("This session has already started."),
        "booked": _("You already have a place on this tour.")
        if tour
        else _("You have already added this session."),
        "waiting": _("You are already on the waitlist of this tour.")
        if tour
        else _("You are already on the waitlist of this session."),
        "none": _("You have no place on this tour.")
        if tour
        else _("You have not added this session."),
        "busy": _("Too many people are booking at this moment; please try again."),
    }
    return ValidationError(words[case], code=case)


def notice_data(bookable: models.Model, **extra: Any) -> dict:
    return {
        "title": bookable.title,
        "starts_at": bookable.starts_at.isoformat(),
        "time_zone": bookable.event.time_zone,
        **extra,
    }


def refuse_clash(bookable: models.Model, participant_id: int) -> None:
    found = clashes(
        participant_id, bookable.starts_at, bookable.ends_at, ignore=bookable.agenda_key
    )
    if found:
        entry = found[0]
        raise ValidationError(
            _("This clashes with “%(title)s” at %(when)s in your agenda.")
            % {
                "title": entry.title,
                "when": meeting_time(entry.starts_at, bookable.event.time_zone),
            },
            code="clash",
        )


def book(
    *,
    bookable: models.Model,
    participant: Participant,
    by: Any,
    allowed: Callable[[models.Model], None] | None = None,
    now: datetime | None = None,
) -> Place:
    """Give `participant` a place, or a place in the waitlist when all are taken; `allowed`
    raises a ValidationError when this person may not book this bookable. `now` is the
    moment of booking (the demo books its past event as of before it began)."""
    with transaction.atomic():
        lock_registered(participant)
        fresh = lock_bookable(bookable)
        # Read after the locks: places are taken one at a time, so their times follow the
        # order of the waitlist (the keys) also when many book at once.
        now = now or timezone.now()
        if fresh is None:
            raise refusal(bookable, "gone")
        if fresh.starts_at <= now:
            raise refusal(fresh, "past")
        if allowed is not None:
            allowed(fresh)
        held = fresh.places.filter(participant=participant).first()
        if held is not None:
            raise refusal(fresh, "booked" if held.is_booked else "waiting")
        refuse_clash(fresh, participant.pk)
        taken = fresh.places.filter(status=BOOKED).count()
        status = BOOKED if fresh.capacity is None or taken < fresh.capacity else WAITING
        place = fresh.places.create(participant=participant, status=status, created_at=now)
        audit.record(
            by=by,
            action=f"{fresh.notice_prefix}.{status}",
            obj=fresh,
            data={"participant": participant.pk},
        )
        return place


def under_waitlist_locks(
    bookable: models.Model,
    people: Iterable[int],
    change: Callable[[models.Model, set[int]], Any],
) -> Any:
    """Run `change(fresh_bookable, locked_people)` holding the locks of `people` and of everyone
    waiting (people first, in key order, then the bookable), so it may promote from the waitlist
    without taking a person's lock after the bookable's."""
    people = set(people)
    for _attempt in range(RETRIES):
        waiting = set(
            bookable.places.filter(status=WAITING).values_list("participant_id", flat=True)
        )
        try:
            with transaction.atomic():
                locked = people | waiting
                lock_people(locked)
                fresh = lock_bookable(bookable)
                if fresh is None:
                    raise refusal(bookable, "gone")
                return change(fresh, locked)
        except WaitlistMoved:
            continue
    raise refusal(bookable, "busy")


def promote(fresh: models.Model, locked: set[int], *, by: Any) -> list[Place]:
    """Fill free places from the waitlist in order, skipping (but keeping in line) people whose
    agenda now clashes; each promoted person is told in the app and by e-mail."""
    taken = fresh.places.filter(status=BOOKED).count()
    free = None if fresh.capacity is None else fresh.capacity - taken
    promoted = []
    waiting = fresh.places.filter(status=WAITING).select_related("participant").order_by("pk")
    for place in waiting:
        if free is not None and free <= 0:
            break
        if place.participant_id not in locked:
            raise WaitlistMoved
        if clashes(place.participant_id, fresh.starts_at, fresh.ends_at, ignore=fresh.agenda_key):
            continue
        place.status = BOOKED
        place.save(update_fields=["status"])
        promoted.append(place)
        if free is not None:
            free -= 1
    for place in promoted:
        audit.record(
            by=by,
            action=f"{fresh.notice_prefix}.promoted",
            obj=fresh,
            data={"participant": place.participant_id},
        )
        notify(
            place.participant,
            f"{fresh.notice_prefix}-promoted",
            notice_data(fresh),
            fresh.get_absolute_url(),
        )
    return promoted


def cancel(*, bookable: models.Model, participant: Participant, by: Any) -> list[Place]:
    """Give back `participant`'s place (or leave the waitlist); the freed place goes to the
    first in line. Returns the promoted places."""

    def change(fresh: models.Model, locked: set[int]) -> list[Place]:
        place = fresh.places.filter(participant=participant).first()
        if place is None:
            raise refusal(fresh, "none")
        place.delete()
        audit.record(
            by=by,
            action=f"{fresh.notice_prefix}.cancelled",
            obj=fresh,
            data={"participant": participant.pk, "status": place.status},
        )
        return promote(fresh, locked, by=by) if place.status == BOOKED else []

    return under_waitlist_locks(bookable, [participant.pk], change)


def update(
    *, bookable: models.Model, changes: dict, by: Any, speakers: Iterable | None = None
) -> models.Model:
    """Change a bookable's fields; never below the places already booked. A larger capacity
    promotes from the waitlist; everyone with a place is told of the change."""

    def change(fresh: models.Model, locked: set[int]) -> models.Model:
        for field, value in changes.items():
            setattr(fresh, field, value)
        fresh.full_clean()
        taken = fresh.places.filter(status=BOOKED).count()
        if fresh.capacity is not None and fresh.capacity < taken:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(count)s people are already booked: the capacity cannot be lower."
                    )
                    % {"count": taken}
                }
            )
        fresh.save()
        if speakers is not None:
            fresh.speakers.set(speakers)
        audit.record(
            by=by,
            action=f"{fresh.notice_prefix}.changed",
            obj=fresh,
            data={"fields": sorted(changes)},
        )
        promoted = {place.pk for place in promote(fresh, locked, by=by)}
        places = fresh.places.exclude(pk__in=promoted).select_related("participant")
        for place in places:
            notify(
                place.participant,
                f"{fresh.notice_prefix}-changed",
                notice_data(fresh),
                fresh.get_absolute_url(),
            )
        return fresh

    return under_waitlist_locks(bookable, [], change)


def delete(*, bookable: models.Model, by: Any) -> int:
    """Delete a bookable and tell everyone who had a place (booked or waiting); returns how
    many were told."""
    with transaction.atomic():
        fresh = lock_bookable(bookable)
        if fresh is None:
            raise refusal(bookable, "gone")
        places = list(fresh.places.select_related("participant"))
        data = notice_data(fresh)
        for place in places:
            notify(place.participant, f"{fresh.notice_prefix}-cancelled", data, "")
        audit.record(
            by=by,
            action=f"{fresh.notice_prefix}.deleted",
            obj=fresh,
            data={"title": fresh.title, "places": len(places)},
        )
        fresh.delete()
        return len(places)
