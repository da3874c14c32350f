"""B2B meetings as a kind of the personal agenda: each person's confirmed, placed meetings
with the other people and the place, for many people in a fixed number of queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from modus.agenda.providers import Entry
from modus.events.models import Participant
from modus.matchmaking.agenda import PLACE, place
from modus.matchmaking.models import MatchmakingSettings, Meeting, MeetingSeat
from modus.matchmaking.services.busy import MEETING_KIND as KIND
from modus.matchmaking.services.setup import meeting_visible

# People asked about in one query: keeps the lists of keys within every database's limits.
CHUNK = 1000

OTHERS = Prefetch(
    "seats",
    queryset=MeetingSeat.objects.filter(active=True)
    .select_related("participant__person__organisation")
    .order_by("pk"),
)


def chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def event_settings(event_ids: Iterable[int]) -> dict[int, MatchmakingSettings]:
    """Each event's matchmaking settings, unsaved defaults where it has none yet."""
    ids = set(event_ids)
    found = {s.event_id: s for s in MatchmakingSettings.objects.filter(event_id__in=ids)}
    return {pk: found.get(pk) or MatchmakingSettings(event_id=pk) for pk in ids}


def who(participant: Participant) -> str:
    organisation = participant.person.organisation
    return f"{participant.person} ({organisation})" if organisation else str(participant.person)


class MeetingProvider:
    kind = KIND
    label = gettext_lazy("Meeting")

    def entries(self, participant_ids: Iterable[int]) -> dict[int, list[Entry]]:
        ids = list(participant_ids)
        found: dict[int, list[Entry]] = defaultdict(list)
        for chunk in chunks(ids):
            # One row per (meeting, person of the chunk in it): the join says for whom.
            rows = list(
                Meeting.objects.filter(
                    status=Meeting.Status.CONFIRMED,
                    slot__isnull=False,
                    seats__participant__in=chunk,
                    seats__active=True,
                )
                .annotate(attendee=F("seats__participant_id"))
                .select_related("slot__session", "event", *PLACE)
                .prefetch_related(OTHERS)
                .order_by("slot__starts_at", "pk")
            )
            settings = event_settings(meeting.event_id for meeting in rows)
            for meeting in rows:
                found[meeting.attendee].append(
                    self.entry(meeting, meeting.attendee, settings[meeting.event_id])
                )
        return dict(found)

    def entry(self, meeting: Meeting, attendee: int, settings: MatchmakingSettings) -> Entry:
        others = [s.participant for s in meeting.seats.all() if s.participant_id != attendee]
        return Entry(
            kind=KIND,
            key=f"{KIND}:{meeting.pk}",
            starts_at=meeting.slot.starts_at,
            ends_at=meeting.slot.ends_at,
            title=_("Meeting with %(names)s") % {"names": ", ".join(map(who, others))},
            place=place(meeting.table) or _("online"),
            url=reverse("matchmaking:inbox", args=[meeting.event.slug]),
            detail=meeting.slot.session.name,
            shown=meeting_visible(meeting, settings),
        )

    def notes(self, participant_ids: Iterable[int]) -> dict[int, list[str]]:
        """That meetings wait for the published schedule, and that a published one may
        still change."""
        ids = list(participant_ids)
        events = dict(Participant.objects.filter(pk__in=ids).values_list("pk", "event_id"))
        settings = event_settings(events.values())
        waiting = Counter(
            MeetingSeat.objects.filter(
                participant__in=ids,
                active=True,
                meeting__status=Meeting.Status.CONFIRMED,
                meeting__slot__isnull=False,
                meeting__picked_by_participants=False,
            ).values_list("participant_id", flat=True)
        )
        notes: dict[int, list[str]] = {}
        for pk, event_id in events.items():
            state = settings[event_id].schedule_state
            notes[pk] = []
            if state == MatchmakingSettings.ScheduleState.DRAFT and waiting[pk]:
                notes[pk].append(
                    ngettext(
                        "The organisers are drafting the time and table of %(count)d of your "
                        "meetings; it appears here once they publish the schedule. You will get "
                        "a notification.",
                        "The organisers are drafting the times and tables of %(count)d of your "
                        "meetings; they appear here once they publish the schedule. You will get "
                        "a notification.",
                        waiting[pk],
                    )
                    % {"count": waiting[pk]}
                )
            if state == MatchmakingSettings.ScheduleState.PROVISIONAL:
                notes[pk].append(
                    _("This schedule is provisional: times and tables may still change.")
                )
        return notes
