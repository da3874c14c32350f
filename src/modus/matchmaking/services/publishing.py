"""Publishing the schedule, and the organiser's hand: moving and locking meetings."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from modus.common import audit
from modus.common.permissions import require
from modus.events.models import Event, Participant
from modus.matchmaking.models import (
    MatchmakingSettings,
    Meeting,
    MeetingSeat,
    Slot,
    Table,
    Unavailability,
)
from modus.matchmaking.services.busy import (
    busy_message,
    elsewhere_message,
    elsewhere_then,
    overlapping_slots,
)
from modus.matchmaking.services.locks import lock_participants, lock_slots
from modus.matchmaking.services.notifications import notify, tell_meeting_people
from modus.matchmaking.services.setup import meeting_visible, settings_for
from modus.matchmaking.services.tables import stand_for, table_for


@transaction.atomic
def publish(*, by, event: Event, state: str) -> MatchmakingSettings:
    """Show the schedule to participants as provisional or final, and tell them."""
    require(by, "events.manage_event", event)
    if state not in (
        MatchmakingSettings.ScheduleState.PROVISIONAL,
        MatchmakingSettings.ScheduleState.FINAL,
    ):
        raise ValidationError(_("Publish as provisional or final."))
    settings = MatchmakingSettings.objects.select_for_update().get(pk=settings_for(event).pk)
    settings.schedule_state = state
    settings.save(update_fields=["schedule_state"])
    audit.record(by=by, action=f"schedule.published_{state}", obj=settings)
    people = Participant.objects.filter(
        seats__active=True, seats__slot__isnull=False, event=event
    ).distinct()
    for participant in people.select_related("event"):
        notify(participant, f"schedule-{state}", {}, reverse("agenda:page", args=[event.slug]))
    return settings


@transaction.atomic
def move_meeting(*, by, meeting: Meeting, slot: Slot, table: Table | None = None) -> Meeting:
    """Put a meeting in another slot by hand; refused with a reason when someone is busy.

    Without a `table` the first free one is taken; with one (a cell of the table plan) it
    must be free in that slot.
    """
    event = meeting.event
    require(by, "events.manage_event", event)
    if slot.session.event_id != event.pk:
        raise ValidationError(_("Pick a slot of this event."))
    if table is not None and table.event_id != event.pk:
        raise ValidationError(_("Pick a table of this event."))
    seats = list(meeting.seats.select_related("participant__person"))
    lock_participants(*[seat.participant for seat in seats])
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.CONFIRMED:
        raise ValidationError(_("This meeting is cancelled."))
    if meeting.locked:
        raise ValidationError(_("This meeting is locked in place; unlock it to move it."))
    # Every slot at that time, by key: a table is one table in every parallel session.
    at_that_time = overlapping_slots(slot)
    lock_slots(at_that_time.values("pk"))
    limit = settings_for(event).max_meetings_per_session
    for seat in seats:
        away = Unavailability.objects.filter(participant=seat.participant, slot__in=at_that_time)
        if away.exists():
            raise ValidationError(
                _("%(name)s is not available in that slot.") % {"name": seat.participant.person}
            )
        clash = MeetingSeat.objects.filter(
            participant=seat.participant, slot=slot, active=True
        ).exclude(meeting=meeting)
        if clash.exists():
            raise ValidationError(
                _("%(name)s already has a meeting in that slot.")
                % {"name": seat.participant.person}
            )
        parallel = (
            MeetingSeat.objects.filter(
                participant=seat.participant, slot__in=at_that_time, active=True
            )
            .exclude(meeting=meeting)
            .select_related("slot__session")
            .first()
        )
        if parallel is not None:
            raise ValidationError(busy_message(seat.participant, parallel.slot))
        elsewhere = elsewhere_then(seat.participant, slot)
        if elsewhere is not None:
            raise ValidationError(elsewhere_message(seat.participant, elsewhere))
        in_session = MeetingSeat.objects.filter(
            participant=seat.participant, slot__session=slot.session, active=True
        ).exclude(meeting=meeting)
        if in_session.count() >= limit:
            raise ValidationError(
                _("%(name)s has reached the meeting limit for this session.")
                % {"name": seat.participant.person}
            )
    taken = Meeting.objects.filter(slot__in=at_that_time, status=Meeting.Status.CONFIRMED).exclude(
        pk=meeting.pk
    )
    people = [seat.participant_id for seat in seats]
    if table is not None:
        check_table(table, seats=seats, taken=taken)
        check_stand(table, people)
    else:
        table = table_for(slot, people, besides=meeting)
    if table is None:
        raise ValidationError(_("No table is free in that slot."))
    meeting.slot, meeting.table = slot, table
    # The organiser's choice now: participants see it once the schedule is published.
    meeting.picked_by_participants = False
    meeting.save(update_fields=["slot", "table", "picked_by_participants"])
    meeting.seats.update(slot=slot)
    audit.record(
        by=by, action="meeting.moved", obj=meeting, data={"slot": slot.pk, "table": table.pk}
    )
    if meeting_visible(meeting, settings_for(event)):
        tell_about_move(meeting, seats, slot)
    return meeting


def check_table(table: Table, *, seats: list[MeetingSeat], taken) -> None:
    """A table picked by hand must be free in the slot; a stand takes its host's meetings,
    and others' only when every table of the pool is taken."""
    if taken.filter(table=table).exists():
        raise ValidationError(
            _("%(table)s already has a meeting in that slot.") % {"table": table.name}
        )
    if table.host_id is None or table.host_id in {seat.participant_id for seat in seats}:
        return
    pool_free = (
        Table.objects.filter(event_id=table.event_id, host__isnull=True)
        .exclude(pk__in=taken.exclude(table=None).values("table"))
        .exists()
    )
    if pool_free:
        raise ValidationError(
            _(
                "%(table)s is an exhibitor's stand: it takes other meetings only when "
                "every table is taken."
            )
            % {"table": table.name}
        )


def check_stand(table: Table, people: list[int]) -> None:
    """A stand holder's meetings stay at their stand, wherever the organiser drops them."""
    stand = stand_for(people)
    if stand is not None and stand.pk != table.pk:
        raise ValidationError(
            _("This meeting belongs at the stand %(stand)s of its exhibitor.")
            % {"stand": stand.name}
        )


def tell_about_move(meeting: Meeting, seats: list[MeetingSeat], slot: Slot) -> None:
    tell_meeting_people(meeting, seats, slot, "meeting-moved")


@transaction.atomic
def set_locked(*, by, meeting: Meeting, locked: bool) -> Meeting:
    """A locked meeting stays where it is when the scheduler runs again."""
    require(by, "events.manage_event", meeting.event)
    Meeting.objects.filter(pk=meeting.pk).update(locked=locked)
    meeting.locked = locked
    audit.record(by=by, action="meeting.locked" if locked else "meeting.unlocked", obj=meeting)
    return meeting
