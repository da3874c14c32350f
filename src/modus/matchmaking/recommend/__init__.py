"""Recommendation core: whom each participant should meet, and why (no Django import).

`recommend()` takes profiles and returns, per participant, the top-k others with a score
that is the sum of structured terms, the largest of which are told as reasons; it can also
tell which requests found an answer. `without_filler()` drops the suggestions told by filler
alone.
"""

from modus.matchmaking.recommend.backends import (
    BackendUnavailableError,
    TextBackend,
    available_backends,
    default_backend,
    get_backend,
)
from modus.matchmaking.recommend.profiles import (
    Filters,
    OpportunityInput,
    ProfileInput,
    opportunity_text,
    profile_text,
)
from modus.matchmaking.recommend.reasons import (
    FILLER_CODES,
    Reason,
    Recommendation,
    describe,
    is_filler_only,
    reason_dict,
    without_filler,
)
from modus.matchmaking.recommend.scoring import recommend
from modus.matchmaking.recommend.terms import Weights

__all__ = [
    "FILLER_CODES",
    "BackendUnavailableError",
    "Filters",
    "OpportunityInput",
    "ProfileInput",
    "Reason",
    "Recommendation",
    "TextBackend",
    "Weights",
    "available_backends",
    "default_backend",
    "describe",
    "get_backend",
    "is_filler_only",
    "opportunity_text",
    "profile_text",
    "reason_dict",
    "recommend",
    "without_filler",
]
