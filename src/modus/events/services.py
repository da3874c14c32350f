"""Every change to an event and its registrations."""

import secrets
import zoneinfo
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from modus.common import audit
from modus.common.permissions import require
from modus.directory.models import Organisation, Person
from modus.events.badges import BadgeError, clean_code, participant_for_badge
from modus.events.models import (
    Badge,
    CheckIn,
    Event,
    Participant,
    ProgrammeSession,
    RetiredBadgeCode,
    SessionPlace,
    WithdrawnRegistration,
    new_badge_code,
)
from modus.matchmaking.models import MeetingRequest, MeetingSeat, Table
from modus.matchmaking.services import recommendations
from modus.matchmaking.services.locks import lock_participants, lock_registered
from modus.matchmaking.services.notifications import notify_each
from modus.stands.models import Lead, Stand
from modus.visits.models import TourBooking


@transaction.atomic
def create_event(*, by, name: str, slug: str, start_date: date, end_date: date, **fields) -> Event:
    event = Event(name=name, slug=slug, start_date=start_date, end_date=end_date, **fields)
    event.full_clean()
    event.save()
    audit.record(by=by, action="event.created", obj=event)
    return event


def register(
    *, by, event: Event, person: Person, role: str = Participant.Role.DELEGATE
) -> Participant:
    """Register a person once; a second registration is refused with a clear error."""
    require(by, "events.manage_event", event)
    if role not in Participant.Role.values:
        raise ValidationError({"role": _("Unknown role: %(role)s") % {"role": role}})
    try:
        with transaction.atomic():
            participant = Participant.objects.create(event=event, person=person, role=role)
            audit.record(
                by=by, action="participant.registered", obj=participant, data={"role": role}
            )
    except IntegrityError as error:
        raise ValidationError(
            _("%(person)s is already registered at %(event)s.") % {"person": person, "event": event}
        ) from error
    return participant


@transaction.atomic
def withdraw_registration(*, by, participant: Participant) -> None:
    """The person takes back a registration someone else made for them (an import's e-mail
    links here). Refused once they take part: deleting it would silently take meetings,
    places and leads from the people who share them."""
    require(by, "events.withdraw_registration", participant)
    lock_participants(participant)
    current = Participant.objects.filter(pk=participant.pk)
    if not current.exists():
        raise ValidationError(_("This registration was withdrawn already."), code="gone")
    if current.filter(takes_part()).exists():
        raise ValidationError(
            _(
                "You already take part in %(event)s (meetings, bookings, stand visits or "
                "check-in), so the registration cannot be withdrawn here; ask the event's "
                "organisers."
            )
            % {"event": participant.event.name},
            code="takes-part",
        )
    audit.record(
        by=by,
        action="participant.withdrawn",
        obj=participant,
        data={"event": participant.event_id, "role": participant.role},
    )
    tell_organisers_of_withdrawal(participant)
    current.delete()
    # Their offers answered others' requests: those may be unanswered again.
    transaction.on_commit(lambda: recommendations.schedule(participant.event))


def tell_organisers_of_withdrawal(participant: Participant) -> None:
    """Keep who withdrew and when for the participant list, and tell each organiser of the
    event (an in-app notice and an e-mail in their language)."""
    event, name = participant.event, participant.person.full_name
    WithdrawnRegistration.objects.create(
        event=event, person=participant.person, name=name, role=participant.role
    )
    organisers = event.participants.filter(role=Participant.Role.ORGANISER).exclude(
        pk=participant.pk
    )
    url = reverse("events:participants", args=[event.slug]) + "#withdrawn"
    notify_each(list(organisers), "registration-withdrawn", {"name": name}, url)


def takes_part() -> Q:
    """Participants whose registration others depend on: checked in, in a meeting or asked
    for one, booked on a tour or session, on a stand's staff or programme, a stand's lead, or
    the host of a meeting point."""
    mine = OuterRef("pk")
    return (
        Q(Exists(CheckIn.objects.filter(participant=mine)))
        | Q(Exists(MeetingSeat.objects.filter(participant=mine)))
        | Q(Exists(MeetingRequest.objects.filter(Q(requester=mine) | Q(recipient=mine))))
        | Q(Exists(TourBooking.objects.filter(participant=mine)))
        | Q(Exists(SessionPlace.objects.filter(participant=mine)))
        | Q(Exists(Lead.objects.filter(visitor=mine)))
        | Q(Exists(Stand.staff.through.objects.filter(participant=mine)))
        | Q(Exists(Table.objects.filter(host=mine)))
        | Q(Exists(ProgrammeSession.speakers.through.objects.filter(participant=mine)))
    )


@transaction.atomic
def change_role(*, by, participant: Participant, role: str) -> Participant:
    require(by, "events.manage_event", participant.event)
    if role not in Participant.Role.values:
        raise ValidationError({"role": _("Unknown role: %(role)s") % {"role": role}})
    participant.role = role
    participant.save(update_fields=["role"])
    audit.record(by=by, action="participant.role_changed", obj=participant, data={"role": role})
    return participant


