"""The programme as documents: a printable A4 PDF of all days and a public iCal feed."""

import icalendar
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from modus.common.pdf import html_to_pdf
from modus.events.models import Event, ProgrammeSession


def programme_calendar(event: Event, sessions: list[ProgrammeSession]) -> bytes:
    """Every session as an iCalendar event, times in UTC."""
    feed = icalendar.Calendar()
    feed.add("prodid", "-//Modus//Programme//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", f"{event.name}: {translation.gettext('Programme')}")
    host = settings.SITE_URL.split("//")[-1]
    for session in sessions:
        entry = icalendar.Event()
        entry.add("uid", f"session-{session.pk}@{host}")
        entry.add("summary", session.title)
        entry.add("dtstart", session.starts_at)
        entry.add("dtend", session.ends_at)
        entry.add("dtstamp", session.starts_at)
        if session.room:
            entry.add("location", session.room)
        entry.add("url", settings.SITE_URL + session.get_absolute_url())
        if session.description:
            entry.add("description", session.description)
        feed.add_component(entry)
    return feed.to_ical()


def programme_pdf(event: Event, sessions: list[ProgrammeSession], request=None) -> bytes:
    html = render_to_string(
        "events/programme_pdf.html", {"event": event, "sessions": sessions}, request=request
    )
    return html_to_pdf(html)
