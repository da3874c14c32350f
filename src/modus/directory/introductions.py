"""Every change to an introduction request: asking, answering, nudging and reassigning.

A request names a member cluster (routed to its manager) or only a kind of partner (left to
association staff to route). Each change locks the request's row (matchmaking's lock order,
`lock_introduction`), so an accept and a decline at once, or two reassignments, end in one
state; the loser gets a clear message and changes nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from modus import tasks
from modus.common import audit
from modus.common.permissions import require, visible_organisations
from modus.directory.models import (
    REASON_MAX_LENGTH,
    WISH_MAX_LENGTH,
    IntroductionRequest,
    Organisation,
    OrganisationKind,
    Person,
)
from modus.events.models import Event, Participant
from modus.matchmaking.models import Slot
from modus.matchmaking.notices import meeting_time
from modus.matchmaking.selectors import free_slots
from modus.matchmaking.services.locks import lock_introduction

User = get_user_model()

# Staff remind a manager at most once in this time.
NUDGE_INTERVAL = timedelta(hours=1)

Status = IntroductionRequest.Status
ALREADY_ASKED = gettext_lazy(
    "You already asked for an introduction to this cluster; it is still open."
)


def introducible_clusters(requester: Person | None = None):
    """Member clusters one may ask to be introduced to: clusters the requester may see."""
    clusters = Organisation.objects.filter(kind=OrganisationKind.CLUSTER)
    if requester is not None:
        clusters = clusters.filter(pk__in=visible_organisations(requester.user).values("pk"))
    return clusters


def clean_text(text: str, *, field: str, limit: int, empty: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: empty})
    if len(text) > limit:
        raise ValidationError({field: _("Write at most %(limit)d characters.") % {"limit": limit}})
    return text


@transaction.atomic
def ask_introduction(
    *,
    by,
    requester: Person,
    wish: str,
    organisation: Organisation | None = None,
    channel: str = IntroductionRequest.Channel.PAGE,
    event: Event | None = None,
) -> IntroductionRequest:
    """`requester` asks to be introduced to `organisation` (a member cluster) or, without
    one, to the partner `wish` describes; at the booth (`channel` booth, `event` set) staff
    ask on the visitor's behalf."""
    if channel == IntroductionRequest.Channel.BOOTH:
        if event is None:
            raise ValueError("a booth introduction needs its event")
        require(by, "events.manage_event", event)
    else:
        require(by, "directory.ask_introduction", requester)
    wish = clean_text(
        wish, field="wish", limit=WISH_MAX_LENGTH, empty=_("Say whom you would like to meet.")
    )
    if organisation is not None:
        if not introducible_clusters(requester).filter(pk=organisation.pk).exists():
            raise ValidationError({"organisation": _("Choose a member cluster from the list.")})
        if organisation.manager_id == requester.pk:
            raise ValidationError({"organisation": _("You manage this cluster yourself.")})
    introduction = IntroductionRequest(
        requester=requester,
        organisation=organisation,
        wish=wish,
        routed_to_id=organisation.manager_id if organisation else None,
        channel=channel,
        event=event,
        entered_by=by if channel == IntroductionRequest.Channel.BOOTH else None,
    )
    introduction.full_clean()
    try:
        with transaction.atomic():
            introduction.save()
    except IntegrityError as error:  # the same request sent twice at once
        raise ValidationError({"organisation": ALREADY_ASKED}) from error
    audit.record(
        by=by,
        action="introduction.asked",
        obj=introduction,
        data={"organisation": organisation.pk if organisation else None, "channel": channel},
    )
    if introduction.routed_to_id:
        tell(introduction, "asked", introduction.routed_to_id)
    else:
        # No cluster named: the association's staff route it, and must hear of it to.
        tasks.enqueue(send_introduction_email_to_staff, introduction.pk)
    return introduction


def locked_open(introduction: IntroductionRequest, version: int | None) -> IntroductionRequest:
    """The request's row, locked, if it is still open (and unchanged since `version`)."""
    current = lock_introduction(introduction.pk)
    if current.status != Status.OPEN:
        raise ValidationError(
            _("This introduction was already answered: %(status)s.")
            % {"status": current.get_status_display()}
        )
    if version is not None and current.version != version:
        raise ValidationError(
            _("Someone changed this introduction meanwhile; check it and try again.")
        )
    return current


