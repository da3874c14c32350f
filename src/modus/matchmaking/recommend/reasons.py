"""What the recommendation core returns: ranked suggestions made of structured score terms.

A score is the sum of its terms; the reasons shown are the largest of those terms. Each term
carries what a sentence needs (titles, stages, ecosystem, country), so the Django side can
render it with gettext; `describe()` renders plain English for the CLI and benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from modus.matchmaking.recommend.profiles import Id
from modus.matchmaking.recommend.taxonomy import COUNTRY_NAMES, ECOSYSTEM_NAMES, VALUE_CHAIN_STAGES

# Codes of score terms, seen from the viewer ("you") towards the suggested person ("they").
OFFER_ANSWERS_REQUEST = "offer-answers-request"  # their offer answers your request
REQUEST_ANSWERED_BY_OFFER = "request-answered-by-offer"  # their request, answered by your offer
VALUE_CHAIN_ADJACENT = "value-chain-adjacent"
SAME_ECOSYSTEM = "same-ecosystem"
CROSS_BORDER = "cross-border"
SIMILAR_PROFILE = "similar-profile"
MANY_PENDING_REQUESTS = "many-pending-requests"  # negative: spreads attention

REASON_CODES: tuple[str, ...] = (
    OFFER_ANSWERS_REQUEST,
    REQUEST_ANSWERED_BY_OFFER,
    VALUE_CHAIN_ADJACENT,
    SAME_ECOSYSTEM,
    CROSS_BORDER,
    SIMILAR_PROFILE,
    MANY_PENDING_REQUESTS,
)


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
    terms: list[Reason] = field(default_factory=list)


def _stage_verb(position: int | None) -> str:
    return VALUE_CHAIN_STAGES[position][1] if position in VALUE_CHAIN_STAGES else "?"


def describe(reason: Reason) -> str:
    """Plain English sentence for a reason, e.g. for the CLI; the web side uses gettext."""
    code = reason.code
    if code == OFFER_ANSWERS_REQUEST:
        return (
            f"Their offer '{reason.their_opportunity_title}' answers your request "
            f"'{reason.your_opportunity_title}'"
        )
    if code == REQUEST_ANSWERED_BY_OFFER:
        return (
            f"Your offer '{reason.your_opportunity_title}' answers their request "
            f"'{reason.their_opportunity_title}'"
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
