"""What the recommendation core returns: ranked suggestions made of structured score terms.

A score is the sum of its terms; the reasons shown are the largest of those terms. Each term
carries what a sentence needs (titles, stages, ecosystem, country), so the Django side can
render it with gettext; `describe()` renders plain English for the CLI and benchmarks.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Protocol

from modus.matchmaking.recommend.profiles import Id, ProfileInput
from modus.matchmaking.recommend.taxonomy import COUNTRY_NAMES, ECOSYSTEM_NAMES, VALUE_CHAIN_STAGES

# Codes of score terms, seen from the viewer ("you") towards the suggested person ("they").
OFFER_ANSWERS_REQUEST = "offer-answers-request"  # their offer answers your request
REQUEST_ANSWERED_BY_OFFER = "request-answered-by-offer"  # their request, answered by your offer
# Texts that come near but not to the backend's answer level: told as "may answer", and the
# request counts as unanswered (see scoring.recommend's `answers`).
OFFER_MAY_ANSWER_REQUEST = "offer-may-answer-request"
REQUEST_MAY_BE_ANSWERED_BY_OFFER = "request-may-be-answered-by-offer"
VALUE_CHAIN_ADJACENT = "value-chain-adjacent"
SAME_ECOSYSTEM = "same-ecosystem"
CROSS_BORDER = "cross-border"
SIMILAR_PROFILE = "similar-profile"
MANY_PENDING_REQUESTS = "many-pending-requests"  # negative: spreads attention

REASON_CODES: tuple[str, ...] = (
    OFFER_ANSWERS_REQUEST,
    REQUEST_ANSWERED_BY_OFFER,
    OFFER_MAY_ANSWER_REQUEST,
    REQUEST_MAY_BE_ANSWERED_BY_OFFER,
    VALUE_CHAIN_ADJACENT,
    SAME_ECOSYSTEM,
    CROSS_BORDER,
    SIMILAR_PROFILE,
    MANY_PENDING_REQUESTS,
)

# Terms that tell how two texts meet, a request and an offer, as plain English sentences.
TEXT_MATCH_SENTENCES = {
    OFFER_ANSWERS_REQUEST: "Their offer '{theirs}' answers your request '{yours}'",
    REQUEST_ANSWERED_BY_OFFER: "Your offer '{yours}' answers their request '{theirs}'",
    OFFER_MAY_ANSWER_REQUEST: "Their offer '{theirs}' may answer your request '{yours}'",
    REQUEST_MAY_BE_ANSWERED_BY_OFFER: "Your offer '{yours}' may answer their request '{theirs}'",
}
TEXT_MATCH_CODES = frozenset(TEXT_MATCH_SENTENCES)

# Terms that say nothing about what two people do or need: being from another country is
# worth a little when all else is equal, never a reason to meet on its own. The others are
# evidence: matching texts, or a fact the two share (ecosystem, neighbouring stages).
FILLER_CODES = frozenset({CROSS_BORDER})


# Plain (not frozen) slotted dataclasses: 20,000 people's lists hold about a million terms,
# and frozen ones take seven times longer to create. Treat them as read-only.
@dataclass(slots=True)
class Reason:
    """One term of a score: its code, how much it added, and what a sentence about it needs."""

    code: str
    contribution: float
    your_opportunity_id: Id | None = None
    your_opportunity_title: str = ""
    their_opportunity_id: Id | None = None
    their_opportunity_title: str = ""
    your_stage: int | None = None
    their_stage: int | None = None
    ecosystem: str = ""
    country: str = ""
    pending_requests: int = 0


REASON_FIELDS = tuple(reason_field.name for reason_field in fields(Reason))
_reason_values = attrgetter(*REASON_FIELDS)


def reason_dict(reason: Reason) -> dict:
    """A reason as a plain dict, as `dataclasses.asdict` gives it. Its fields are plain
    values, and asdict copies deeply: storing 20,000 people's lists took most of a minute."""
    return dict(zip(REASON_FIELDS, _reason_values(reason), strict=True))


@dataclass(slots=True)
class Recommendation:
    """A suggestion that `participant_id` meet `other_id`.

    `terms` are all the terms the score is the sum of, largest first; `reasons` are the
    leading positive terms of at least the reason floor, the ones worth telling.
    """

    participant_id: Id
    other_id: Id
    score: float
    reasons: list[Reason]
    # Where the terms are made when asked for: rows start:stop of `source`. Without a source
    # the reasons are all the terms.
    source: TermSource | None = field(default=None, repr=False, compare=False)
    start: int = field(default=0, repr=False, compare=False)
    stop: int = field(default=0, repr=False, compare=False)

    @property
    def terms(self) -> list[Reason]:
        if self.source is None:
            return list(self.reasons)
        return self.source.reasons(slice(self.start, self.stop))


class TermSource(Protocol):
    """Terms kept as arrays, made into `Reason`s only when asked for: 20,000 people's lists
    hold about a million and a half terms, and a page shows the leading three of each."""

    def reasons(self, rows: slice | Sequence[int]) -> list[Reason]: ...


@contextmanager
def no_cyclic_collection() -> Iterator[None]:
    """Cyclic garbage collection paused: lists of a million acyclic reasons would only make it
    rescan them, often.

    What was made meanwhile is a result that lives on, so it goes to the oldest generation at
    once: the young collections would have moved it there after scanning it twice, the first
    time for most of a second at 20,000 participants. Nothing stays frozen."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def is_filler_only(recommendation: Recommendation) -> bool:
    """Whether nothing but filler (or nothing at all) is told of why to meet."""
    return {reason.code for reason in recommendation.reasons} <= FILLER_CODES


def without_filler(
    lists: Mapping[Id, list[Recommendation]], profiles: Sequence[ProfileInput]
) -> dict[Id, list[Recommendation]]:
    """The lists less their filler-only suggestions, for every viewer who has something
    better to go on: an offer or a request of their own, or a suggestion with evidence.

    Someone with an empty profile keeps their list, so as to meet someone at all (the page
    tells them how to be matched better); everyone else sees fewer but true suggestions.
    """
    has_opportunities = {profile.id for profile in profiles if profile.opportunities}
    result = {}
    with no_cyclic_collection():
        for viewer, suggestions in lists.items():
            kept = [s for s in suggestions if not is_filler_only(s)]
            result[viewer] = kept if kept or viewer in has_opportunities else list(suggestions)
    return result


def _stage_verb(position: int | None) -> str:
    return VALUE_CHAIN_STAGES[position][1] if position in VALUE_CHAIN_STAGES else "?"


def describe(reason: Reason) -> str:
    """Plain English sentence for a reason, e.g. for the CLI; the web side uses gettext."""
    code = reason.code
    if code in TEXT_MATCH_SENTENCES:
        return TEXT_MATCH_SENTENCES[code].format(
            theirs=reason.their_opportunity_title, yours=reason.your_opportunity_title
        )
    if code == VALUE_CHAIN_ADJACENT:
        they, you = _stage_verb(reason.their_stage), _stage_verb(reason.your_stage)
        return f"adjacent in the value chain: they {they}, you {you}"
    if code == SAME_ECOSYSTEM:
        return f"same ecosystem: {ECOSYSTEM_NAMES.get(reason.ecosystem, reason.ecosystem)}"
    if code == CROSS_BORDER:
        return f"cross-border: {COUNTRY_NAMES.get(reason.country, reason.country)}"
    if code == SIMILAR_PROFILE:
        return "similar profile"
    if code == MANY_PENDING_REQUESTS:
        return f"already has {reason.pending_requests} pending meeting requests"
    raise ValueError(f"unknown reason code {code!r}")