def locked_for_answer(by, introduction: IntroductionRequest, version: int | None):
    """The open request, locked, with its answer's time and author set; still routed to
    `by` now that it is locked (a reassignment may have moved it meanwhile)."""
    current = locked_open(introduction, version)
    require(by, "directory.answer_introduction", current)
    current.answered_at = timezone.now()
    current.answered_by = by if getattr(by, "is_authenticated", False) else None
    current.version += 1
    return current


@transaction.atomic
def accept_introduction(
    *, by, introduction: IntroductionRequest, version: int | None = None, now=None
) -> IntroductionRequest:
    """The manager accepts: both sides get each other's contacts and, when they are both
    at an event with matchmaking, a meeting slot both have free that starts after `now`."""
    require(by, "directory.answer_introduction", introduction)
    current = locked_for_answer(by, introduction, version)
    current.status = Status.ACCEPTED
    current.suggested_slot = suggested_slot(current, now or timezone.now())
    current.save()
    audit.record(
        by=by,
        action="introduction.accepted",
        obj=current,
        data={"slot": current.suggested_slot_id},
    )
    tell(current, "accepted", current.requester_id)
    tell(current, "accepted-manager", current.routed_to_id)
    return current


@transaction.atomic
def decline_introduction(
    *, by, introduction: IntroductionRequest, reason: str, version: int | None = None
) -> IntroductionRequest:
    require(by, "directory.answer_introduction", introduction)
    reason = clean_text(
        reason,
        field="reason",
        limit=REASON_MAX_LENGTH,
        empty=_("Give a reason for declining."),
    )
    current = locked_for_answer(by, introduction, version)
    current.status = Status.DECLINED
    current.reason = reason
    current.save()
    audit.record(by=by, action="introduction.declined", obj=current, data={"reason": reason})
    tell(current, "declined", current.requester_id)
    return current


@transaction.atomic
def nudge_introduction(*, by, introduction: IntroductionRequest) -> IntroductionRequest:
    """Staff remind the manager of an open request (at most once per NUDGE_INTERVAL)."""
    require(by, "directory.route_introduction", introduction)
    current = locked_open(introduction, None)
    if current.routed_to_id is None:
        raise ValidationError(_("This introduction is routed to nobody yet: reassign it first."))
    now = timezone.now()
    if current.nudged_at and now - current.nudged_at < NUDGE_INTERVAL:
        raise ValidationError(_("The manager was reminded less than an hour ago."))
    current.nudge_count += 1
    current.nudged_at = now
    current.version += 1
    current.save()
    audit.record(
        by=by,
        action="introduction.nudged",
        obj=current,
        data={"manager": current.routed_to_id, "count": current.nudge_count},
    )
    tell(current, "nudged", current.routed_to_id)
    return current


@transaction.atomic
def reassign_introduction(
    *,
    by,
    introduction: IntroductionRequest,
    organisation: Organisation,
    version: int | None = None,
) -> IntroductionRequest:
    """Staff route an open request to a cluster (another one, or the same one again after
    its manager changed); the cluster's manager answers it."""
    require(by, "directory.route_introduction", introduction)
    current = locked_open(introduction, version)
    cluster = introducible_clusters().filter(pk=getattr(organisation, "pk", None)).first()
    if cluster is None:
        raise ValidationError({"organisation": _("Choose a member cluster from the list.")})
    if cluster.manager_id is None:
        raise ValidationError(
            {"organisation": _("This cluster has no manager to answer; choose another.")}
        )
    if cluster.manager_id == current.requester_id:
        raise ValidationError({"organisation": _("The visitor manages this cluster themselves.")})
    duplicate = IntroductionRequest.objects.filter(
        ~Q(pk=current.pk), requester=current.requester_id, organisation=cluster, status=Status.OPEN
    )
    if duplicate.exists():
        raise ValidationError(
            {"organisation": _("The visitor already has an open introduction to this cluster.")}
        )
    before = {"organisation": current.organisation_id, "manager": current.routed_to_id}
    current.organisation = cluster
    current.routed_to_id = cluster.manager_id
    current.version += 1
    current.save()
    audit.record(
        by=by,
        action="introduction.reassigned",
        obj=current,
        data={
            "from": before,
            "to": {"organisation": cluster.pk, "manager": cluster.manager_id},
        },
    )
    tell(current, "asked", current.routed_to_id)
    return current


