"""Meeting requests and meetings: ask, accept (booking slot and table), decline, withdraw, cancel.

Every booking locks the participants' rows (in primary-key order) and then the slot's row, so
two acceptances racing for one person's slot or the last free table end with one meeting; the
unique constraints on seats and tables are the database's last word.
"""

import zoneinfo
from datetime import timedelta

from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from modus.common import audit
from modus.events.models import Participant
from modus.matchmaking.models import (
    MatchmakingSession,
    MatchmakingSettings,
    Meeting,
    MeetingRequest,
    MeetingSeat,
    RequestBlock,
    RequestRule,
    Slot,
    Table,
    Unavailability,
)
from modus.matchmaking.services import recommendations
from modus.matchmaking.services.busy import (
    busy_message,
    elsewhere_message,
    elsewhere_then,
    overlapping_slots,
)
from modus.matchmaking.services.locks import lock_participants, lock_registered, lock_slots
from modus.matchmaking.services.notifications import notify, slot_time
from modus.matchmaking.services.setup import settings_for
from modus.matchmaking.services.tables import table_for

MESSAGE_LIMIT = 500
MUTUAL_WEIGHT = 2.0


def inbox_url(participant: Participant) -> str:
    return reverse("matchmaking:inbox", args=[participant.event.slug])


def open_requests_sent(participant: Participant):
    """Pending and not yet past expiry: what counts against the sender's quota."""
    return MeetingRequest.objects.filter(
        requester=participant, status=MeetingRequest.Status.PENDING, expires_at__gt=timezone.now()
    )


def have_meeting(first: Participant, second: Participant) -> bool:
    return (
        Meeting.objects.filter(status=Meeting.Status.CONFIRMED, seats__participant=first)
        .filter(seats__participant=second)
        .exists()
    )


def have_contact(first: Participant, second: Participant) -> bool:
    """Whether `second` ever asked `first` or the two ever had a meeting."""
    return (
        MeetingRequest.objects.filter(requester=second, recipient=first).exists()
        or Meeting.objects.filter(seats__participant=first)
        .filter(seats__participant=second)
        .exists()
    )


def check_request_allowed(requester: Participant, recipient: Participant) -> None:
    if requester.event_id != recipient.event_id:
        raise ValidationError(_("You can only meet people registered at the same event."))
    if requester.pk == recipient.pk:
        raise ValidationError(_("You cannot request a meeting with yourself."))
    # A hidden profile is not asked out of the blue; one who made contact may be answered.
    if not requester.person.user.has_perm(
        "directory.view_person", recipient.person
    ) and not have_contact(requester, recipient):
        raise ValidationError(_("You can only ask people whose profile you can see."))
    rules = RequestRule.objects.filter(event_id=requester.event_id)
    if (
        rules.exists()
        and not rules.filter(requester_role=requester.role, recipient_role=recipient.role).exists()
    ):
        raise ValidationError(
            _("At this event, a %(mine)s cannot request a meeting with a %(theirs)s.")
            % {
                "mine": requester.get_role_display().lower(),
                "theirs": recipient.get_role_display().lower(),
            }
        )


def clean_message(message: str) -> str:
    message = message.strip()
    if len(message) > MESSAGE_LIMIT:
        raise ValidationError(
            {
                "message": _("Keep the message under %(limit)d characters.")
                % {"limit": MESSAGE_LIMIT}
            }
        )
    return message


