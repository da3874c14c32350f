"""Recommendation core: whom each participant should meet, and why (no Django import).

`recommend()` takes profiles and returns, per participant, the top-k others with a score
that is the sum of structured terms, the largest of which are told as reasons.
"""

from modus.matchmaking.recommend.backends import (
    BackendUnavailableError,
    TextBackend,
    available_backends,
    default_backend,
    get_backend,
)
from modus.matchmaking.recommend.profiles import Filters, OpportunityInput, ProfileInput
from modus.matchmaking.recommend.reasons import Reason, Recommendation, describe
from modus.matchmaking.recommend.scoring import recommend
from modus.matchmaking.recommend.terms import Weights

__all__ = [
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
    "recommend",
]
