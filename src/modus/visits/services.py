"""Every change to site visits: organisers set tours up, participants book them through the
one booking core (events/booking.py), hosts check people onto the bus and write to them."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from modus.common import audit
from modus.common.permissions import tour_hosts_for
from modus.events import booking
from modus.events.models import Event, Participant
from modus.matchmaking.services.notifications import notify
from modus.visits.models import SiteVisit, TourBooking

MESSAGE_LENGTH = 2000


def create_visit(*, event: Event, by: Any, **fields: Any) -> SiteVisit:
    refuse_host(by, event, fields.get("host"))
    visit = SiteVisit(event=event, **fields)
    visit.full_clean()
    with transaction.atomic():
        visit.save()
        audit.record(by=by, action="tour.created", obj=visit)
    return visit


def update_visit(*, visit: SiteVisit, by: Any, **changes: Any) -> SiteVisit:
    """Change a tour; its capacity never drops below the places booked, a larger one serves
    the waitlist, and everyone with a place is told."""
    host = changes.get("host")
    if host is not None and host.pk != visit.host_id:
        refuse_host(by, visit.event, host)
    return booking.update(bookable=visit, changes=changes, by=by)


def refuse_host(by: Any, event: Event, host) -> None:
    """The form offers only the hosts `by` may name; this holds for every other caller too.
    `by` None is the system (imports, the demo)."""
    if by is None or host is None:
        return
    if not tour_hosts_for(by, event).filter(pk=host.pk).exists():
        raise ValidationError(
            {"host": _("You may not name %(name)s as the tour's host.") % {"name": host.name}}
        )


def delete_visit(*, visit: SiteVisit, by: Any) -> int:
    """Delete a tour and tell everyone booked or waiting; how many were told."""
    return booking.delete(bookable=visit, by=by)


def refuse_role(participant: Participant):
    def allowed(visit: SiteVisit) -> None:
        if not visit.may_book(participant):
            raise ValidationError(_("This tour is open to other participants only."), code="role")

    return allowed


def book(
    *, visit: SiteVisit, participant: Participant, by: Any, now: datetime | None = None
) -> TourBooking:
    """A place on the tour, or on its waitlist when it is full."""
    return booking.book(
        bookable=visit, participant=participant, by=by, allowed=refuse_role(participant), now=now
    )


def cancel(*, visit: SiteVisit, participant: Participant, by: Any) -> list[TourBooking]:
    """Give back a place or leave the waitlist; returns whom the freed place went to."""
    return booking.cancel(bookable=visit, participant=participant, by=by)


def mark_showed_up(*, place: TourBooking, showed_up: bool, by: Any) -> TourBooking:
    """The bus check: tick (or untick) a booked person who is there."""
    with transaction.atomic():
        place = TourBooking.objects.select_for_update().get(pk=place.pk)
        if not place.is_booked:
            raise ValidationError(_("Only people with a place can be checked onto the bus."))
        place.showed_up_at = timezone.now() if showed_up else None
        place.save(update_fields=["showed_up_at"])
        audit.record(
            by=by,
            action="tour.showed-up" if showed_up else "tour.not-showed-up",
            obj=place.bookable,
            data={"participant": place.participant_id},
        )
    return place


def message_booked(*, visit: SiteVisit, message: str, sender: str, by: Any) -> int:
    """Write to everyone with a place on the tour, in the app and by e-mail; how many."""
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Write a message.")})
    if len(message) > MESSAGE_LENGTH:
        raise ValidationError(
            {
                "message": _("Keep the message under %(count)s characters.")
                % {"count": MESSAGE_LENGTH}
            }
        )
    with transaction.atomic():
        places = visit.places.filter(status=TourBooking.Status.BOOKED).select_related("participant")
        data = booking.notice_data(visit, message=message, name=sender)
        count = 0
        for place in places:
            notify(place.participant, "tour-message", data, visit.get_absolute_url())
            count += 1
        audit.record(by=by, action="tour.messaged", obj=visit, data={"people": count})
    return count
