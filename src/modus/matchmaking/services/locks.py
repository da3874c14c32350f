"""Row locks in the one order that every booking path takes: people by key, then meetings,
then slots, then a bookable (a tour or a session with seats: `lock_bookable`); a
recomputation of recommendations holds its event's row before any people. A booking or a
cancellation locks the person and everyone it may promote from the waitlist first, then the
bookable's row, which serialises its places. Placing stands locks their hall's row, then
the stands' rows.
Two bookings that meet wait for each other instead of deadlocking, and the later one sees
the earlier one's seats instead of breaking a unique constraint.

A person's profile row (`lock_person`) comes before all of these: a profile change (its join
requests, its offers and requests) takes it first.

The locks are FOR NO KEY UPDATE: they exclude each other as FOR UPDATE does, but not the
key-share locks that inserting a row pointing at a locked one takes (a recommendation, a
seat, a request). With FOR UPDATE, a transaction inserting such rows while waiting for our
locks deadlocked against us."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from modus.awards.models import Award, VotingPhase
from modus.directory.models import IntroductionRequest, Person
from modus.events.models import Participant
from modus.matchmaking.models import Slot
from modus.stands.models import Hall, Stand


def lock_person(person: Person) -> Person:
    """A person's profile row, as it now is: one open join request at a time, and offers and
    requests added from two tabs counted one after the other."""
    return Person.objects.select_for_update(no_key=True).get(pk=person.pk)


def lock_people(ids: Iterable[int] | QuerySet) -> set[int]:
    """Lock these participants' rows, by key; the keys of those still registered (a
    registration withdrawn meanwhile has no row left to lock)."""
    if not isinstance(ids, QuerySet):
        ids = list(ids)
    return set(
        Participant.objects.select_for_update(no_key=True)
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def lock_participants(*participants: Participant) -> set[int]:
    return lock_people(p.pk for p in participants)


def lock_registered(*participants: Participant) -> None:
    """lock_participants for an action that adds something of theirs (a request, a check-in,
    a place): refused with a ValidationError when one of them withdrew their registration
    meanwhile, which would otherwise fail only at the commit, on the missing row."""
    locked = lock_participants(*participants)
    for participant in participants:
        if participant.pk not in locked:
            raise ValidationError(
                _("%(name)s is no longer registered at this event.") % {"name": participant.person},
                code="withdrawn",
            )


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


def lock_hall(pk: int) -> Hall:
    """A hall's row, before any of its stands' rows: stands added or moved in it take turns,
    so that each sees where the other put its stand and none lands on another."""
    return Hall.objects.select_for_update(no_key=True).get(pk=pk)


def lock_stand(pk: int) -> Stand:
    """A stand's row, while its staff are replaced: two changes take turns, and each starts
    from the staff the other left. Taken alone, with no other lock."""
    return Stand.objects.select_for_update(no_key=True).get(pk=pk)


def lock_introduction(pk: int) -> IntroductionRequest:
    """Lock an introduction request's row and return it as it now is (raises DoesNotExist)."""
    return IntroductionRequest.objects.select_for_update(of=("self",), no_key=True).get(pk=pk)


# Award voting: a ballot holds its award and phase FOR SHARE, so that many voters go on at
# once while closing a phase (the phase FOR NO KEY UPDATE) or publishing a result (the award
# FOR NO KEY UPDATE) waits for the ballots in flight and is then seen by every later one.
# Order: award, then phase. SQLite runs one writer at a time and needs no row locks.
# Publishing also holds the event's phases (after the award), so that a phase is not changed
# or opened again while a result counted in it is being published.


def lock_for_ballot(award_id: int, phase_id: int) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM awards_award WHERE id = %s FOR SHARE", [award_id])
        cursor.execute("SELECT id FROM awards_votingphase WHERE id = %s FOR SHARE", [phase_id])


def lock_award(award_id: int) -> Award:
    return Award.objects.select_for_update(no_key=True).get(pk=award_id)


def lock_phase(phase_id: int) -> VotingPhase:
    return (
        VotingPhase.objects.select_for_update(no_key=True).select_related("event").get(pk=phase_id)
    )


def lock_phases_of(event_id: int) -> list[VotingPhase]:
    """An event's voting phases, locked by key (after its award) and as they now are."""
    return list(
        VotingPhase.objects.select_for_update(no_key=True).filter(event_id=event_id).order_by("pk")
    )
