"""Reads for the organiser's schedule pages: the review and table sheets, and where a
meeting sits (a participant's agenda lives in modus.agenda)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from modus.events.models import Event, Participant
from modus.matchmaking.models import (
    MatchmakingSession,
    Meeting,
    MeetingSeat,
    Slot,
    Table,
    Unavailability,
)
from modus.matchmaking.selectors import free_slots_of_pairs
from modus.matchmaking.services.setup import settings_for

SEATS = Prefetch(
    "seats",
    queryset=MeetingSeat.objects.select_related(
        "participant__person__organisation", "participant__person__user"
    ),
)


# What `place` reads, to join in with the meetings.
PLACE = ("table__host__person__organisation",)


def place(table: Table | None, *, in_sentence: bool = False) -> str:
    """Where a meeting sits, as people look for it: "Table T1", "Stand S4 (Novak Optics)"."""
    if table is None:
        return ""
    if not table.is_stand:
        words = _("table %(table)s") if in_sentence else _("Table %(table)s")
        return words % {"table": table.name}
    organisation = table.host.person.organisation
    if organisation is None:
        words = _("stand %(stand)s") if in_sentence else _("Stand %(stand)s")
        return words % {"stand": table.name}
    words = (
        _("stand %(stand)s (%(organisation)s)")
        if in_sentence
        else _("Stand %(stand)s (%(organisation)s)")
    )
    return words % {"stand": table.name, "organisation": organisation.name}


# The review names at most this many people in each list; the rest it counts.
SHOWN = 20


@dataclass
class Review:
    meetings: int
    placed: int
    histogram: list[tuple[int, int]]  # (meetings placed, how many people)
    # People with accepted meetings and none placed, and why: the first SHOWN by name.
    left_out: list[tuple[Participant, str]]
    # (person, session, placed there, accepted in all) under the organiser's minimum
    below_minimum: list[tuple[Participant, object, int, int]] = field(default_factory=list)
    minimum: int = 0
    left_out_total: int = 0
    below_minimum_total: int = 0

    @property
    def bars(self) -> list[tuple[int, int, int]]:
        """(meetings, people, bar length in % of the longest), for the histogram."""
        longest = max((people for _, people in self.histogram), default=1)
        return [(count, people, round(80 * people / longest)) for count, people in self.histogram]


def review(event: Event) -> Review:
    """The schedule in figures, counted by the database: the same few queries for any size."""
    confirmed = Q(meeting__event=event, meeting__status=Meeting.Status.CONFIRMED)
    counts = Meeting.objects.filter(event=event, status=Meeting.Status.CONFIRMED).aggregate(
        meetings=Count("pk"), placed=Count("pk", filter=Q(slot__isnull=False))
    )
    people = (
        MeetingSeat.objects.filter(confirmed)
        .values("participant")
        .annotate(accepted=Count("pk"), placed=Count("pk", filter=Q(meeting__slot__isnull=False)))
        .values_list("participant", "accepted", "placed")
    )
    accepted, placed = {}, {}
    for participant, accepted_count, placed_count in people:
        accepted[participant], placed[participant] = accepted_count, placed_count
    none_placed = [pid for pid, count in placed.items() if count == 0]
    minimum = settings_for(event).min_meetings_per_session
    shortfall = below_minimum(event, accepted, minimum)
    return Review(
        meetings=counts["meetings"],
        placed=counts["placed"],
        histogram=sorted(Counter(placed.values()).items()),
        left_out=left_out(event, none_placed),
        left_out_total=len(none_placed),
        below_minimum=shortfall[:SHOWN],
        below_minimum_total=len(shortfall),
        minimum=minimum,
    )


BY_NAME = ("person__first_name", "person__last_name", "pk")


def left_out(event: Event, ids: list[int]) -> list[tuple[Participant, str]]:
    """The first SHOWN people by name, each with why their first waiting meeting has no slot."""
    if not ids:
        return []
    shown = list(
        Participant.objects.filter(pk__in=ids)
        .select_related("person", "event")
        .order_by(*BY_NAME)[:SHOWN]
    )
    waiting = (
        Meeting.objects.filter(
            event=event,
            status=Meeting.Status.CONFIRMED,
            slot__isnull=True,
            seats__participant__in=shown,
        )
        .prefetch_related(SEATS)
        .order_by("pk")
        .distinct()
    )
    first_waiting = {}
    for meeting in waiting:
        for seat in meeting.seats.all():
            first_waiting.setdefault(seat.participant_id, meeting)
    slots = Slot.objects.filter(session__event=event).count()
    away = dict(
        Unavailability.objects.filter(participant__in=shown)
        .values("participant")
        .annotate(count=Count("pk"))
        .values_list("participant", "count")
    )
    free = free_with_the_other(event, shown, first_waiting)
    return [
        (
            person,
            why_unplaced(
                first_waiting.get(person.pk), slots, away.get(person.pk, 0), free.get(person.pk)
            ),
        )
        for person in shown
    ]


def first_other(participant: Participant, meeting: Meeting) -> Participant | None:
    """Whom `participant` meets in `meeting` (the first, in a meeting of more)."""
    return next(
        (s.participant for s in meeting.seats.all() if s.participant_id != participant.pk), None
    )


def free_with_the_other(
    event: Event, shown: list[Participant], first_waiting: dict[int, Meeting]
) -> dict[int, bool]:
    """For each of `shown` with a waiting meeting, whether they and the other person of it
    have a slot in common: one batch of queries for the whole list, not one per person."""
    pairs = []
    for person in shown:
        meeting = first_waiting.get(person.pk)
        other = first_other(person, meeting) if meeting else None
        if other is not None:
            pairs.append((person, other, []))
    found = free_slots_of_pairs(event, pairs)
    return {pair[0].pk: bool(slots) for pair, slots in zip(pairs, found, strict=True)}


def below_minimum(
    event: Event, accepted: dict[int, int], minimum: int
) -> list[tuple[Participant, object, int, int]]:
    """Who has fewer placed meetings in a session than the organiser's minimum, among those
    with enough accepted meetings to reach it in every session."""
    if not minimum:
        return []
    sessions = list(MatchmakingSession.objects.filter(event=event).order_by("starts_at"))
    enough = minimum * len(sessions)
    candidates = [pid for pid, count in accepted.items() if count >= enough]
    if not candidates:
        return []
    placed = (
        MeetingSeat.objects.filter(
            participant__in=candidates,
            meeting__status=Meeting.Status.CONFIRMED,
            meeting__slot__isnull=False,
        )
        .values("participant", "meeting__slot__session")
        .annotate(count=Count("pk"))
        .values_list("participant", "meeting__slot__session", "count")
    )
    per_session = Counter({(pid, session): count for pid, session, count in placed})
    short = [
        pid
        for pid in candidates
        if any(per_session[pid, session.pk] < minimum for session in sessions)
    ]
    rows = []
    people = Participant.objects.filter(pk__in=short).select_related("person").order_by(*BY_NAME)
    for person in people:
        for session in sessions:
            placed = per_session[person.pk, session.pk]
            if placed < minimum:
                rows.append((person, session, placed, accepted[person.pk]))
    return rows


def why_unplaced(meeting: Meeting | None, slots: int, away: int, free: bool | None) -> str:
    """The plainest reason a waiting meeting has no slot; `free`: whether its two people
    have a slot in common (None when nobody else is in it)."""
    if meeting is None:
        return _("no accepted meeting")
    if not slots:
        return _("the event has no meeting slots")
    if away >= slots:
        return _("not available in any slot")
    if free is False:
        return _("no slot in which both are free, under their limits, with a table free")
    return _("not placed yet: run the scheduler")


def review_meetings(
    event: Event,
    *,
    session: MatchmakingSession | None = None,
    waiting: bool = False,
    table: Table | None = None,
    person: Participant | None = None,
    search: str = "",
) -> QuerySet[Meeting]:
    """The event's accepted meetings for the review list, filtered; waiting ones first."""
    meetings = Meeting.objects.filter(event=event, status=Meeting.Status.CONFIRMED)
    if waiting:
        meetings = meetings.filter(slot__isnull=True)
    elif session is not None:
        meetings = meetings.filter(slot__session=session)
    if table is not None:
        meetings = meetings.filter(table=table)
    if person is not None:
        meetings = meetings.filter(
            pk__in=MeetingSeat.objects.filter(participant=person).values("meeting")
        )
    for word in search.split():
        named = MeetingSeat.objects.filter(
            Q(participant__person__first_name__icontains=word)
            | Q(participant__person__last_name__icontains=word)
            | Q(participant__person__organisation__name__icontains=word)
        )
        meetings = meetings.filter(pk__in=named.values("meeting"))
    return (
        meetings.select_related("slot__session", *PLACE)
        .prefetch_related(SEATS)
        .order_by(F("slot__starts_at").asc(nulls_first=True), "pk")
    )


def table_sheets(event: Event) -> list[tuple[object, list[Meeting]]]:
    """Each table with its meetings in time order, for printing."""
    meetings = (
        Meeting.objects.filter(event=event, status=Meeting.Status.CONFIRMED, table__isnull=False)
        .select_related("slot__session", *PLACE)
        .prefetch_related(SEATS)
        .order_by("table_id", "slot__starts_at")
    )
    sheets = defaultdict(list)
    for meeting in meetings:
        sheets[meeting.table].append(meeting)
    return list(sheets.items())
