"""Reasons in words: each score term the engine returned, as a sentence in the reader's language."""

from django.utils.translation import gettext as _
from django_countries.fields import Country

from modus.directory.models import Ecosystem

# What someone at each value-chain stage does, by stage position (1..8).
STAGE_VERBS = {
    1: lambda: _("do research"),
    2: lambda: _("design and engineer"),
    3: lambda: _("supply materials"),
    4: lambda: _("supply components"),
    5: lambda: _("integrate"),
    6: lambda: _("distribute"),
    7: lambda: _("provide services"),
    8: lambda: _("use and recycle"),
}


def stage_verb(position: int | None) -> str:
    return STAGE_VERBS[position]() if position in STAGE_VERBS else "?"


def ecosystem_name(code: str) -> str:
    ecosystem = Ecosystem.objects.filter(code=code).first()
    return str(ecosystem) if ecosystem else code


def describe(reason: dict) -> str:
    code = reason["code"]
    if code == "offer-answers-request":
        return _("Their offer “%(theirs)s” answers your request “%(yours)s”") % {
            "theirs": reason["their_opportunity_title"],
            "yours": reason["your_opportunity_title"],
        }
    if code == "request-answered-by-offer":
        return _("Your offer “%(yours)s” answers their request “%(theirs)s”") % {
            "theirs": reason["their_opportunity_title"],
            "yours": reason["your_opportunity_title"],
        }
    if code == "value-chain-adjacent":
        return _("Adjacent in the value chain: they %(theirs)s, you %(yours)s") % {
            "theirs": stage_verb(reason["their_stage"]),
            "yours": stage_verb(reason["your_stage"]),
        }
    if code == "same-ecosystem":
        return _("Same ecosystem: %(name)s") % {"name": ecosystem_name(reason["ecosystem"])}
    if code == "cross-border":
        return _("Cross-border: %(country)s") % {"country": Country(reason["country"]).name}
    if code == "similar-profile":
        return _("Similar profile")
    if code == "many-pending-requests":
        return _("Already has many requests waiting")
    return code
