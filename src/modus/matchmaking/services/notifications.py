"""Telling participants what happened: an in-app notification and an e-mail for each change."""

import zoneinfo

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from modus import tasks
from modus.events.models import Participant
from modus.matchmaking.models import Notification
from modus.matchmaking.notices import describe


def notify(recipient: Participant, kind: str, data: dict, url: str = "") -> Notification:
    notification = Notification.objects.create(recipient=recipient, kind=kind, data=data, url=url)
    tasks.enqueue(send_notification_email, notification.pk)
    return notification


def tell_meeting_people(meeting, seats, slot, kind: str, **extra) -> None:
    """Notify each person of a meeting, naming the others and the slot's time in the event's
    time zone; `extra` goes into every notification's data."""
    zone = zoneinfo.ZoneInfo(meeting.event.time_zone)
    when = date_format(timezone.localtime(slot.starts_at, zone), "DATETIME_FORMAT")
    url = reverse("matchmaking:agenda", args=[meeting.event.slug])
    for seat in seats:
        others = ", ".join(str(s.participant.person) for s in seats if s.pk != seat.pk)
        notify(seat.participant, kind, {"name": others, "when": when, **extra}, url)


@tasks.task
def send_notification_email(notification_id: int) -> None:
    notification = Notification.objects.select_related(
        "recipient__person__user", "recipient__event"
    ).get(pk=notification_id)
    participant = notification.recipient
    link = settings.SITE_URL + notification.url if notification.url else settings.SITE_URL
    send_mail(
        subject=f"{participant.event.name}: {describe(notification.kind, notification.data)}",
        message=_("%(text)s\n\nOpen Modus: %(link)s")
        % {"text": describe(notification.kind, notification.data), "link": link},
        from_email=None,
        recipient_list=[participant.person.user.email],
    )


def mark_read(*, by: Participant, notifications) -> int:
    return notifications.filter(recipient=by, read_at__isnull=True).update(read_at=timezone.now())
