"""The words of each kind of notification.

Chosen when shown, so they read in the language of whoever reads them.
"""

from django.utils.translation import gettext as _

TEMPLATES = {
    "request-received": lambda d: _("%(name)s asks to meet you.") % d,
    "request-mutual": lambda d: _("%(name)s asks to meet you too: it is a mutual match.") % d,
    "request-accepted": lambda d: _("%(name)s accepted your meeting request.") % d,
    "request-declined": lambda d: _("%(name)s declined your meeting request.") % d,
    "request-reminder": lambda d: _("%(name)s is still waiting for your answer.") % d,
    "request-expired": lambda d: _("Your request to %(name)s expired without an answer.") % d,
    "meeting-booked": lambda d: (
        _("Your meeting with %(name)s is at %(when)s, stand %(table)s.") % d
        if d.get("stand")
        else _("Your meeting with %(name)s is at %(when)s, table %(table)s.") % d
    ),
    "meeting-cancelled": lambda d: _("%(name)s cancelled your meeting.") % d,
    "schedule-provisional": lambda d: (
        _("Your provisional meeting agenda is ready; it may still change.") % d
    ),
    "schedule-final": lambda d: _("Your final meeting agenda is ready.") % d,
    "meeting-moved": lambda d: _("Your meeting with %(name)s moved to %(when)s.") % d,
    "meeting-new-place": lambda d: (
        _("Your meeting with %(name)s at %(when)s is now at stand %(table)s.") % d
        if d.get("stand")
        else _("Your meeting with %(name)s at %(when)s is now at table %(table)s.") % d
    ),
}


def describe(kind: str, data: dict) -> str:
    return TEMPLATES[kind](data)
