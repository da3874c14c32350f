"""Reasons in words: each score term the engine returned, as a sentence in the reader's language."""

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django_countries.fields import Country

from modus.directory.models import Ecosystem

# Neighbouring value-chain stages, (yours, theirs) by position (1..8), each a whole sentence
# so that translators can conjugate "they" and "you" (Czech: "dodávají", "dodáváte").
ADJACENT_STAGES = {
    (1, 2): lambda: _("Adjacent in the value chain: they design and engineer, you do research."),
    (2, 1): lambda: _("Adjacent in the value chain: they do research, you design and engineer."),
    (2, 3): lambda: _(
        "Adjacent in the value chain: they supply materials, you design and engineer."
    ),
    (3, 2): lambda: _(
        "Adjacent in the value chain: they design and engineer, you supply materials."
    ),
    (3, 4): lambda: _("Adjacent in the value chain: they supply components, you supply materials."),
    (4, 3): lambda: _("Adjacent in the value chain: they supply materials, you supply components."),
    (4, 5): lambda: _("Adjacent in the value chain: they integrate, you supply components."),
    (5, 4): lambda: _("Adjacent in the value chain: they supply components, you integrate."),
    (5, 6): lambda: _("Adjacent in the value chain: they distribute, you integrate."),
    (6, 5): lambda: _("Adjacent in the value chain: they integrate, you distribute."),
    (6, 7): lambda: _("Adjacent in the value chain: they provide services, you distribute."),
    (7, 6): lambda: _("Adjacent in the value chain: they distribute, you provide services."),
    (7, 8): lambda: _("Adjacent in the value chain: they use and recycle, you provide services."),
    (8, 7): lambda: _("Adjacent in the value chain: they provide services, you use and recycle."),
}

# A request and an offer that meet, from the reader's side: "theirs" and "yours" are titles.
TEXT_MATCHES = {
    "offer-answers-request": lambda: _("Their offer “%(theirs)s” answers your request “%(yours)s”"),
    "request-answered-by-offer": lambda: _(
        "Your offer “%(yours)s” answers their request “%(theirs)s”"
    ),
    "offer-may-answer-request": lambda: _(
        "Their offer “%(theirs)s” may answer your request “%(yours)s”"
    ),
    "request-may-be-answered-by-offer": lambda: _(
        "Your offer “%(yours)s” may answer their request “%(theirs)s”"
    ),
}


def adjacent_stages(yours: int | None, theirs: int | None) -> str:
    sentence = ADJACENT_STAGES.get((yours, theirs))
    return sentence() if sentence else _("Adjacent in the value chain.")


def ecosystem_names(reasons: Iterable[dict]) -> dict[str, str]:
    """The names, in the reader's language, of the ecosystems the reasons share: one query
    for a whole list, which names the same few again and again, and none if it names none."""
    codes = {reason["ecosystem"] for reason in reasons if reason["code"] == "same-ecosystem"}
    if not codes:
        return {}
    return {
        ecosystem.code: str(ecosystem) for ecosystem in Ecosystem.objects.filter(code__in=codes)
    }


def describe_rows(rows, me) -> None:
    """Set each stored suggestion's `sentences`: its reasons in words, naming the two
    organisations a similar profile compares (`me` is the reader's participation)."""
    names = ecosystem_names(reason for row in rows for reason in row.reasons)
    yours = me.person.organisation
    for row in rows:
        theirs = row.other.person.organisation
        organisations = (str(theirs), str(yours)) if theirs and yours else None
        row.sentences = [
            describe(reason, ecosystems=names, organisations=organisations)
            for reason in row.reasons
        ]


def describe(
    reason: dict,
    ecosystems: dict[str, str] | None = None,
    *,
    organisations: tuple[str, str] | None = None,
) -> str:
    """`reason` as a sentence. `ecosystems` (from ecosystem_names) spares a query per
    ecosystem named; `organisations` (theirs, yours) are what a similar profile compares:
    the texts matched are each person's job title and organisation's description."""
    code = reason["code"]
    if code in TEXT_MATCHES:
        return TEXT_MATCHES[code]() % {
            "theirs": reason["their_opportunity_title"],
            "yours": reason["your_opportunity_title"],
        }
    if code == "value-chain-adjacent":
        return adjacent_stages(reason["your_stage"], reason["their_stage"])
    if code == "same-ecosystem":
        names = ecosystem_names([reason]) if ecosystems is None else ecosystems
        return _("Same ecosystem: %(name)s") % {
            "name": names.get(reason["ecosystem"], reason["ecosystem"])
        }
    if code == "cross-border":
        return _("Cross-border: %(country)s") % {"country": Country(reason["country"]).name}
    if code == "similar-profile" and organisations:
        theirs, yours = organisations
        return _("Similar profile: %(theirs)s describes work like that of %(yours)s") % {
            "theirs": theirs,
            "yours": yours,
        }
    if code == "similar-profile":
        return _("Similar profile")
    if code == "many-pending-requests":
        return _("Already has many requests waiting")
    return code
