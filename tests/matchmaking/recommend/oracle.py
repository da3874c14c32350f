"""A slow, obvious recommender: every pair's terms, summed and sorted, per viewer."""

from __future__ import annotations

import numpy as np

from modus.matchmaking.recommend import Weights
from modus.matchmaking.recommend.features import compile_profiles
from modus.matchmaking.recommend.relevance import ANSWERS_PER_REQUEST, SIMILAR_PROFILES
from modus.matchmaking.recommend.scoring import learn_from_dismissals
from modus.matchmaking.recommend.terms import compute_terms
from modus.matchmaking.recommend.tfidf import TfidfBackend


def _dense(vectors):
    return vectors.toarray() if hasattr(vectors, "toarray") else np.asarray(vectors)


def _best_keys(similarity: np.ndarray, floor: float, count: int) -> np.ndarray:
    """Keys row * columns + column of each row's `count` best entries above the floor."""
    keys = []
    for row, values in enumerate(similarity):
        order = sorted(range(len(values)), key=lambda column: (-values[column], column))
        keys += [row * len(values) + c for c in order[:count] if values[c] > floor]
    return np.array(sorted(keys), dtype=np.int64)


def brute_force(profiles, *, k=10, exclusions=(), pending=None, dismissals=(), filters=None):
    """{viewer id: [(other id, score)]} by scoring every visible pair with its terms."""
    backend = TfidfBackend()
    compiled = compile_profiles(profiles, backend, pending or {})
    weights, floor, n = Weights(), backend.noise_floor, compiled.size
    m = len(compiled.opportunities)

    vectors = _dense(compiled.opportunity_vectors)
    similarity = np.zeros((m, m))
    requests = [i for i, o in enumerate(compiled.opportunities) if o.direction == "request"]
    offers = [i for i, o in enumerate(compiled.opportunities) if o.direction == "offer"]
    for r in requests:
        for o in offers:
            similarity[r, o] = vectors[r] @ vectors[o]
    answers = _best_keys(similarity, floor, ANSWERS_PER_REQUEST)
    profile_vectors = _dense(compiled.profile_vectors)
    profile_similarity = profile_vectors @ profile_vectors.T if n else np.zeros((0, 0))
    np.fill_diagonal(profile_similarity, -1.0)
    similar = _best_keys(profile_similarity, floor, SIMILAR_PROFILES)

    position = compiled.position
    dismissed = sorted({(position[a], position[b]) for a, b in dismissals})
    dismissed = np.array(dismissed, dtype=np.int64).reshape(-1, 2)
    multipliers = learn_from_dismissals(compiled, dismissed, weights, floor, answers, similar)
    hidden = {(position[a], position[b]) for a, b in exclusions}
    hidden |= {(b, a) for a, b in hidden} | {tuple(pair) for pair in dismissed.tolist()}

    result = {}
    for v, viewer in enumerate(compiled.profiles):
        others = [
            c
            for c, other in enumerate(compiled.profiles)
            if other.organisation_id != viewer.organisation_id
            and (v, c) not in hidden
            and (filters is None or filters.admits(other))
        ]
        table = compute_terms(
            compiled,
            np.full(len(others), v, dtype=np.int64),
            np.array(others, dtype=np.int64),
            weights,
            multipliers,
            floor,
            answers,
            similar,
        )
        scores = np.bincount(table.pair, weights=table.contribution, minlength=len(others))
        ranked = sorted(zip(others, scores.tolist(), strict=True), key=lambda x: (-x[1], x[0]))
        result[viewer.id] = [(compiled.profiles[c].id, s) for c, s in ranked[:k]]
    return result
