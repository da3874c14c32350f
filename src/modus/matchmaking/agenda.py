"""Reads for the schedule: a participant's agenda, the organiser's review, table sheets, iCal."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import icalendar
from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from modus.events.models import Event, Participant
from modus.matchmaking.models import MatchmakingSession, Meeting, MeetingSeat, Slot, Table
from modus.matchmaking.selectors import free_slots
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


def agenda(participant: Participant) -> list[Meeting]:
    """The participant's placed meetings in time order, each with `others` set."""
    meetings = list(
        Meeting.objects.filter(
            status=Meeting.Status.CONFIRMED,
            slot__isnull=False,
            seats__participant=participant,
            seats__active=True,
        )
        .select_related("slot__session", *PLACE)
        .prefetch_related(SEATS)
        .order_by("slot__starts_at")
    )
    for meeting in meetings:
        meeting.others = [
            seat.participant
            for seat in meeting.seats.all()
            if seat.participant_id != participant.pk
        ]
    return meetings


def calendar(participant: Participant, meetings: list[Meeting]) -> bytes:
    """An iCalendar feed of the agenda, with times in UTC."""
    feed = icalendar.Calendar()
    feed.add("prodid", "-//Modus//Meeting agenda//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", f"{participant.event.name}: {_('My meetings')}")
    for meeting in meetings:
        entry = icalendar.Event()
        names = ", ".join(
            f"{p.person} ({p.person.organisation})" if p.person.organisation else str(p.person)
            for p in meeting.others
        )
        entry.add("uid", f"meeting-{meeting.pk}@{settings.SITE_URL.split('//')[-1]}")
        entry.add("summary", _("Meeting with %(names)s") % {"names": names})
        entry.add("dtstart", meeting.slot.starts_at)
        entry.add("dtend", meeting.slot.ends_at)
        entry.add("location", place(meeting.table))
        entry.add("dtstamp", meeting.created_at)
        feed.add_component(entry)
    return feed.to_ical()


@dataclass
class Review:
    meetings: int
    placed: int
    histogram: list[tuple[int, int]]  # (meetings placed, how many people)
    left_out: list[tuple[Participant, str]]  # people with accepted meetings and none placed, why
    # (person, session, placed there, accepted in all) under the organiser's minimum
    below_minimum: list[tuple[Participant, object, int, int]] = field(default_factory=list)
    minimum: int = 0

    @property
    def bars(self) -> list[tuple[int, int, int]]:
        """(meetings, people, bar length in % of the longest), for the histogram."""
        longest = max((people for _, people in self.histogram), default=1)
        return [(count, people, round(80 * people / longest)) for count, people in self.histogram]


def review(event: Event) -> Review:
    meetings = list(
        Meeting.objects.filter(event=event, status=Meeting.Status.CONFIRMED)
        .select_related("slot")
        .prefetch_related(SEATS)
    )
    placed_per_person = Counter()
    involved: dict[int, Participant] = {}
    unplaced_of = defaultdict(list)
    for meeting in meetings:
        for seat in meeting.seats.all():
            involved[seat.participant_id] = seat.participant
            if meeting.slot_id:
                placed_per_person[seat.participant_id] += 1
            else:
                unplaced_of[seat.participant_id].append(meeting)
    histogram = Counter(placed_per_person[pid] for pid in involved)
    minimum = settings_for(event).min_meetings_per_session
    left_out = [
        (involved[pid], why_unplaced(involved[pid], unplaced_of[pid]))
        for pid in sorted(involved, key=lambda pid: str(involved[pid].person))
        if placed_per_person[pid] == 0
    ]
    return Review(
        meetings=len(meetings),
        placed=sum(1 for m in meetings if m.slot_id),
        histogram=sorted(histogram.items()),
        left_out=left_out,
        below_minimum=below_minimum(event, meetings, involved, minimum),
        minimum=minimum,
    )


def below_minimum(
    event: Event, meetings: list[Meeting], involved: dict[int, Participant], minimum: int
) -> list[tuple[Participant, object, int, int]]:
    """Who has fewer placed meetings in a session than the organiser's minimum, among those
    with enough accepted meetings to reach it in every session."""
    if not minimum:
        return []
    accepted = Counter(seat.participant_id for m in meetings for seat in m.seats.all())
    per_session = Counter(
        (seat.participant_id, m.slot.session_id)
        for m in meetings
        if m.slot_id
        for seat in m.seats.all()
    )
    sessions = list(MatchmakingSession.objects.filter(event=event).order_by("starts_at"))
    rows = []
    enough = minimum * len(sessions)
    for pid in sorted(involved, key=lambda pid: str(involved[pid].person)):
        if accepted[pid] < enough:
            continue
        for session in sessions:
            placed = per_session[pid, session.pk]
            if placed < minimum:
                rows.append((involved[pid], session, placed, accepted[pid]))
    return rows


def why_unplaced(participant: Participant, meetings: list[Meeting]) -> str:
    """The plainest reason the first waiting meeting has no slot."""
    if not meetings:
        return _("no accepted meeting")
    meeting = meetings[0]
    others = [
        seat.participant for seat in meeting.seats.all() if seat.participant_id != participant.pk
    ]
    slots = Slot.objects.filter(session__event=participant.event)
    if not slots.exists():
        return _("the event has no meeting slots")
    if participant.unavailable_slots.count() >= slots.count():
        return _("not available in any slot")
    if others and not free_slots(participant, others[0]):
        return _("no slot in which both are free, under their limits, with a table free")
    return _("not placed yet: run the scheduler")


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
