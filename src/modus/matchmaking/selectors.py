"""Reads for matchmaking pages: free slots, the inbox, the marketplace, organiser figures."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from modus.common.collation import in_reading_order
from modus.common.permissions import people_visible_to
from modus.directory.models import Opportunity
from modus.directory.search import any_key, key_lookup, keys_held, search_terms
from modus.events.models import Event, Participant
from modus.matchmaking.models import (
    MatchmakingSession,
    Meeting,
    MeetingRequest,
    MeetingSeat,
    RequestBlock,
    Slot,
    Table,
    Unavailability,
)
from modus.matchmaking.services.busy import clashes_of, taken_elsewhere
from modus.matchmaking.services.setup import meeting_visible, settings_for
from modus.matchmaking.services.tables import meeting_stand, stands_by_host


def free_slots(
    first: Participant, second: Participant, sessions: list[MatchmakingSession] | None = None
) -> list[Slot]:
    """Slots in which both are free, both are under the session limit and a table is free
    (for a stand holder: their stand)."""
    return free_slots_with(first, [(second, sessions or [])])[0]


def free_slots_with(
    first: Participant, others: list[tuple[Participant, list[MatchmakingSession]]]
) -> list[list[Slot]]:
    """`free_slots` of `first` with each of `others` (a participant and the sessions their
    request names, none for any), in the same number of queries however many others."""
    return free_slots_of_pairs(
        first.event, [(first, other, sessions) for other, sessions in others]
    )


def free_slots_of_pairs(
    event: Event, pairs: list[tuple[Participant, Participant, list[MatchmakingSession]]]
) -> list[list[Slot]]:
    """`free_slots` of each pair (two participants and the sessions their request names,
    none for any), in the same number of queries however many pairs.

    Busy time is compared by time, not by slot: a meeting or an absence in one session
    rules out the slots of parallel sessions that overlap it, and a table taken then too;
    so does a session or tour in either person's agenda."""
    if not pairs:
        return []
    limit = settings_for(event).max_meetings_per_session
    people = list({pk for first, other, _sessions in pairs for pk in (first.pk, other.pk)})
    slots = list(
        Slot.objects.filter(session__event=event)
        .select_related("session")
        .order_by("starts_at", "pk")
    )
    at_that_time = clashes_of(slots)
    blocked: dict[int, set[int]] = {pk: set() for pk in people}
    seats = MeetingSeat.objects.filter(active=True, slot__isnull=False, participant__in=people)
    for participant_id, slot_id in seats.values_list("participant_id", "slot_id"):
        blocked[participant_id] |= at_that_time[slot_id]
    away = Unavailability.objects.filter(participant__in=people)
    for participant_id, slot_id in away.values_list("participant_id", "slot_id"):
        blocked[participant_id] |= at_that_time[slot_id]
    for participant_id, taken in taken_elsewhere(people, slots).items():
        blocked[participant_id] |= taken
    full: dict[int, set[int]] = {pk: set() for pk in people}
    counts = seats.values("participant_id", "slot__session").annotate(total=Count("pk"))
    for row in counts:
        if row["total"] >= limit:
            full[row["participant_id"]].add(row["slot__session"])
    table_count = event.tables.count()
    taken_in: dict[int, set[int]] = {slot.pk: set() for slot in slots}
    placed = Meeting.objects.filter(
        event=event, status=Meeting.Status.CONFIRMED, slot__isnull=False, table__isnull=False
    )
    for slot_id, table_id in placed.values_list("slot_id", "table_id"):
        taken_in[slot_id].add(table_id)
    # Tables taken at each slot's time, in it or in an overlapping slot of another session.
    taken = {
        slot.pk: set().union(*(taken_in[other] for other in at_that_time[slot.pk]))
        for slot in slots
    }
    stands = stands_by_host(Table.objects.filter(host__in=people))
    result = []
    for first, other, sessions in pairs:
        stand = meeting_stand([first.pk, other.pk], stands)
        wanted = {session.pk for session in sessions}
        unusable = blocked[first.pk] | blocked[other.pk]
        full_sessions = full[first.pk] | full[other.pk]
        result.append(
            [
                slot
                for slot in slots
                if slot.pk not in unusable
                and slot.session_id not in full_sessions
                and (not wanted or slot.session_id in wanted)
                and (
                    len(taken[slot.pk]) < table_count
                    if stand is None
                    else stand.pk not in taken[slot.pk]
                )
            ]
        )
    return result


