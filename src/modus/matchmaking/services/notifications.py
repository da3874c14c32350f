"""Telling participants what happened: an in-app notification and an e-mail for each change.

An e-mail is written in its recipient's language (`Person.preferred_language`), with times
as the pages write them, in the event's time zone.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from modus import tasks
from modus.common.permissions import people_visible_to
from modus.directory.models import Opportunity
from modus.events.models import Participant
from modus.matchmaking.models import Notification, Slot
from modus.matchmaking.notices import describe

# Kinds whose data may carry the requester's message, quoted in the e-mail.
WITH_MESSAGE = ("request-received", "request-mutual", "request-booked")

# Kinds that leave the recipient something to answer.
ANSWERABLE = ("request-received", "request-mutual")

# News of one person (their requests, their offers answering yours): one e-mail per quiet
# period, however often they ask again or however many of your requests they answer.
COALESCED = ("request-received", "request-mutual", "opportunity-answered")


def notify(
    recipient: Participant,
    kind: str,
    data: dict,
    url: str = "",
    *,
    about: Participant | None = None,
) -> Notification:
    """An in-app notification, and an e-mail unless `about` already caused one of the
    coalesced kinds within `REQUEST_EMAIL_QUIET_MINUTES` (callers hold both people's locks)."""
    emailed = not (kind in COALESCED and about is not None and recently_emailed(recipient, about))
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, data=data, url=url, about=about, emailed=emailed
    )
    if emailed:
        tasks.enqueue(send_notification_email, notification.pk)
    return notification


def notify_each(recipients: list[Participant], kind: str, data: dict, url: str = "") -> None:
    """The same notification to each of `recipients`, with its e-mail: one INSERT for all."""
    notifications = Notification.objects.bulk_create(
        Notification(recipient=recipient, kind=kind, data=data, url=url, emailed=True)
        for recipient in recipients
    )
    for notification in notifications:
        tasks.enqueue(send_notification_email, notification.pk)


def standing_answers(user, notifications) -> set[int]:
    """Of these notifications, the "opportunity-answered" ones whose news still holds for
    `user`: its author still registered, a person `user` may see, and still offering it under
    that title. An author may hide their profile or withdraw, or the offer be removed or
    changed, between the notice and its reading (or its e-mail, sent later); the notice must
    then name nobody. Two queries however many the notifications."""
    told = [n for n in notifications if n.kind == "opportunity-answered" and n.about_id]
    authors = dict(
        Participant.objects.filter(pk__in={n.about_id for n in told})
        .filter(people_visible_to(user, "person__"))
        .values_list("pk", "person_id")
    )
    offered = set(
        Opportunity.objects.filter(
            person_id__in=authors.values(),
            direction=Opportunity.Direction.OFFER,
            title__in={n.data.get("offer", "") for n in told},
        ).values_list("person_id", "title")
    )
    return {
        n.pk
        for n in told
        if n.about_id in authors and (authors[n.about_id], n.data.get("offer")) in offered
    }


def gone(notification: Notification, standing: set[int]) -> bool:
    """Whether this is news of an answer that no longer holds (see `standing_answers`)."""
    return notification.kind == "opportunity-answered" and notification.pk not in standing


def recently_emailed(recipient: Participant, about: Participant) -> bool:
    since = timezone.now() - timedelta(minutes=settings.REQUEST_EMAIL_QUIET_MINUTES)
    return Notification.objects.filter(
        recipient=recipient, about=about, kind__in=COALESCED, emailed=True, created_at__gte=since
    ).exists()


def slot_time(slot: Slot, time_zone: str) -> dict:
    """A slot's start for a notification's data: written out only when read, in the reader's
    language and the event's `time_zone`."""
    return {"starts_at": slot.starts_at.isoformat(), "time_zone": time_zone}


def tell_meeting_people(meeting, seats, slot, kind: str, **extra) -> None:
    """Notify each person of a meeting, naming the others and the slot's time; `extra` goes
    into every notification's data."""
    when = slot_time(slot, meeting.event.time_zone)
    url = reverse("agenda:page", args=[meeting.event.slug])
    for seat in seats:
        others = ", ".join(str(s.participant.person) for s in seats if s.pk != seat.pk)
        notify(seat.participant, kind, {"name": others, **when, **extra}, url)


@tasks.task
def send_notification_email(notification_id: int) -> None:
    notification = (
        Notification.objects.select_related("recipient__person__user", "recipient__event")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None:
        # Its recipient's registration was withdrawn, and their notifications with it.
        return
    participant = notification.recipient
    if gone(notification, standing_answers(participant.person.user, [notification])):
        # Not sent after all, so it quiets no later e-mail about the same person.
        Notification.objects.filter(pk=notification.pk).update(emailed=False)
        return
    with translation.override(participant.person.preferred_language):
        subject, body = email_text(notification)
    send_mail(
        subject=subject,
        message=body,
        from_email=None,
        recipient_list=[participant.person.user.email],
    )


def email_text(notification: Notification) -> tuple[str, str]:
    """The subject and body of a notification's e-mail, in the active language."""
    text = describe(notification.kind, notification.data)
    link = settings.SITE_URL + notification.url if notification.url else settings.SITE_URL
    # A name typed with a line break must not break the header (send_mail refuses it).
    subject = " ".join(f"{notification.recipient.event.name}: {text}".split())
    message = notification.data.get("message", "") if notification.kind in WITH_MESSAGE else ""
    if message:
        quoting = (
            _("%(text)s\n\nTheir message:\n%(message)s\n\nAnswer in Modus: %(link)s")
            if notification.kind in ANSWERABLE
            else _("%(text)s\n\nTheir message:\n%(message)s\n\nOpen Modus: %(link)s")
        )
        body = quoting % {"text": text, "message": message, "link": link}
    else:
        body = _("%(text)s\n\nOpen Modus: %(link)s") % {"text": text, "link": link}
    return subject, body


def mark_read(*, by: Participant, notifications=None) -> int:
    """Mark `by`'s notifications read (all of them by default); others' are left alone."""
    if notifications is None:
        notifications = Notification.objects.all()
    return notifications.filter(recipient=by, read_at__isnull=True).update(read_at=timezone.now())
