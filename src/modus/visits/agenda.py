"""Site visits in the agenda: each person's booked tours (busy) and waitlist places (shown,
not busy), for many people in one query."""

from collections.abc import Iterable

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from modus.agenda.providers import Entry
from modus.visits.models import SiteVisit, TourBooking


def tour_entry(booking: TourBooking) -> Entry:
    visit = booking.bookable
    return Entry(
        kind="tour",
        key=visit.agenda_key,
        starts_at=visit.starts_at,
        ends_at=visit.ends_at,
        title=visit.title,
        place=visit.meeting_point,
        url=visit.get_absolute_url(),
        detail=visit.host.name if booking.is_booked else _("On the waitlist"),
        busy=booking.is_booked,
    )


class TourProvider:
    kind = "tour"
    # The model's own name, translated, as the tours' pages call them ("Site visits").
    label = capfirst(SiteVisit._meta.verbose_name)

    def entries(self, participant_ids: Iterable[int]) -> dict[int, list[Entry]]:
        found: dict[int, list[Entry]] = {}
        bookings = TourBooking.objects.filter(participant_id__in=list(participant_ids))
        for booking in bookings.select_related("bookable__event", "bookable__host"):
            found.setdefault(booking.participant_id, []).append(tour_entry(booking))
        return found
