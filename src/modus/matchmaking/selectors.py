"""Reads for matchmaking pages: free slots, the inbox, the marketplace, organiser figures."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from modus.directory.models import Opportunity
from modus.events.models import Event, Participant
from modus.matchmaking.models import (
    MatchmakingSession,
    Meeting,
    MeetingRequest,
    MeetingSeat,
    Slot,
    Unavailability,
)
from modus.matchmaking.services.setup import settings_for
from modus.matchmaking.services.tables import stand_for


def participant_of(user, event: Event) -> Participant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Participant.objects.select_related("person__user", "event")
        .filter(event=event, person__user=user)
        .first()
    )


def free_slots(
    first: Participant, second: Participant, sessions: list[MatchmakingSession] | None = None
) -> list[Slot]:
    """Slots in which both are free, both are under the session limit and a table is free
    (for a stand holder: their stand)."""
    event = first.event
    limit = settings_for(event).max_meetings_per_session
    stand = stand_for([first.pk, second.pk])
    busy = MeetingSeat.objects.filter(
        active=True, slot=OuterRef("pk"), participant__in=[first, second]
    )
    away = Unavailability.objects.filter(slot=OuterRef("pk"), participant__in=[first, second])
    slots = (
        Slot.objects.filter(session__event=event)
        .select_related("session")
        .annotate(
            booked=Count(
                "meetings",
                filter=Q(meetings__status=Meeting.Status.CONFIRMED, meetings__table__isnull=False),
            )
        )
        .filter(~Exists(busy), ~Exists(away))
        .order_by("starts_at")
    )
    if stand is None:
        slots = slots.filter(booked__lt=event.tables.count())
    else:
        at_stand = Meeting.objects.filter(
            slot=OuterRef("pk"), table=stand, status=Meeting.Status.CONFIRMED
        )
        slots = slots.filter(~Exists(at_stand))
    if sessions:
        slots = slots.filter(session__in=sessions)
    full_sessions = sessions_at_limit(first, limit) | sessions_at_limit(second, limit)
    return [slot for slot in slots if slot.session_id not in full_sessions]


def sessions_at_limit(participant: Participant, limit: int) -> set[int]:
    counts = (
        MeetingSeat.objects.filter(participant=participant, active=True, slot__isnull=False)
        .values("slot__session")
        .annotate(total=Count("pk"))
    )
    return {row["slot__session"] for row in counts if row["total"] >= limit}


@dataclass
class Inbox:
    incoming: list[MeetingRequest]
    outgoing: list[MeetingRequest]
    meetings: list[Meeting]
    answered: list[MeetingRequest]


def inbox(participant: Participant) -> Inbox:
    now = timezone.now()
    requests = MeetingRequest.objects.select_related(
        "requester__person__organisation", "recipient__person__organisation"
    ).prefetch_related("sessions")
    open_requests = requests.filter(status=MeetingRequest.Status.PENDING, expires_at__gt=now)
    meetings = (
        Meeting.objects.filter(seats__participant=participant, status=Meeting.Status.CONFIRMED)
        .select_related("slot__session", "table__host__person__organisation")
        .prefetch_related(
            "seats__participant__person__user", "seats__participant__person__organisation"
        )
        .order_by("slot__starts_at", "pk")
    )
    answered = requests.filter(Q(requester=participant) | Q(recipient=participant)).exclude(
        status=MeetingRequest.Status.PENDING
    )
    return Inbox(
        incoming=list(
            open_requests.filter(recipient=participant).order_by("-mutual", "created_at")
        ),
        outgoing=list(open_requests.filter(requester=participant).order_by("created_at")),
        meetings=list(meetings),
        answered=list(
            answered.exclude(status=MeetingRequest.Status.ACCEPTED).order_by("-answered_at")[:20]
        ),
    )


def marketplace(
    event: Event, *, query: str = "", direction: str = "", kind: str = "", ecosystem: str = ""
) -> QuerySet[Opportunity]:
    """Offers and requests of the people registered at the event."""
    opportunities = (
        Opportunity.objects.filter(person__participations__event=event)
        .select_related("person__organisation", "value_chain_stage")
        .prefetch_related("ecosystems")
    )
    for term in query.split()[:6]:
        opportunities = opportunities.filter(
            Q(title__icontains=term) | Q(description__icontains=term)
        )
    if direction:
        opportunities = opportunities.filter(direction=direction)
    if kind:
        opportunities = opportunities.filter(kind=kind)
    if ecosystem:
        opportunities = opportunities.filter(ecosystems__code=ecosystem)
    return opportunities.order_by("-created_at", "-pk")


@dataclass
class OrganiserFigures:
    requests: dict[str, int]
    meetings: int
    unscheduled: int
    without_requests: QuerySet[Participant]


def organiser_figures(event: Event) -> OrganiserFigures:
    by_status = dict(
        MeetingRequest.objects.filter(event=event).values_list("status").annotate(total=Count("pk"))
    )
    requests = {status: by_status.get(status, 0) for status in MeetingRequest.Status.values}
    meetings = Meeting.objects.filter(event=event, status=Meeting.Status.CONFIRMED)
    involved = MeetingRequest.objects.filter(
        Q(requester=OuterRef("pk")) | Q(recipient=OuterRef("pk"))
    )
    without = (
        event.participants.exclude(role=Participant.Role.ORGANISER)
        .filter(~Exists(involved))
        .select_related("person__organisation", "person__user")
        .order_by("person__last_name", "person__first_name")
    )
    return OrganiserFigures(
        requests=requests,
        meetings=meetings.count(),
        unscheduled=meetings.filter(slot__isnull=True).count(),
        without_requests=without,
    )
