"""The organiser's set-up: matchmaking settings, sessions and their slots, tables, request rules."""

from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from modus.common import audit
from modus.common.permissions import require
from modus.events.models import Event, Participant
from modus.matchmaking.models import (
    MatchmakingSession,
    MatchmakingSettings,
    MeetingSeat,
    RequestRule,
    Slot,
    Table,
    Unavailability,
)


def settings_for(event: Event) -> MatchmakingSettings:
    settings, _ = MatchmakingSettings.objects.get_or_create(event=event)
    return settings


@transaction.atomic
def update_settings(*, by, event: Event, **fields) -> MatchmakingSettings:
    require(by, "events.manage_event", event)
    settings = settings_for(event)
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    audit.record(
        by=by, action="matchmaking.settings_changed", obj=settings, data={"fields": sorted(fields)}
    )
    return settings


@transaction.atomic
def add_session(
    *,
    by,
    event: Event,
    name: str,
    starts_at: datetime,
    slot_minutes: int = 20,
    slot_count: int = 8,
    break_after: int = 0,
    break_minutes: int = 0,
) -> MatchmakingSession:
    """A session and its slots; an optional break pushes the slots after it later."""
    require(by, "events.manage_event", event)
    if break_after < 0 or break_minutes < 0 or (break_minutes and not 0 < break_after < slot_count):
        raise ValidationError(_("A break comes after one of the session's slots, before the last."))
    session = MatchmakingSession(
        event=event,
        name=name,
        starts_at=starts_at,
        slot_minutes=slot_minutes,
        slot_count=slot_count,
    )
    session.full_clean()
    session.save()
    # Count in UTC: local wall-clock arithmetic would bend slots across a clock change.
    starts_at = starts_at.astimezone(UTC)
    length = timedelta(minutes=slot_minutes)
    pause = timedelta(minutes=break_minutes)
    starts = [
        starts_at
        + index * length
        + (pause if break_minutes and index >= break_after else timedelta())
        for index in range(slot_count)
    ]
    Slot.objects.bulk_create(
        Slot(session=session, position=index, starts_at=start, ends_at=start + length)
        for index, start in enumerate(starts)
    )
    audit.record(by=by, action="matchmaking.session_added", obj=session)
    return session


@transaction.atomic
def remove_session(*, by, session: MatchmakingSession) -> None:
    """Only a session without booked meetings can go."""
    require(by, "events.manage_event", session.event)
    if session.slots.filter(meetings__status="confirmed").exists():
        raise ValidationError(_("Meetings are booked in this session; move or cancel them first."))
    audit.record(by=by, action="matchmaking.session_removed", obj=session)
    session.delete()


@transaction.atomic
def set_unavailable(*, by: Participant, slots: list[Slot]) -> None:
    """Replace the slots in which the participant cannot meet."""
    if any(slot.session.event_id != by.event_id for slot in slots):
        raise ValidationError(_("Pick slots of this event."))
    booked = MeetingSeat.objects.filter(participant=by, active=True, slot__in=slots)
    if booked.exists():
        raise ValidationError(
            _("You have a meeting in one of these slots; cancel it first or keep the slot free.")
        )
    Unavailability.objects.filter(participant=by).exclude(slot__in=slots).delete()
    known = set(Unavailability.objects.filter(participant=by).values_list("slot_id", flat=True))
    Unavailability.objects.bulk_create(
        Unavailability(participant=by, slot=slot) for slot in slots if slot.pk not in known
    )
    audit.record(
        by=by.person.user, action="availability.set", obj=by, data={"away": [s.pk for s in slots]}
    )


@transaction.atomic
def add_tables(*, by, event: Event, count: int, prefix: str = "T") -> list[Table]:
    require(by, "events.manage_event", event)
    existing = event.tables.count()
    tables = Table.objects.bulk_create(
        Table(event=event, name=f"{prefix}{existing + number}") for number in range(1, count + 1)
    )
    audit.record(by=by, action="matchmaking.tables_added", obj=event, data={"count": count})
    return tables


@transaction.atomic
def set_request_rules(*, by, event: Event, pairs: list[tuple[str, str]]) -> None:
    """Replace who may request whom; an empty list lets everyone request everyone."""
    require(by, "events.manage_event", event)
    RequestRule.objects.filter(event=event).delete()
    for requester_role, recipient_role in pairs:
        rule = RequestRule(
            event=event, requester_role=requester_role, recipient_role=recipient_role
        )
        rule.full_clean()
        rule.save()
    audit.record(by=by, action="matchmaking.rules_set", obj=event, data={"pairs": pairs})
