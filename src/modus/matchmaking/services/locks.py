"""Row locks in the one order that every booking path takes: people by key, then meetings,
then slots, then a bookable (a tour or a session with seats: `lock_bookable`); a
recomputation of recommendations holds its event's row before any people. A booking or a
cancellation locks the person and everyone it may promote from the waitlist first, then the
bookable's row, which serialises its places.
Two bookings that meet wait for each other instead of deadlocking, and the later one sees
the earlier one's seats instead of breaking a unique constraint.

The locks are FOR NO KEY UPDATE: they exclude each other as FOR UPDATE does, but not the
key-share locks that inserting a row pointing at a locked one takes (a recommendation, a
seat, a request). With FOR UPDATE, a transaction inserting such rows while waiting for our
locks deadlocked against us."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Model, QuerySet

from modus.directory.models import IntroductionRequest
from modus.events.models import Participant
from modus.matchmaking.models import Slot


def lock_people(ids: Iterable[int] | QuerySet) -> None:
    """Lock these participants' rows, by key."""
    if not isinstance(ids, QuerySet):
        ids = list(ids)
    list(Participant.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk"))


def lock_participants(*participants: Participant) -> None:
    lock_people(p.pk for p in participants)


def lock_slots(ids: Iterable[int] | QuerySet) -> None:
    """Lock these slots' rows, by key (after the people and meetings)."""
    if not isinstance(ids, QuerySet):
        ids = list(ids)
    list(
        Slot.objects.select_for_update(of=("self",), no_key=True).filter(pk__in=ids).order_by("pk")
    )


def lock_bookable(bookable: Model) -> Model | None:
    """Lock a tour's or a session's row (after the people); its fresh state, or None if it
    was deleted meanwhile. Every change to its places happens under this lock."""
    return (
        type(bookable)
        .objects.select_for_update(of=("self",), no_key=True)
        .filter(pk=bookable.pk)
        .first()
    )


def lock_introduction(pk: int) -> IntroductionRequest:
    """Lock an introduction request's row and return it as it now is (raises DoesNotExist)."""
    return IntroductionRequest.objects.select_for_update(of=("self",), no_key=True).get(pk=pk)
