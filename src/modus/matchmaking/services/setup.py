"""The organiser's set-up: matchmaking settings, sessions and their slots, tables and
exhibitors' stands, request rules."""

from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import RestrictedError
from django.utils.translation import gettext as _

from modus.common import audit
from modus.common.permissions import require
from modus.events.models import Event, Participant
from modus.matchmaking.models import (
    MatchmakingSession,
    MatchmakingSettings,
    Meeting,
    MeetingSeat,
    RequestRule,
    Slot,
    Table,
    Unavailability,
)
from modus.matchmaking.services.busy import clashes_of, overlapping_slots
from modus.matchmaking.services.locks import lock_people, lock_registered, lock_slots
from modus.matchmaking.services.notifications import tell_meeting_people
from modus.matchmaking.services.tables import (
    meeting_stand,
    pick_table,
    stands_by_host,
    taken_tables,
)


def settings_for(event: Event) -> MatchmakingSettings:
    settings, _ = MatchmakingSettings.objects.get_or_create(event=event)
    return settings


def meeting_visible(meeting: Meeting, settings: MatchmakingSettings) -> bool:
    """Whether the meeting's people see its time and table: at once when they picked the slot
    themselves; when the scheduler or an organiser placed it, once the schedule is published."""
    return meeting.picked_by_participants or settings.schedule_state != (
        MatchmakingSettings.ScheduleState.DRAFT
    )


def tell_new_place(meeting_ids: list[int]) -> None:
    """Tell the people of meetings that changed table or stand, once they can see them."""
    meetings = list(
        Meeting.objects.filter(pk__in=meeting_ids)
        .select_related("event", "slot", "table")
        .prefetch_related("seats__participant__person")
    )
    if not meetings:
        return
    settings = settings_for(meetings[0].event)
    for meeting in meetings:
        if not meeting_visible(meeting, settings):
            continue
        tell_meeting_people(
            meeting,
            list(meeting.seats.all()),
            meeting.slot,
            "meeting-new-place",
            table=meeting.table.name,
            stand=meeting.table.is_stand,
        )


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
    """Only a session without booked meetings can go; cancelled meetings that were in it
    lose their slot (and table), as they would keep the slots back otherwise."""
    require(by, "events.manage_event", session.event)
    # Bookings lock the slot last: holding them, no meeting is booked here meanwhile.
    lock_slots(session.slots.values("pk"))
    if Meeting.objects.filter(slot__session=session, status=Meeting.Status.CONFIRMED).exists():
        raise ValidationError(_("Meetings are booked in this session; move or cancel them first."))
    cancelled = Meeting.objects.filter(slot__session=session, status=Meeting.Status.CANCELLED)
    detached = list(cancelled.values_list("pk", flat=True))
    MeetingSeat.objects.filter(slot__session=session).update(slot=None)
    Meeting.objects.filter(pk__in=detached).update(slot=None, table=None)
    audit.record(
        by=by, action="matchmaking.session_removed", obj=session, data={"detached": detached}
    )
    try:
        session.delete()
    except RestrictedError as error:  # cannot happen while the slots are locked; say so anyway
        raise ValidationError(_("A meeting was just booked in this session; try again.")) from error


@transaction.atomic
def set_unavailable(*, by: Participant, slots: list[Slot]) -> None:
    """Replace the slots in which the participant cannot meet."""
    if any(slot.session.event_id != by.event_id for slot in slots):
        raise ValidationError(_("Pick slots of this event."))
    # A meeting at that time, in the slot or one of a parallel session overlapping it.
    at_those_times = clashes_of(Slot.objects.filter(session__event_id=by.event_id))
    away = {other for slot in slots for other in at_those_times[slot.pk]}
    booked = MeetingSeat.objects.filter(participant=by, active=True, slot__in=away)
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
    """Tables of the shared pool, numbered on from the pool's size past names already taken."""
    require(by, "events.manage_event", event)
    names = set(event.tables.values_list("name", flat=True))
    number = event.tables.filter(host__isnull=True).count()
    fresh = []
    while len(fresh) < count:
        number += 1
        if f"{prefix}{number}" not in names:
            fresh.append(f"{prefix}{number}")
    tables = Table.objects.bulk_create(Table(event=event, name=name) for name in fresh)
    audit.record(by=by, action="matchmaking.tables_added", obj=event, data={"count": count})
    return tables


