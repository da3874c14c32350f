"""Every change to the programme: organisers publish sessions, participants add them to their
agenda (a booking through events/booking.py when seats are limited)."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction

from modus.common import audit
from modus.events import booking
from modus.events.models import Event, Participant, ProgrammeSession, SessionPlace


def create_session(
    *, event: Event, by: Any, speakers: Iterable[Participant] = (), **fields: Any
) -> ProgrammeSession:
    session = ProgrammeSession(event=event, **fields)
    session.full_clean()
    with transaction.atomic():
        session.save()
        session.speakers.set(speakers)
        audit.record(by=by, action="session.created", obj=session)
    return session


def update_session(
    *,
    session: ProgrammeSession,
    by: Any,
    speakers: Iterable[Participant] | None = None,
    **changes: Any,
) -> ProgrammeSession:
    """Change a session; everyone who added it is told. Seats never drop below the places
    booked, and more seats serve the waitlist."""
    return booking.update(bookable=session, changes=changes, by=by, speakers=speakers)


def delete_session(*, session: ProgrammeSession, by: Any) -> int:
    return booking.delete(bookable=session, by=by)


def attend(
    *, session: ProgrammeSession, participant: Participant, by: Any, now: datetime | None = None
) -> SessionPlace:
    """Add a session to one's agenda ("I'll attend"): a seat, or a waitlist place when all
    seats are taken; `now` as in events/booking.py."""
    return booking.book(bookable=session, participant=participant, by=by, now=now)


def leave(*, session: ProgrammeSession, participant: Participant, by: Any) -> list[SessionPlace]:
    return booking.cancel(bookable=session, participant=participant, by=by)
