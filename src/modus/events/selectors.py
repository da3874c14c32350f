"""Reads for event pages: the organiser's participant list, its counts, and exports."""

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import TruncHour
from django_countries.fields import Country

from modus.common.collation import in_reading_order
from modus.common.permissions import people_visible_to
from modus.events import search
from modus.events.models import (
    CheckIn,
    Event,
    Participant,
    Place,
    ProgrammeSession,
    SessionPlace,
)


@dataclass(frozen=True)
class ParticipantFilters:
    query: str = ""
    country: str = ""
    role: str = ""


def linkable_participants(viewer, event: Event, shown) -> set[int]:
    """Which of the `shown` participants get a link to their page (`matchmaking:participant`):
    the page is for participants of the event, and shows those `viewer` may see."""
    if not getattr(viewer, "is_authenticated", False):
        return set()
    if not event.participants.filter(person__user=viewer).exists():
        return set()
    keys = [participant.pk for participant in shown]
    return set(
        event.participants.filter(pk__in=keys)
        .filter(people_visible_to(viewer, "person__"))
        .values_list("pk", flat=True)
    )


def participants(event: Event, filters: ParticipantFilters) -> QuerySet[Participant]:
    rows = search.matching(
        event.participants.select_related("person__user", "person__organisation"), filters.query
    )
    if filters.country:
        rows = rows.filter(person__country=filters.country)
    if filters.role:
        rows = rows.filter(role=filters.role)
    return rows.order_by(*in_reading_order("person__last_name", "person__first_name"), "pk")


def counts_by_country(rows: QuerySet[Participant]) -> list[tuple[str, int]]:
    """(country name, count), largest first."""
    totals = (
        rows.order_by()
        .values_list("person__country")
        .annotate(total=Count("pk"))
        .order_by("-total", "person__country")
    )
    return [(Country(code).name if code else "—", total) for code, total in totals]


def counts_by_role(rows: QuerySet[Participant]) -> list[tuple[str, int]]:
    """(role label, count), largest first."""
    totals = (
        rows.order_by().values_list("role").annotate(total=Count("pk")).order_by("-total", "role")
    )
    return [(Participant.Role(role).label, total) for role, total in totals]


def public_events() -> QuerySet[Event]:
    return Event.objects.filter(is_public=True).annotate(participant_count=Count("participants"))


def participant_of(user, event: Event) -> Participant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        # Their organisation too: pages name it beside others' (a similar profile's reason).
        Participant.objects.select_related("person__user", "person__organisation", "event")
        .filter(event=event, person__user=user)
        .first()
    )


def event_days(event: Event) -> list[date]:
    days = (event.end_date - event.start_date).days + 1
    return [event.start_date + timedelta(days=n) for n in range(days)]


def programme_of(
    event: Event, me: Participant | None = None, filters: dict | None = None
) -> QuerySet[ProgrammeSession]:
    """The event's sessions, with `booked_count`, `waiting_count` and the viewer's `my_status`,
    filtered by day (in the event's time zone), track and type."""
    filters = filters or {}
    sessions = event.programme.select_related("event").annotate(
        booked_count=Count("places", filter=Q(places__status=Place.Status.BOOKED)),
        waiting_count=Count("places", filter=Q(places__status=Place.Status.WAITING)),
    )
    if filters.get("day"):
        zone = zoneinfo.ZoneInfo(event.time_zone)
        start = datetime.combine(date.fromisoformat(filters["day"]), time(0), zone)
        sessions = sessions.filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
    if filters.get("track"):
        sessions = sessions.filter(track=filters["track"])
    if filters.get("kind"):
        sessions = sessions.filter(kind=filters["kind"])
    if me is not None:
        mine = SessionPlace.objects.filter(bookable=OuterRef("pk"), participant=me)
        sessions = sessions.annotate(my_status=Subquery(mine.values("status")[:1]))
    return sessions.order_by("starts_at", "track", "title", "pk")


def with_visible_speakers(
    sessions: QuerySet[ProgrammeSession], viewer
) -> QuerySet[ProgrammeSession]:
    """Sessions with `visible_speakers`: the speakers `viewer` may see (`people_visible_to`),
    for a whole list in one more query. A template reading it where the view forgot this shows
    no speaker rather than every one."""
    speakers = Participant.objects.filter(people_visible_to(viewer, "person__")).select_related(
        "person"
    )
    return sessions.prefetch_related(
        Prefetch("speakers", queryset=speakers, to_attr="visible_speakers")
    )


def tracks_of(event: Event) -> list[str]:
    return list(
        event.programme.exclude(track="")
        .order_by("track")
        .values_list("track", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class Arrivals:
    """Check-ins so far: the total, by hour (event time) and by role against registrations."""

    total: int
    registered: int
    by_hour: list  # (local start of the hour, count), in order
    by_role: list  # (role label, checked in, registered), largest registration first


def arrivals(event: Event) -> Arrivals:
    """Three aggregate queries, whatever the number of people."""
    zone = zoneinfo.ZoneInfo(event.time_zone)
    check_ins = CheckIn.objects.filter(participant__event=event)
    hours = (
        check_ins.annotate(hour=TruncHour("checked_in_at", tzinfo=zone))
        .values_list("hour")
        .annotate(total=Count("pk"))
        .order_by("hour")
    )
    registered = dict(event.participants.order_by().values_list("role").annotate(total=Count("pk")))
    arrived = dict(
        check_ins.order_by().values_list("participant__role").annotate(total=Count("pk"))
    )
    by_role = [
        (Participant.Role(role).label, arrived.get(role, 0), total)
        for role, total in sorted(registered.items(), key=lambda item: (-item[1], item[0]))
    ]
    return Arrivals(
        total=sum(arrived.values()),
        registered=sum(registered.values()),
        by_hour=[(hour.astimezone(zone), total) for hour, total in hours],
        by_role=by_role,
    )


def desk_search(event: Event, query: str) -> QuerySet[Participant]:
    """Participants by name or organisation for the check-in desk, with their check-in."""
    rows = participants(event, ParticipantFilters(query=query))
    return rows.select_related("check_in")


def is_checked_in(participant: Participant) -> bool:
    """Whether the participant has arrived: what on-site voting and a meeting's attendance
    ask of check-in."""
    return CheckIn.objects.filter(participant=participant).exists()
