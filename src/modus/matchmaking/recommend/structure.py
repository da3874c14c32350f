"""The structural part of a score (shared ecosystems, value chain, cross-border, pending
requests), for given pairs and as an upper bound for a viewer over everyone.
"""

from __future__ import annotations

import numpy as np

from modus.matchmaking.recommend.features import CompiledProfiles, neighbour_bits
from modus.matchmaking.recommend.taxonomy import ECOSYSTEM_CODES
from modus.matchmaking.recommend.terms import Multipliers, Weights

POPCOUNT = np.array([bin(i).count("1") for i in range(1 << len(ECOSYSTEM_CODES))])


def learnt(multipliers: Multipliers) -> np.ndarray:
    """Which participants have any multiplier other than 1 (they dismissed someone)."""
    return (
        (multipliers.ecosystem != 1).any(axis=1)
        | (multipliers.country != 1).any(axis=1)
        | (multipliers.value_chain != 1)
        | (multipliers.similar_profile != 1)
    )


def structural_scores(
    compiled: CompiledProfiles,
    viewers: np.ndarray,
    others: np.ndarray,
    weights: Weights,
    multipliers: Multipliers,
) -> np.ndarray:
    """Structural score of each pair (viewers[i], others[i]), float64."""
    shared = compiled.ecosystem_bits[viewers] & compiled.ecosystem_bits[others]
    their_country = compiled.country[others]
    border = compiled.country[viewers] != their_country
    stage_bits = compiled.stage_bits
    adjacent = (neighbour_bits(stage_bits[viewers]) & stage_bits[others]) != 0
    score = weights.same_ecosystem * POPCOUNT[shared] + weights.cross_border * border
    score += weights.value_chain * multipliers.value_chain[viewers] * adjacent
    score -= weights.penalty(compiled.pending_requests)[others]

    # Viewers who dismissed someone weigh ecosystems and countries their own way.
    special = np.flatnonzero(learnt(multipliers)[viewers])
    if len(special):
        v = viewers[special]
        own = np.zeros(len(special))
        for bit in range(len(ECOSYSTEM_CODES)):
            has = (shared[special] >> bit) & 1
            own += weights.same_ecosystem * multipliers.ecosystem[v, bit] * has
        own += (
            weights.cross_border * multipliers.country[v, their_country[special]] * border[special]
        )
        score[special] += own - (
            weights.same_ecosystem * POPCOUNT[shared[special]]
            + weights.cross_border * border[special]
        )
    return score


def structural_bound(
    compiled: CompiledProfiles,
    viewers: np.ndarray,
    candidates: np.ndarray,
    weights: Weights,
    multipliers: Multipliers,
) -> np.ndarray:
    """For each viewer, a score no candidate can exceed on structure alone."""
    bits = np.arange(len(ECOSYSTEM_CODES))
    has = (compiled.ecosystem_bits[viewers][:, None] >> bits) & 1
    ecosystems = weights.same_ecosystem * (multipliers.ecosystem[viewers] * has).sum(axis=1)
    other_country = np.ones((len(viewers), len(compiled.countries)), dtype=bool)
    other_country[np.arange(len(viewers)), compiled.country[viewers]] = False
    border = np.where(other_country, multipliers.country[viewers], 0.0).max(axis=1, initial=0)
    chain = np.where(
        neighbour_bits(compiled.stage_bits[viewers]) != 0, multipliers.value_chain[viewers], 0.0
    )
    penalties = weights.penalty(compiled.pending_requests[candidates])
    least_penalty = penalties.min() if len(penalties) else 0.0
    return ecosystems + weights.cross_border * border + weights.value_chain * chain - least_penalty