@transaction.atomic
def send_request(
    *,
    by: Participant,
    recipient: Participant,
    message: str = "",
    sessions: list[MatchmakingSession] = (),
    slot: Slot | None = None,
) -> MeetingRequest:
    """Ask `recipient` for a meeting; with automatic acceptance it is booked at once."""
    check_request_allowed(by, recipient)
    message = clean_message(message)
    if any(session.event_id != by.event_id for session in sessions):
        raise ValidationError({"sessions": _("Pick sessions of this event.")})
    lock_registered(by, recipient)
    settings = settings_for(by.event)
    if have_meeting(by, recipient):
        raise ValidationError(
            _("You already have a meeting with %(name)s.") % {"name": recipient.person}
        )
    if open_requests_sent(by).filter(recipient=recipient).exists():
        raise ValidationError(
            _("You have already asked %(name)s; wait for the answer.") % {"name": recipient.person}
        )
    if RequestBlock.objects.filter(by=recipient, blocked=by).exists():
        raise ValidationError(
            _(
                "%(name)s declined your request or cancelled your meeting; you can ask again "
                "once they allow new requests from you."
            )
            % {"name": recipient.person}
        )
    # Counted under the sender's row lock: concurrent requests cannot both slip under it.
    limit = django_settings.MEETING_REQUESTS_PER_HOUR
    if sent_within_hour(by) >= limit:
        raise ValidationError(
            _(
                "You have sent %(count)d meeting requests in the last hour, the most allowed. "
                "Please try again later."
            )
            % {"count": limit}
        )
    if open_requests_sent(by).count() >= settings.max_pending_requests:
        raise ValidationError(
            _(
                "You have %(count)d requests waiting for an answer, the most this event allows. "
                "Withdraw one or wait for answers."
            )
            % {"count": settings.max_pending_requests}
        )
    reverse_request = open_requests_sent(recipient).filter(recipient=by).first()
    request = MeetingRequest.objects.create(
        event=by.event,
        requester=by,
        recipient=recipient,
        message=message,
        mutual=reverse_request is not None,
        expires_at=timezone.now() + timedelta(hours=settings.expire_after_hours),
    )
    request.sessions.set(sessions)
    audit.record(by=by.person.user, action="meeting_request.sent", obj=request)
    if reverse_request is not None:
        MeetingRequest.objects.filter(pk=reverse_request.pk).update(mutual=True)
    # Asking someone you had closed the door on opens it again.
    RequestBlock.objects.filter(by=by, blocked=recipient).delete()
    recommendations.schedule(by.event)
    # Automatic acceptance books a pair once: after a cancelled meeting the recipient decides.
    if settings.request_mode == MatchmakingSettings.RequestMode.AUTOMATIC and not had_meeting(
        by, recipient
    ):
        # The booking tells the recipient of the request too, in one notification.
        book(request=request, slot=slot, settings=settings, automatic=True)
        return request
    kind = "request-mutual" if request.mutual else "request-received"
    data = {"name": str(by.person), "message": message}
    notify(recipient, kind, data, inbox_url(recipient), about=by)
    return request


def sent_within_hour(participant: Participant) -> int:
    since = timezone.now() - timedelta(hours=1)
    return MeetingRequest.objects.filter(requester=participant, created_at__gte=since).count()


def had_meeting(first: Participant, second: Participant) -> bool:
    """A meeting of the two, confirmed or cancelled."""
    return (
        Meeting.objects.filter(seats__participant=first).filter(seats__participant=second).exists()
    )


def close_pair(*, by: Participant, blocked: Participant) -> None:
    RequestBlock.objects.get_or_create(by=by, blocked=blocked, defaults={"event_id": by.event_id})


@transaction.atomic
def allow_requests(*, by: Participant, other: Participant) -> bool:
    """`by` lets `other` ask again after a decline or cancellation; False if nothing was closed."""
    removed, _details = RequestBlock.objects.filter(by=by, blocked=other).delete()
    if removed:
        audit.record(
            by=by.person.user, action="meeting_request.reopened", obj=by, data={"other": other.pk}
        )
    return bool(removed)


@transaction.atomic
def accept_request(
    *, request: MeetingRequest, by: Participant, slot: Slot | None = None
) -> Meeting:
    """The recipient says yes; when participants choose, they also pick the slot."""
    if request.recipient_id != by.pk:
        raise PermissionDenied(_("Only the person asked can accept this request."))
    return book(request=request, slot=slot, settings=settings_for(request.event))