@dataclass
class Inbox:
    incoming: QuerySet[MeetingRequest]  # may be long: the page paginates it
    outgoing: list[MeetingRequest]
    meetings: list[Meeting]
    answered: list[MeetingRequest]
    closed: list[RequestBlock]


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
    meetings = list(meetings)
    settings = settings_for(participant.event)
    for meeting in meetings:
        # The time and table of a meeting the scheduler placed wait for the published schedule.
        meeting.visible = meeting_visible(meeting, settings)
    return Inbox(
        incoming=open_requests.filter(recipient=participant).order_by(
            "-mutual", "created_at", "pk"
        ),
        outgoing=list(open_requests.filter(requester=participant).order_by("created_at")),
        meetings=meetings,
        answered=list(
            answered.exclude(status=MeetingRequest.Status.ACCEPTED).order_by("-answered_at")[:20]
        ),
        closed=list(
            RequestBlock.objects.filter(by=participant)
            .select_related("blocked__person")
            .order_by("-created_at")[:50]
        ),
    )


def visible_participants(viewer, event: Event) -> QuerySet[Participant]:
    """The event's participants whose profile `viewer` may see (`directory.view_person`)."""
    return event.participants.filter(people_visible_to(viewer, "person__"))


def mark_unlisted(viewer, event: Event, participants: list[Participant]) -> None:
    """Set `unlisted` on each of `participants` whose profile `viewer` may not open.

    The inbox names everyone in a request or meeting with its owner, hidden or not: they
    asked, were asked, or meet, so they already deal with each other. Only the link to the
    profile page follows the visibility rule (one query for the whole list).
    """
    keys = {participant.pk for participant in participants}
    visible = set(
        visible_participants(viewer, event).filter(pk__in=keys).values_list("pk", flat=True)
    )
    for participant in participants:
        participant.unlisted = participant.pk not in visible


def marketplace(
    event: Event,
    *,
    viewer,
    query: str = "",
    direction: str = "",
    kind: str = "",
    ecosystem: str = "",
    partly: bool = False,
) -> QuerySet[Opportunity]:
    """Offers and requests of the people registered at the event whose profile `viewer` may
    see: a hidden profile's offers are hidden with it. Each carries `participant_id`, its
    owner's registration at the event, for the link to their page."""
    owner = Participant.objects.filter(event=event, person=OuterRef("person")).values("pk")[:1]
    opportunities = (
        Opportunity.objects.filter(person__participations__event=event)
        .filter(people_visible_to(viewer, "person__"))
        .annotate(participant_id=Subquery(owner))
        .select_related("person__organisation", "value_chain_stage")
        .prefetch_related("ecosystems")
    )
    # Directory search's word keys: "senzor" finds "sensor", "optika" finds "optics"; the
    # more of them in the title, the higher. With `partly`, those holding some of the
    # words, the most first: what a query that nothing holds whole shows instead.
    keys = search_terms(query)
    if partly and keys:
        opportunities = opportunities.filter(any_key("search_keys", keys))
        opportunities = opportunities.annotate(held=keys_held("search_keys", keys))
    else:
        for key in keys:
            opportunities = opportunities.filter(key_lookup("search_keys", key))
    if direction:
        opportunities = opportunities.filter(direction=direction)
    if kind:
        opportunities = opportunities.filter(kind=kind)
    if ecosystem:
        opportunities = opportunities.filter(ecosystems__code=ecosystem)
    if not keys:
        return opportunities.order_by("-created_at", "-pk")
    in_title = keys_held("title_keys", keys)
    order = ("-held", "-in_title") if partly else ("-in_title",)
    return opportunities.annotate(in_title=in_title).order_by(*order, "-created_at", "-pk")


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
        .order_by(*in_reading_order("person__last_name", "person__first_name"), "pk")
    )
    return OrganiserFigures(
        requests=requests,
        meetings=meetings.count(),
        unscheduled=meetings.filter(slot__isnull=True).count(),
        without_requests=without,
    )


def exhibitors_without_stand(event: Event) -> QuerySet[Participant]:
    """Those who may be given a stand: the event's exhibitors who have none yet, in reading
    order of their organisation and name."""
    return (
        event.participants.filter(role=Participant.Role.EXHIBITOR, stand__isnull=True)
        .select_related("person__user", "person__organisation")
        .order_by(
            *in_reading_order(
                "person__organisation__name", "person__last_name", "person__first_name"
            ),
            "pk",
        )
    )
