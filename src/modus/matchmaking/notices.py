"""The words of each kind of notification.

Chosen when shown, so they read in the language of whoever reads them (a page's visitor, an
e-mail's recipient). Each case is one whole sentence in the catalogue, so translators can
conjugate; times are stored as instants and written like the pages write them, in the
event's time zone.
"""

import zoneinfo
from datetime import datetime, timedelta

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# How pages write a meeting's start ("Mon 26 Sep 14:40", "po 26. 9. 14:40"); e-mails write it
# the same way. A named format of src/modus/formats: each language writes it its own way.
MEETING_TIME = "SHORT_DAY_TIME_FORMAT"


def meeting_time(starts_at: datetime, time_zone: str) -> str:
    """A meeting's start as the pages write it, in the event's time zone and active language."""
    return date_format(timezone.localtime(starts_at, zoneinfo.ZoneInfo(time_zone)), MEETING_TIME)


def when(data: dict) -> str:
    """The time named in `data`: stored as an instant since issue 11, as text before."""
    if data.get("starts_at"):
        return meeting_time(datetime.fromisoformat(data["starts_at"]), data["time_zone"])
    return data.get("when", "")


def ago(moment: datetime) -> str:
    """How long ago, as a whole phrase ("5 minutes ago", "před 5 minutami", Django's own
    Czech with the right case); "just now" under a minute rather than "0 minutes"."""
    if timezone.now() - moment < timedelta(minutes=1):
        return _("just now")
    return str(naturaltime(moment))


def at_place(data: dict, at_stand: str, at_table: str) -> str:
    return (at_stand if data.get("stand") else at_table) % {**data, "when": when(data)}


TEMPLATES = {
    "request-received": lambda d: _("%(name)s asks to meet you.") % d,
    "request-mutual": lambda d: _("%(name)s asks to meet you too: it is a mutual match.") % d,
    "request-accepted": lambda d: (
        at_place(
            d,
            _("%(name)s accepted your meeting request: you meet at %(when)s, stand %(table)s."),
            _("%(name)s accepted your meeting request: you meet at %(when)s, table %(table)s."),
        )
        if d.get("table")
        else _("%(name)s accepted your meeting request.") % d
    ),
    # A request accepted automatically as it was sent: the recipient hears of both at once.
    "request-booked": lambda d: (
        at_place(
            d,
            _("%(name)s asks to meet you and the meeting is booked: %(when)s, stand %(table)s."),
            _("%(name)s asks to meet you and the meeting is booked: %(when)s, table %(table)s."),
        )
        if d.get("table")
        else _(
            "%(name)s asks to meet you and the meeting is confirmed; the schedule will give "
            "its time and table."
        )
        % d
    ),
    "request-declined": lambda d: _("%(name)s declined your meeting request.") % d,
    "request-reminder": lambda d: _("%(name)s is still waiting for your answer.") % d,
    "request-expired": lambda d: _("Your request to %(name)s expired without an answer.") % d,
    "meeting-booked": lambda d: at_place(
        d,
        _("Your meeting with %(name)s is at %(when)s, stand %(table)s."),
        _("Your meeting with %(name)s is at %(when)s, table %(table)s."),
    ),
    "meeting-cancelled": lambda d: _("%(name)s cancelled your meeting.") % d,
    "schedule-provisional": lambda d: (
        _("Your provisional meeting agenda is ready; it may still change.") % d
    ),
    "schedule-final": lambda d: _("Your final meeting agenda is ready.") % d,
    "meeting-moved": lambda d: (
        _("Your meeting with %(name)s moved to %(when)s.") % {**d, "when": when(d)}
    ),
    "opportunity-answered": lambda d: (
        _("%(name)s offers “%(offer)s”, which answers your request “%(request)s”.") % d
    ),
    # An "opportunity-answered" whose author or offer is gone from the reader's view.
    "opportunity-answer-gone": lambda d: (
        _("The offer that answered your request “%(request)s” is no longer offered.") % d
    ),
    "meeting-new-place": lambda d: at_place(
        d,
        _("Your meeting with %(name)s at %(when)s is now at stand %(table)s."),
        _("Your meeting with %(name)s at %(when)s is now at table %(table)s."),
    ),
    # Site visits and programme sessions (events/booking.py).
    "tour-promoted": lambda d: (
        _("A place on the tour “%(title)s” (%(when)s) is yours: you moved up from the waitlist.")
        % {**d, "when": when(d)}
    ),
    "session-promoted": lambda d: (
        _("A seat at “%(title)s” (%(when)s) is yours: you moved up from the waitlist.")
        % {**d, "when": when(d)}
    ),
    "tour-changed": lambda d: (
        _("The tour “%(title)s” has changed; it starts at %(when)s.") % {**d, "when": when(d)}
    ),
    "session-changed": lambda d: (
        _("The session “%(title)s” has changed; it starts at %(when)s.") % {**d, "when": when(d)}
    ),
    "tour-cancelled": lambda d: (
        _("The tour “%(title)s” (%(when)s) was cancelled.") % {**d, "when": when(d)}
    ),
    "session-cancelled": lambda d: (
        _("The session “%(title)s” (%(when)s) was cancelled.") % {**d, "when": when(d)}
    ),
    "tour-message": lambda d: _("%(name)s about the tour “%(title)s”: %(message)s") % d,
    "stand-staffed": lambda d: (
        _("You now staff stand %(number)s, “%(name)s”: scan visitors' badges there.") % d
    ),
    # An organiser hears of it (events/services.py, withdraw_registration).
    "registration-withdrawn": lambda d: (
        _(
            "%(name)s withdrew their registration through the link in the e-mail that told "
            "them of it."
        )
        % d
    ),
}


def describe(kind: str, data: dict) -> str:
    return TEMPLATES[kind](data)
