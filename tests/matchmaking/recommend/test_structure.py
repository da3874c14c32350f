import numpy as np
from hypothesis import given, settings

from modus.matchmaking.recommend import Weights
from modus.matchmaking.recommend.features import compile_profiles
from modus.matchmaking.recommend.reasons import MANY_PENDING_REQUESTS, REASON_CODES
from modus.matchmaking.recommend.structure import structural_bound, structural_scores
from modus.matchmaking.recommend.terms import Multipliers, compute_terms
from modus.matchmaking.recommend.tfidf import TfidfBackend
from tests.matchmaking.recommend.strategies import events

STRUCTURAL = {"value-chain-adjacent", "same-ecosystem", "cross-border", MANY_PENDING_REQUESTS}


@settings(max_examples=30, deadline=None)
@given(events())
def test_structural_scores_are_the_structural_terms_and_the_bound_holds(event):
    profiles, _, pending, _ = event
    compiled = compile_profiles(profiles, TfidfBackend(), pending)
    weights, n = Weights(), compiled.size
    multipliers = Multipliers.neutral(compiled)
    multipliers.ecosystem[0, 5] = 0.5  # as if participant 0 had dismissed someone
    multipliers.country[0, 0] = 0.25
    viewers, others = np.divmod(np.arange(n * n), n)
    scores = structural_scores(compiled, viewers, others, weights, multipliers)
    table = compute_terms(compiled, viewers, others, weights, multipliers, 0.25)
    structural = np.isin(np.array(REASON_CODES)[table.code], list(STRUCTURAL))
    expected = np.bincount(
        table.pair[structural], weights=table.contribution[structural], minlength=n * n
    )
    assert np.allclose(scores, expected)
    bound = structural_bound(compiled, np.arange(n), np.arange(n), weights, multipliers)
    assert (scores.reshape(n, n) <= bound[:, None] + 1e-12).all()