@transaction.atomic
def add_stand(*, by, event: Event, name: str, host: Participant) -> Table:
    """An exhibitor's stand: all their meetings sit there, those already booked too."""
    require(by, "events.manage_event", event)
    name = name.strip()
    if host.event_id != event.pk:
        raise ValidationError({"host": _("Pick a participant of this event.")})
    # The holder's row first, as bookings lock it: none of their meetings is booked meanwhile.
    lock_registered(host)
    if Table.objects.filter(host=host).exists():
        raise ValidationError({"host": _("%(name)s already has a stand.") % {"name": host.person}})
    if event.tables.filter(name=name).exists():
        raise ValidationError(
            {"name": _("There is already a table or stand called %(name)s.") % {"name": name}}
        )
    stand = Table(event=event, name=name, host=host)
    stand.full_clean()
    try:
        with transaction.atomic():
            stand.save()
    except IntegrityError as error:  # the same name, added a moment ago
        raise ValidationError(
            {"name": _("There is already a table or stand called %(name)s.") % {"name": name}}
        ) from error
    moved = seat_at_stand(stand)
    audit.record(
        by=by, action="matchmaking.stand_added", obj=stand, data={"host": host.pk, "moved": moved}
    )
    return stand


def seat_at_stand(stand: Table) -> int:
    """Move the holder's booked meetings to their new stand, which is free in every slot;
    a meeting with a holder of a lower key stays at that one's stand."""
    stand_of_host = stands_by_host(stand.event.tables.filter(host__isnull=False))
    # No ordering: the default one joins the slot, and PostgreSQL cannot lock an outer join.
    meetings = (
        Meeting.objects.select_for_update(of=("self",))
        .order_by()
        .filter(seats__participant=stand.host, status=Meeting.Status.CONFIRMED)
        .exclude(slot=None)
        .prefetch_related("seats")
    )
    ids = [
        meeting.pk
        for meeting in meetings
        if meeting_stand((s.participant_id for s in meeting.seats.all()), stand_of_host) == stand
    ]
    elsewhere = Meeting.objects.filter(pk__in=ids).exclude(table=stand)
    moved = list(elsewhere.values_list("pk", flat=True))
    Meeting.objects.filter(pk__in=ids).update(table=stand)
    tell_new_place(moved)
    return len(ids)


@transaction.atomic
def remove_stand(*, by, stand: Table) -> None:
    """A stand goes; the meetings booked there move to other tables of their slots first,
    all of them or, when one finds no free table, none."""
    require(by, "events.manage_event", stand.event)
    if not stand.is_stand:
        raise ValidationError(_("%(name)s is a table of the pool, not a stand.") % {"name": stand})
    booked = Meeting.objects.filter(table=stand, status=Meeting.Status.CONFIRMED).exclude(slot=None)
    people = set(
        MeetingSeat.objects.filter(meeting__in=booked).values_list("participant", flat=True)
    )
    # The bookings' lock order: people by key, then the meetings, then their slots.
    lock_people(people)
    meetings = list(booked.select_for_update(of=("self",)).order_by("pk").prefetch_related("seats"))
    # Every slot at the meetings' times: a table is one table in every parallel session.
    lock_slots(
        Slot.objects.filter(
            pk__in={other.pk for m in meetings for other in overlapping_slots(m.slot).only("pk")}
        ).values("pk")
    )
    for meeting in meetings:
        reseat(meeting, stand)
    tell_new_place([meeting.pk for meeting in meetings])
    audit.record(
        by=by,
        action="matchmaking.stand_removed",
        obj=stand,
        data={"host": stand.host_id, "moved": [m.pk for m in meetings]},
    )
    # Cancelled meetings keep no place; the table's key would hold the stand back otherwise.
    Meeting.objects.filter(table=stand, status=Meeting.Status.CANCELLED).update(table=None)
    try:
        stand.delete()
    except RestrictedError as error:  # a meeting booked there meanwhile
        raise ValidationError(_("A meeting was just booked at this stand; try again.")) from error


def reseat(meeting: Meeting, stand: Table) -> None:
    """Move one meeting off a stand that is going, as a booking without that stand would."""
    tables = list(stand.event.tables.exclude(pk=stand.pk).order_by("pk"))
    taken = taken_tables(meeting.slot, besides=meeting)
    people = [seat.participant_id for seat in meeting.seats.all()]
    table = pick_table(tables, taken, meeting_stand(people, stands_by_host(tables)))
    if table is None:
        raise ValidationError(
            _(
                "No other table is free in the slot of a meeting at this stand; "
                "add tables or move the meeting first."
            )
        )
    Meeting.objects.filter(pk=meeting.pk).update(table=table)


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
