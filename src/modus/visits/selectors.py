"""Reading site visits: the tour list with its places taken, one's own place, the host's list."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from modus.common.permissions import visible_contacts
from modus.events.models import Event, Participant
from modus.visits.models import SiteVisit, TourBooking

BOOKED, WAITING = TourBooking.Status.BOOKED, TourBooking.Status.WAITING


def visits_of(event: Event, me: Participant | None = None) -> QuerySet[SiteVisit]:
    """The event's tours with `booked_count`, `waiting_count` and `my_status` (the viewer's)."""
    visits = (
        event.site_visits.select_related("host", "event")
        .annotate(
            booked_count=Count("places", filter=Q(places__status=BOOKED)),
            waiting_count=Count("places", filter=Q(places__status=WAITING)),
        )
        .order_by("starts_at", "title", "pk")
    )
    mine = TourBooking.objects.filter(bookable=OuterRef("pk"), participant=me).values("status")
    return visits.annotate(my_status=Subquery(mine[:1])) if me else visits


def waitlist_position(visit: SiteVisit, me: Participant) -> int | None:
    """1 for the first in line; None when not waiting."""
    place = visit.places.filter(participant=me, status=WAITING).first()
    if place is None:
        return None
    return visit.places.filter(status=WAITING, pk__lte=place.pk).count()


def people_of(visit: SiteVisit, viewer) -> QuerySet[TourBooking]:
    """Everyone with a place or in line, booked first; `contact_visible` says whether the
    viewer may see their phone."""
    contacts = visible_contacts(viewer).filter(pk=OuterRef("participant__person"))
    return (
        visit.places.select_related("participant__person__organisation")
        .annotate(contact_visible=Exists(contacts))
        .order_by("status", "pk")
    )