def suggested_slot(introduction: IntroductionRequest, now) -> Slot | None:
    """The first matchmaking slot starting after `now` that both sides have free at an event
    they both attend: the booth's event first, then the latest other one."""
    if introduction.routed_to_id is None:
        return None
    shared = (
        Participant.objects.filter(person=introduction.requester_id)
        .filter(event__participants__person=introduction.routed_to_id)
        .select_related("event")
        .order_by("-event__start_date", "pk")
    )
    visitors = sorted(shared, key=lambda p: p.event_id != introduction.event_id)
    for visitor in visitors:
        manager = (
            Participant.objects.select_related("event")
            .filter(event=visitor.event, person=introduction.routed_to_id)
            .first()
        )
        slots = free_slots(manager, visitor) if manager else []
        coming = [slot for slot in slots if slot.starts_at > now]
        if coming:
            return coming[0]
    return None


# E-mails: written when sent, in the recipient's language.

SUBJECTS = {
    "asked": lambda d: _("%(requester)s asks to be introduced to %(cluster)s") % d,
    "accepted": lambda d: _("%(manager)s accepted your introduction to %(cluster)s") % d,
    "accepted-manager": lambda d: _("You accepted the introduction of %(requester)s") % d,
    "declined": lambda d: _("%(manager)s declined your introduction to %(cluster)s") % d,
    "nudged": lambda d: _("Reminder: %(requester)s is waiting for your answer") % d,
    "unrouted": lambda d: _("%(requester)s asks for an introduction: route it to a manager") % d,
}


def words_of(introduction: IntroductionRequest) -> dict:
    manager = introduction.routed_to
    return {
        "requester": introduction.requester.full_name,
        "cluster": introduction.organisation.name if introduction.organisation else "",
        "manager": manager.full_name if manager else "",
    }


def contact_line(person: Person) -> str:
    parts = [person.full_name, person.email]
    if person.phone:
        parts.append(person.phone)
    return " · ".join(parts)


def email_text(introduction: IntroductionRequest, kind: str) -> tuple[str, str]:
    """The subject and body of one introduction e-mail, in the active language."""
    words = words_of(introduction)
    subject = " ".join(SUBJECTS[kind](words).split())
    lines = [_("What they look for:"), introduction.wish, ""]
    if kind == "accepted":
        lines += [_("Contact of the manager:"), contact_line(introduction.routed_to), ""]
    if kind == "accepted-manager":
        lines += [_("Contact of the visitor:"), contact_line(introduction.requester), ""]
    if kind in ("accepted", "accepted-manager") and introduction.suggested_slot_id:
        slot = introduction.suggested_slot
        event = slot.session.event
        lines += [
            _("A meeting slot you both have free at %(event)s: %(when)s")
            % {"event": event.name, "when": meeting_time(slot.starts_at, event.time_zone)},
            "",
        ]
    if kind == "declined":
        lines += [_("Their reason:"), introduction.reason, ""]
    link = settings.SITE_URL + reverse("directory:introduction", args=[introduction.pk])
    lines.append(_("Open Modus: %(link)s") % {"link": link})
    return subject, "\n".join(lines)


def tell(introduction: IntroductionRequest, kind: str, person_id: int | None) -> None:
    if person_id:
        tasks.enqueue(send_introduction_email, introduction.pk, kind, person_id)


@tasks.task
def send_introduction_email(introduction_id: int, kind: str, person_id: int) -> None:
    introduction = mailed_introduction(introduction_id)
    recipient = Person.objects.select_related("user").get(pk=person_id)
    mail_introduction(introduction, kind, recipient.email, recipient.preferred_language)


@tasks.task
def send_introduction_email_to_staff(introduction_id: int) -> None:
    """Each active staff member is told of a request no cluster manager was named for."""
    introduction = mailed_introduction(introduction_id)
    staff = User.objects.filter(is_staff=True, is_active=True).exclude(email="")
    for user in staff.select_related("person"):
        person = getattr(user, "person", None)
        language = person.preferred_language if person else settings.LANGUAGE_CODE
        mail_introduction(introduction, "unrouted", user.email, language)


def mailed_introduction(introduction_id: int) -> IntroductionRequest:
    return IntroductionRequest.objects.select_related(
        "requester__user",
        "routed_to__user",
        "organisation",
        "suggested_slot__session__event",
    ).get(pk=introduction_id)


def mail_introduction(introduction: IntroductionRequest, kind: str, to: str, language: str):
    with translation.override(language):
        subject, body = email_text(introduction, kind)
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])