def calendar_token(participant: Participant) -> str:
    """The participant's calendar secret, made once; two first requests agree on one."""
    if not participant.calendar_token:
        Participant.objects.filter(pk=participant.pk, calendar_token__isnull=True).update(
            calendar_token=secrets.token_urlsafe(32)
        )
        participant.refresh_from_db(fields=["calendar_token"])
    return participant.calendar_token


@transaction.atomic
def rotate_calendar_token(*, by, participant: Participant) -> str:
    """A new calendar secret for a participant who shared or leaked the old address; the old
    address stops working at once."""
    require(by, "events.change_calendar_feed", participant)
    participant.calendar_token = secrets.token_urlsafe(32)
    participant.save(update_fields=["calendar_token"])
    audit.record(by=by, action="participant.calendar_address_changed", obj=participant)
    return participant.calendar_token


def organisation_named(name: str) -> Organisation | None:
    return Organisation.objects.filter(name__iexact=name.strip()).order_by("pk").first()


# Badges and check-in.


def issue_badges(*, by, event: Event) -> int:
    """Give every participant of `event` without a badge a new one; how many were made.
    Running it twice, or at two desks at once, makes each badge once (the unique participant)."""
    require(by, "events.manage_badges", event)
    with transaction.atomic():
        missing = list(event.participants.filter(badge__isnull=True).order_by("pk"))
        made = Badge.objects.bulk_create(
            [Badge(participant=participant) for participant in missing], ignore_conflicts=True
        )
        audit.record_many(by=by, action="badge.issued", objects=missing, data=lambda _p: {})
    return len(made)


@transaction.atomic
def reissue_badge(*, by, participant: Participant) -> Badge:
    """A new code for a lost badge: the old one is retired and opens nothing any more."""
    require(by, "events.manage_badges", participant.event)
    lock_participants(participant)
    badge = Badge.objects.filter(participant=participant).first()
    if badge is None:
        badge = Badge.objects.create(participant=participant)
        audit.record(by=by, action="badge.issued", obj=participant)
        return badge
    RetiredBadgeCode.objects.create(participant=participant, code=badge.code)
    badge.code = new_badge_code()
    badge.issued_at = timezone.now()
    badge.save(update_fields=["code", "issued_at"])
    audit.record(by=by, action="badge.reissued", obj=participant)
    return badge


class AlreadyCheckedIn(ValidationError):
    """A second check-in of the same person; `first` is the one that counts."""

    def __init__(self, first: CheckIn, event: Event):
        at = timezone.localtime(first.checked_in_at, zoneinfo.ZoneInfo(event.time_zone))
        when = formats.date_format(at, "DAY_MONTH_YEAR_TIME_FORMAT")
        if first.desk:
            message = _("Already checked in at %(time)s, at desk %(desk)s.") % {
                "time": when,
                "desk": first.desk,
            }
        else:
            message = _("Already checked in at %(time)s.") % {"time": when}
        super().__init__(message, code="already-checked-in")
        self.first = first


def check_in(
    *, by, participant: Participant, desk: str = "", at: datetime | None = None
) -> CheckIn:
    """Record the participant's arrival, once. A second check-in, from any desk and at the
    same moment too, is refused with the time of the first (AlreadyCheckedIn)."""
    require(by, "events.check_in", participant.event)
    return record_arrival(by=by, participant=participant, desk=desk, at=at)


def record_arrival(
    *, by, participant: Participant, desk: str = "", at: datetime | None = None
) -> CheckIn:
    """check_in after its permission check (check_in_badge asks it before reading a code)."""
    event = participant.event
    desk = desk.strip()[: CheckIn._meta.get_field("desk").max_length]
    try:
        with transaction.atomic():
            # Desks checking in the same person queue on the person's row; the later sees
            # the earlier's check-in, and one who withdrew meanwhile is refused. The unique
            # participant stays the last word.
            lock_registered(participant)
            first = CheckIn.objects.filter(participant=participant).first()
            if first is not None:
                first.participant = participant  # as loaded, with what the desk shows
                raise AlreadyCheckedIn(first, event)
            arrival = CheckIn.objects.create(
                participant=participant,
                desk=desk,
                by=by if getattr(by, "is_authenticated", False) else None,
                checked_in_at=at or timezone.now(),
            )
            audit.record(
                by=by, action="participant.checked_in", obj=participant, data={"desk": desk}
            )
    except IntegrityError as error:
        raise AlreadyCheckedIn(CheckIn.objects.get(participant=participant), event) from error
    return arrival


def check_in_badge(*, by, event: Event, code: str, desk: str = "") -> CheckIn:
    """Check in whoever carries the badge `code` at `event`. An unknown, replaced or other
    event's code raises BadgeError and records nothing."""
    require(by, "events.check_in", event)
    code = clean_code(code)
    participant = participant_for_badge(event, code)
    with transaction.atomic():
        arrival = record_arrival(by=by, participant=participant, desk=desk)
        # A reissue takes the same row lock: one that won the race retired this code.
        if not Badge.objects.filter(participant=participant, code=code).exists():
            raise BadgeError(
                _("This badge was replaced by a new one and no longer works."), code="reissued"
            )
    return arrival
