"""B2B meetings as a kind of the personal agenda: each person's confirmed, placed meetings
with the other people and the place, for many people in a fixed number of queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from modus.agenda.providers import Entry
from modus.events.models import Participant
from modus.matchmaking.agenda import place
from modus.matchmaking.models import MatchmakingSettings, Meeting, MeetingSeat, Table
from modus.matchmaking.services.busy import MEETING_KIND as KIND
from modus.matchmaking.services.setup import meeting_visible

# People asked about in one query: keeps the lists of keys within every database's limits.
CHUNK = 1000


def chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def event_settings(event_ids: Iterable[int]) -> dict[int, MatchmakingSettings]:
    """Each event's matchmaking settings, unsaved defaults where it has none yet."""
    ids = set(event_ids)
    found = {s.event_id: s for s in MatchmakingSettings.objects.filter(event_id__in=ids)}
    return {pk: found.get(pk) or MatchmakingSettings(event_id=pk) for pk in ids}


def who(first_name: str, last_name: str, organisation: str | None) -> str:
    """A person as the agenda names them: "Ben Richter (Richter Lasers)"."""
    name = f"{first_name} {last_name}".strip()
    return f"{name} ({organisation})" if organisation else name


def people_of(meeting_ids: set[int]) -> dict[int, list[tuple[int, str]]]:
    """Each meeting's people (by key, named), in one query."""
    seats = (
        MeetingSeat.objects.filter(meeting_id__in=meeting_ids, active=True)
        .order_by("pk")
        .values_list(
            "meeting_id",
            "participant_id",
            "participant__person__first_name",
            "participant__person__last_name",
            "participant__person__organisation__name",
        )
    )
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for meeting_id, participant_id, *name in seats:
        found[meeting_id].append((participant_id, who(*name)))
    return found


def places_of(table_ids: set[int]) -> dict[int, str]:
    """Where each table is, as people look for it, in one query."""
    tables = Table.objects.filter(pk__in=table_ids).select_related("host__person__organisation")
    return {table.pk: place(table) for table in tables}


class MeetingProvider:
    kind = KIND
    label = gettext_lazy("Meeting")

    def entries(self, participant_ids: Iterable[int]) -> dict[int, list[Entry]]:
        """Read as plain rows, not model instances: asked for a whole event at once (20,000
        people), building objects would cost more than the queries."""
        found: dict[int, list[Entry]] = defaultdict(list)
        for chunk in chunks(list(participant_ids)):
            # One row per (meeting, person of the chunk in it): the join says for whom.
            rows = list(
                Meeting.objects.filter(
                    status=Meeting.Status.CONFIRMED,
                    slot__isnull=False,
                    seats__participant__in=chunk,
                    seats__active=True,
                )
                .order_by("slot__starts_at", "pk")
                .values_list(
                    "pk",
                    "seats__participant_id",
                    "event_id",
                    "event__slug",
                    "slot__starts_at",
                    "slot__ends_at",
                    "slot__session__name",
                    "table_id",
                    "picked_by_participants",
                )
            )
            people = people_of({row[0] for row in rows})
            places = places_of({row[7] for row in rows if row[7]})
            settings = event_settings(row[2] for row in rows)
            links = {
                slug: reverse("matchmaking:inbox", args=[slug]) for slug in {r[3] for r in rows}
            }
            # Whether people see it yet depends only on the event and who picked the slot.
            shown = {
                (event, picked): meeting_visible(
                    Meeting(picked_by_participants=picked), settings[event]
                )
                for event in settings
                for picked in (False, True)
            }
            for pk, attendee, event, slug, starts, ends, session, table, picked in rows:
                others = [name for person, name in people[pk] if person != attendee]
                found[attendee].append(
                    Entry(
                        kind=KIND,
                        key=f"{KIND}:{pk}",
                        starts_at=starts,
                        ends_at=ends,
                        title=_("Meeting with %(names)s") % {"names": ", ".join(others)},
                        place=places.get(table) or _("online"),
                        url=links[slug],
                        detail=session,
                        shown=shown[event, picked],
                    )
                )
        return dict(found)

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
