"""Programme sessions in the agenda: the sessions each person added and those they speak
at, for many people in two queries. A seat booked at a session with limited seats takes the
person's time (no meeting or tour then); a session with open seating, or a waitlist place,
is shown but leaves them free: they may still choose to meet someone instead."""

from collections.abc import Iterable

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from modus.agenda.providers import Entry
from modus.events.models import ProgrammeSession, SessionPlace


def session_entry(session: ProgrammeSession, *, busy: bool = True, detail: str = "") -> Entry:
    return Entry(
        kind="session",
        key=session.agenda_key,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        title=session.title,
        place=session.room,
        url=session.get_absolute_url(),
        detail=detail or session.get_kind_display(),
        busy=busy,
    )


class SessionProvider:
    kind = "session"
    # The model's own name, translated: "Session" alone is a matchmaking session in Czech.
    label = capfirst(ProgrammeSession._meta.verbose_name)

    def entries(self, participant_ids: Iterable[int]) -> dict[int, list[Entry]]:
        ids = list(participant_ids)
        found: dict[int, dict[str, Entry]] = {}
        speaking = ProgrammeSession.speakers.through.objects.filter(participant_id__in=ids)
        for row in speaking.select_related("programmesession__event"):
            entry = session_entry(row.programmesession, detail=_("You speak"))
            found.setdefault(row.participant_id, {})[entry.key] = entry
        places = SessionPlace.objects.filter(participant_id__in=ids).select_related(
            "bookable__event"
        )
        for place in places:
            mine = found.setdefault(place.participant_id, {})
            if place.bookable.agenda_key not in mine:
                detail = "" if place.is_booked else _("On the waitlist")
                seated = place.is_booked and place.bookable.capacity is not None
                mine[place.bookable.agenda_key] = session_entry(
                    place.bookable, busy=seated, detail=detail
                )
        return {pk: list(entries.values()) for pk, entries in found.items()}
