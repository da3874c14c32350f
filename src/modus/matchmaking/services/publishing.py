"""Publishing the schedule, and the organiser's hand: moving and locking meetings."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
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
from modus.matchmaking.services.notifications import notify
from modus.matchmaking.services.requests import lock_participants
from modus.matchmaking.services.setup import settings_for


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
        notify(
            participant, f"schedule-{state}", {}, reverse("matchmaking:agenda", args=[event.slug])
        )
    return settings


def agenda_visible(participant: Participant) -> bool:
    settings = settings_for(participant.event)
    return (
        settings.scheduling_mode == MatchmakingSettings.SchedulingMode.PARTICIPANTS
        or settings.schedule_state != MatchmakingSettings.ScheduleState.DRAFT
    )


@transaction.atomic
def move_meeting(*, by, meeting: Meeting, slot: Slot) -> Meeting:
    """Put a meeting in another slot by hand; refused with a reason when someone is busy."""
    event = meeting.event
    require(by, "events.manage_event", event)
    if slot.session.event_id != event.pk:
        raise ValidationError(_("Pick a slot of this event."))
    seats = list(meeting.seats.select_related("participant__person"))
    lock_participants(*[seat.participant for seat in seats])
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.CONFIRMED:
        raise ValidationError(_("This meeting is cancelled."))
    Slot.objects.select_for_update().filter(pk=slot.pk).first()
    for seat in seats:
        if Unavailability.objects.filter(participant=seat.participant, slot=slot).exists():
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
    taken = Meeting.objects.filter(slot=slot, status=Meeting.Status.CONFIRMED).exclude(
        pk=meeting.pk
    )
    table = (
        Table.objects.filter(event=event)
        .exclude(pk__in=taken.values("table"))
        .order_by("pk")
        .first()
    )
    if table is None:
        raise ValidationError(_("No table is free in that slot."))
    meeting.slot, meeting.table = slot, table
    meeting.save(update_fields=["slot", "table"])
    meeting.seats.update(slot=slot)
    audit.record(
        by=by, action="meeting.moved", obj=meeting, data={"slot": slot.pk, "table": table.pk}
    )
    if settings_for(event).schedule_state != MatchmakingSettings.ScheduleState.DRAFT:
        tell_about_move(meeting, seats, slot)
    return meeting


def tell_about_move(meeting: Meeting, seats: list[MeetingSeat], slot: Slot) -> None:
    zone = zoneinfo.ZoneInfo(meeting.event.time_zone)
    when = date_format(timezone.localtime(slot.starts_at, zone), "DATETIME_FORMAT")
    url = reverse("matchmaking:agenda", args=[meeting.event.slug])
    for seat in seats:
        others = ", ".join(str(s.participant.person) for s in seats if s.pk != seat.pk)
        notify(seat.participant, "meeting-moved", {"name": others, "when": when}, url)


@transaction.atomic
def set_locked(*, by, meeting: Meeting, locked: bool) -> Meeting:
    """A locked meeting stays where it is when the scheduler runs again."""
    require(by, "events.manage_event", meeting.event)
    Meeting.objects.filter(pk=meeting.pk).update(locked=locked)
    meeting.locked = locked
    audit.record(by=by, action="meeting.locked" if locked else "meeting.unlocked", obj=meeting)
    return meeting