def book(
    *,
    request: MeetingRequest,
    slot: Slot | None,
    settings: MatchmakingSettings,
    automatic: bool = False,
) -> Meeting:
    """Book the meeting a request asks for; `automatic` when the request was accepted as it
    was sent, so the recipient has not yet heard of it."""
    requester, recipient = request.requester, request.recipient
    lock_participants(requester, recipient)
    request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != MeetingRequest.Status.PENDING or request.expires_at <= timezone.now():
        raise ValidationError(_("This request is no longer open."))
    participants_choose = (
        settings.scheduling_mode == MatchmakingSettings.SchedulingMode.PARTICIPANTS
    )
    if participants_choose and slot is None:
        raise ValidationError({"slot": _("Pick a time slot for the meeting.")})
    table = None
    if participants_choose:
        slot = Slot.objects.select_related("session").get(pk=slot.pk)
        # Every slot at that time, by key: a table is one table in every parallel session.
        lock_slots(overlapping_slots(slot).values("pk"))
        check_slot(request, slot, settings)
        table = free_table(slot, request)
    meeting = create_meeting(request, slot, table)
    close_mutual_twin(request, meeting)
    request.status = MeetingRequest.Status.ACCEPTED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    audit.record(by=recipient.person.user, action="meeting_request.accepted", obj=request)
    # One notification (and so one e-mail) per person: the requester learns of the
    # acceptance and, when booked, its time in the same sentence; the recipient of an
    # automatically accepted request learns of the request, its message and the booking at once.
    place = (
        {**slot_time(slot, request.event.time_zone), "table": table.name, "stand": table.is_stand}
        if slot is not None
        else {}
    )
    notify(
        requester,
        "request-accepted",
        {"name": str(recipient.person), **place},
        inbox_url(requester),
        about=recipient,
    )
    if automatic:
        notify(
            recipient,
            "request-booked",
            {"name": str(requester.person), "message": request.message, **place},
            inbox_url(recipient),
            about=requester,
        )
    elif slot is not None:
        notify(
            recipient,
            "meeting-booked",
            {"name": str(requester.person), **place},
            inbox_url(recipient),
            about=requester,
        )
    return meeting


def zone_of(participant: Participant) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(participant.event.time_zone)


def check_slot(request: MeetingRequest, slot: Slot, settings: MatchmakingSettings) -> None:
    if slot.session.event_id != request.event_id:
        raise ValidationError({"slot": _("Pick a slot of this event.")})
    wanted = list(request.sessions.all())
    if wanted and slot.session not in wanted:
        raise ValidationError({"slot": _("Pick a slot in the sessions the request named.")})
    at_that_time = overlapping_slots(slot)
    for participant in (request.requester, request.recipient):
        if Unavailability.objects.filter(participant=participant, slot__in=at_that_time).exists():
            raise ValidationError(
                {
                    "slot": _("%(name)s is not available in this slot.")
                    % {"name": participant.person}
                }
            )
        if active_seats(participant).filter(slot=slot).exists():
            raise ValidationError(
                {
                    "slot": _("%(name)s already has a meeting in this slot.")
                    % {"name": participant.person}
                }
            )
        clash = active_seats(participant).filter(slot__in=at_that_time).first()
        if clash is not None:
            raise ValidationError({"slot": busy_message(participant, clash.slot)})
        elsewhere = elsewhere_then(participant, slot)
        if elsewhere is not None:
            raise ValidationError({"slot": elsewhere_message(participant, elsewhere)})
        if (
            active_seats(participant).filter(slot__session=slot.session).count()
            >= settings.max_meetings_per_session
        ):
            raise ValidationError(
                {
                    "slot": _("%(name)s has reached the meeting limit for this session.")
                    % {"name": participant.person}
                }
            )


def active_seats(participant: Participant):
    return MeetingSeat.objects.filter(participant=participant, active=True)


def free_table(slot: Slot, request: MeetingRequest) -> Table:
    """A stand holder's stand, else a pool table, else a stand nobody uses then."""
    table = table_for(slot, [request.requester_id, request.recipient_id])
    if table is None:
        raise ValidationError({"slot": _("No table is free in this slot; pick another.")})
    return table


def create_meeting(request: MeetingRequest, slot: Slot | None, table: Table | None) -> Meeting:
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                event_id=request.event_id,
                request=request,
                slot=slot,
                table=table,
                mutual=request.mutual,
                weight=MUTUAL_WEIGHT if request.mutual else 1.0,
                picked_by_participants=slot is not None,
            )
            MeetingSeat.objects.bulk_create(
                MeetingSeat(meeting=meeting, participant=participant, slot=slot)
                for participant in (request.requester, request.recipient)
            )
    except IntegrityError as error:
        raise ValidationError(
            {"slot": _("This slot has just been taken; pick another.")}
        ) from error
    return meeting


def close_mutual_twin(request: MeetingRequest, meeting: Meeting) -> None:
    """When both asked, the other request is answered by the same meeting."""
    MeetingRequest.objects.filter(
        requester=request.recipient,
        recipient=request.requester,
        status=MeetingRequest.Status.PENDING,
    ).update(status=MeetingRequest.Status.ACCEPTED, answered_at=timezone.now())


