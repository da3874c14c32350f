"""Profiles compiled to arrays: text vectors, bit masks and index lists, in a canonical order.

Participants are sorted by id, so that everything computed from the arrays (and hence the
result) does not depend on the order the caller listed them in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from modus.matchmaking.recommend.backends import TextBackend
from modus.matchmaking.recommend.profiles import Id, OpportunityInput, ProfileInput
from modus.matchmaking.recommend.taxonomy import ECOSYSTEM_CODES
from modus.matchmaking.recommend.vectors import Hybrid, Vectors, empty_vectors

ECOSYSTEM_BIT = {code: 1 << bit for bit, code in enumerate(ECOSYSTEM_CODES)}


def stage_bits(stages: frozenset[int]) -> int:
    """Value-chain stages 1..8 as bits 0..7."""
    return sum(1 << (stage - 1) for stage in stages)


def neighbour_bits(bits: np.ndarray) -> np.ndarray:
    """For stage masks, the masks of the stages adjacent to them (|a - b| = 1)."""
    return ((bits << 1) | (bits >> 1)) & 0xFF


def flat(index_lists: list[np.ndarray]) -> np.ndarray:
    """Per-participant lists of opportunity indices as one array, in participant order."""
    return np.concatenate([np.zeros(0, np.int64), *index_lists])


@dataclass
class CompiledProfiles:
    """Everything scoring needs, as arrays indexed by participant position 0..n-1."""

    profiles: list[ProfileInput]
    position: dict[Id, int]
    organisation: np.ndarray  # int64 organisation index
    country: np.ndarray  # int64 index into `countries`
    countries: list[str]
    ecosystem_bits: np.ndarray  # int64, bit i = ECOSYSTEM_CODES[i]
    stage_bits: np.ndarray  # int64, bit s-1 = stage s
    pending_requests: np.ndarray  # int64
    opportunities: list[OpportunityInput]  # every participant's, flattened
    requests_of: list[np.ndarray]  # participant -> indices into `opportunities`
    offers_of: list[np.ndarray]
    opportunity_vectors: Vectors
    profile_vectors: Vectors
    # Per opportunity and per participant, a label of its text: equal labels, equal texts
    # (and so equal vectors), which relevance multiplies once.
    opportunity_texts: np.ndarray
    profile_texts: np.ndarray

    @property
    def size(self) -> int:
        return len(self.profiles)


def _vectorise(backend: TextBackend, texts: list[str]) -> Vectors:
    if not texts:
        return empty_vectors()
    vectors = backend.fit_transform(texts)
    if isinstance(vectors, Hybrid):
        return vectors
    if sparse.issparse(vectors):
        return sparse.csr_matrix(vectors, dtype=np.float64)
    return np.asarray(vectors, dtype=np.float64)


def compile_profiles(
    profiles: Sequence[ProfileInput],
    backend: TextBackend,
    pending_requests: Mapping[Id, int],
) -> CompiledProfiles:
    """Sort profiles by id, vectorise all texts with one fitted backend, and build masks."""
    ordered = sorted(profiles, key=lambda profile: profile.id)
    position = {profile.id: index for index, profile in enumerate(ordered)}
    if len(position) != len(ordered):
        raise ValueError("participant ids must be unique")
    organisations: dict[Id, int] = {}
    countries = sorted({profile.country for profile in ordered})
    country_index = {code: index for index, code in enumerate(countries)}

    opportunities: list[OpportunityInput] = []
    requests_of, offers_of = [], []
    for profile in ordered:
        requests, offers = [], []
        for opportunity in profile.opportunities:
            (requests if opportunity.direction == "request" else offers).append(len(opportunities))
            opportunities.append(opportunity)
        requests_of.append(np.array(requests, dtype=np.int64))
        offers_of.append(np.array(offers, dtype=np.int64))

    # Opportunities meet opportunities and profiles meet profiles, never across: each kind
    # of text is fitted on its own, so what is common among profiles weighs little there.
    opportunity_vectors = _vectorise(backend, [o.text for o in opportunities])
    profile_vectors = _vectorise(backend, [p.profile_text for p in ordered])

    return CompiledProfiles(
        profiles=ordered,
        position=position,
        organisation=np.array(
            [organisations.setdefault(p.organisation_id, len(organisations)) for p in ordered],
            dtype=np.int64,
        ),
        country=np.array([country_index[p.country] for p in ordered], dtype=np.int64),
        countries=countries,
        ecosystem_bits=np.array(
            [sum(ECOSYSTEM_BIT[code] for code in p.all_ecosystems) for p in ordered],
            dtype=np.int64,
        ),
        stage_bits=np.array([stage_bits(p.all_stages) for p in ordered], dtype=np.int64),
        pending_requests=np.array(
            [max(0, int(pending_requests.get(p.id, 0))) for p in ordered], dtype=np.int64
        ),
        opportunities=opportunities,
        requests_of=requests_of,
        offers_of=offers_of,
        opportunity_vectors=opportunity_vectors,
        profile_vectors=profile_vectors,
        opportunity_texts=text_labels([o.text for o in opportunities]),
        profile_texts=text_labels([p.profile_text for p in ordered]),
    )


def text_labels(texts: list[str]) -> np.ndarray:
    """One int64 per text, the same for equal texts."""
    label: dict[str, int] = {}
    return np.array([label.setdefault(text, len(label)) for text in texts], dtype=np.int64)