@transaction.atomic
def decline_request(
    *, request: MeetingRequest, by: Participant, reason: str = ""
) -> MeetingRequest:
    if request.recipient_id != by.pk:
        raise PermissionDenied(_("Only the person asked can decline this request."))
    if len(reason) > 300:
        raise ValidationError({"reason": _("Keep the reason under 300 characters.")})
    request = answer(request, MeetingRequest.Status.DECLINED, decline_reason=reason.strip())
    close_pair(by=by, blocked=request.requester)
    audit.record(by=by.person.user, action="meeting_request.declined", obj=request)
    notify(
        request.requester,
        "request-declined",
        {"name": str(by.person)},
        inbox_url(request.requester),
        about=by,
    )
    return request


@transaction.atomic
def withdraw_request(*, request: MeetingRequest, by: Participant) -> MeetingRequest:
    if request.requester_id != by.pk:
        raise PermissionDenied(_("Only the person who asked can withdraw this request."))
    lock_participants(by)
    limit = django_settings.MEETING_WITHDRAWALS_PER_HOUR
    since = timezone.now() - timedelta(hours=1)
    withdrawn = MeetingRequest.objects.filter(
        requester=by, status=MeetingRequest.Status.WITHDRAWN, answered_at__gte=since
    ).count()
    if withdrawn >= limit:
        raise ValidationError(
            _(
                "You have withdrawn %(count)d requests in the last hour, the most allowed. "
                "Please try again later."
            )
            % {"count": limit}
        )
    request = answer(request, MeetingRequest.Status.WITHDRAWN)
    audit.record(by=by.person.user, action="meeting_request.withdrawn", obj=request)
    return request


def answer(request: MeetingRequest, status: str, **fields) -> MeetingRequest:
    """Close a pending request; the conditional update lets only the first answer count."""
    changed = MeetingRequest.objects.filter(
        pk=request.pk, status=MeetingRequest.Status.PENDING
    ).update(status=status, answered_at=timezone.now(), **fields)
    if changed != 1:
        raise ValidationError(_("This request is no longer open."))
    request.refresh_from_db()
    return request


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, by: Participant, reason: str = "") -> Meeting:
    if not meeting.seats.filter(participant=by).exists():
        raise PermissionDenied(_("Only the people in a meeting can cancel it."))
    # The same lock order as booking and moving (people, then the meeting): no deadlock.
    lock_participants(*[seat.participant for seat in meeting.seats.select_related("participant")])
    changed = Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.CONFIRMED).update(
        status=Meeting.Status.CANCELLED, cancelled_by=by, cancel_reason=reason.strip()[:300]
    )
    if changed != 1:
        raise ValidationError(_("This meeting is already cancelled."))
    meeting.seats.update(active=False)
    meeting.refresh_from_db()
    audit.record(by=by.person.user, action="meeting.cancelled", obj=meeting)
    for seat in meeting.seats.exclude(participant=by).select_related("participant__event"):
        # Like a decline: the others may not ask again until `by` allows it.
        close_pair(by=by, blocked=seat.participant)
        notify(
            seat.participant,
            "meeting-cancelled",
            {"name": str(by.person)},
            inbox_url(seat.participant),
            about=by,
        )
    return meeting


def process_due_requests(now=None) -> tuple[int, int]:
    """Remind recipients of old requests and expire overdue ones; returns (reminded, expired)."""
    now = now or timezone.now()
    reminded = expired = 0
    pending = MeetingRequest.objects.filter(status=MeetingRequest.Status.PENDING).select_related(
        "event__matchmaking",
        "requester__person",
        "recipient__person",
        "requester__event",
        "recipient__event",
    )
    for request in pending.filter(expires_at__lte=now):
        with transaction.atomic():
            if MeetingRequest.objects.filter(pk=request.pk, status="pending").update(
                status="expired", answered_at=now
            ):
                expired += 1
                notify(
                    request.requester,
                    "request-expired",
                    {"name": str(request.recipient.person)},
                    inbox_url(request.requester),
                    about=request.recipient,
                )
    for request in pending.filter(expires_at__gt=now, reminded_at__isnull=True):
        hours = settings_for(request.event).remind_after_hours
        if request.created_at + timedelta(hours=hours) > now:
            continue
        with transaction.atomic():
            if MeetingRequest.objects.filter(pk=request.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                reminded += 1
                notify(
                    request.recipient,
                    "request-reminder",
                    {"name": str(request.requester.person)},
                    inbox_url(request.recipient),
                    about=request.requester,
                )
    return reminded, expired
