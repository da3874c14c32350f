import math

import numpy as np
import pytest

from modus.matchmaking.recommend import Weights
from modus.matchmaking.recommend.features import compile_profiles
from modus.matchmaking.recommend.terms import (
    Multipliers,
    TermTable,
    build_recommendations,
    compute_terms,
    term_order,
)
from modus.matchmaking.recommend.tfidf import TfidfBackend
from tests.matchmaking.recommend.examples import photonics_event


def terms_of(viewer, other, weights=None, multipliers=None):
    compiled = compile_profiles(photonics_event(), TfidfBackend(), {2: 10})
    multipliers = multipliers or Multipliers.neutral(compiled)
    pair = np.array([compiled.position[viewer]]), np.array([compiled.position[other]])
    table = compute_terms(compiled, *pair, weights or Weights(), multipliers, 0.25)
    return build_recommendations(compiled, *pair, table, 3, 0.01)[0]


def test_the_buyer_and_the_supplier():
    suggestion = terms_of(1, 2)
    codes = [(t.code, t.your_opportunity_title, t.their_stage, t.country) for t in suggestion.terms]
    assert codes == [
        ("offer-answers-request", "optical components supplier", None, ""),
        ("value-chain-adjacent", "", 4, ""),
        ("same-ecosystem", "", None, ""),
        ("cross-border", "", None, "LT"),
        ("many-pending-requests", "", None, ""),
    ]
    weights = Weights()
    assert suggestion.terms[1].contribution == weights.value_chain
    assert suggestion.terms[4].contribution == pytest.approx(-weights.penalty(np.array(10)))
    assert suggestion.terms[4].pending_requests == 10
    assert suggestion.score == math.fsum(t.contribution for t in suggestion.terms)
    assert suggestion.reasons == suggestion.terms[:3]


def test_terms_are_made_when_asked_for_and_the_same_each_time():
    compiled = compile_profiles(photonics_event(), TfidfBackend(), {})
    viewers = np.array([compiled.position[1], compiled.position[2], compiled.position[1]])
    others = np.array([compiled.position[2], compiled.position[1], compiled.position[3]])
    table = compute_terms(compiled, viewers, others, Weights(), Multipliers.neutral(compiled), 0.25)
    suggestions = build_recommendations(compiled, viewers, others, table, 2, 0.01)
    for suggestion in suggestions:
        terms = suggestion.terms
        assert terms == suggestion.terms and terms is not suggestion.terms
        assert suggestion.reasons == terms[:2]
        assert suggestion.score == math.fsum(t.contribution for t in terms)
    # Each pair's terms are its own: the buyer sees the supplier's offer from the other side.
    assert suggestions[0].terms[0].code == "offer-answers-request"
    assert suggestions[1].terms[0].code == "request-answered-by-offer"
    assert len({id(s.source) for s in suggestions}) == 1


@pytest.mark.parametrize("largest_opportunity", [50, 2**40])
def test_terms_are_ordered_by_pair_contribution_then_every_parameter(largest_opportunity):
    rng = np.random.default_rng(3)
    size = 5000

    def column(high):
        return rng.integers(-1, high, size)

    # Few distinct values, so that ties reach the last key.
    table = TermTable(
        pair=rng.integers(0, 40, size),
        code=rng.integers(0, 7, size),
        contribution=rng.choice([0.5, 0.25, 0.125], size),
        your_opportunity=column(largest_opportunity),
        their_opportunity=np.where(rng.random(size) < 0.5, column(3), largest_opportunity),
        your_stage=column(9),
        their_stage=column(9),
        ecosystem=column(14),
        country=column(20),
        pending=column(3),
    )
    expected = np.lexsort(
        (
            table.their_opportunity,
            table.your_opportunity,
            table.ecosystem,
            table.code,
            -table.contribution,
            table.pair,
        )
    )
    assert term_order(table).tolist() == expected.tolist()


def test_a_relevance_is_the_similarity_above_the_floor_rescaled():
    relevance = Weights().relevance(np.array([0.1, 0.25, 0.4, 1.0]), 0.25)
    assert relevance.tolist() == pytest.approx([0.0, 0.0, 0.2, 1.0])


def test_learnt_multipliers_scale_their_terms():
    compiled = compile_profiles(photonics_event(), TfidfBackend(), {})
    multipliers = Multipliers.neutral(compiled)
    multipliers.ecosystem[compiled.position[1], 5] = 0.5
    multipliers.value_chain[compiled.position[1]] = 0.25
    weights = Weights()
    terms = {t.code: t.contribution for t in terms_of(1, 2, multipliers=multipliers).terms}
    assert terms["same-ecosystem"] == weights.same_ecosystem * 0.5
    assert terms["value-chain-adjacent"] == weights.value_chain * 0.25


def test_a_reason_as_a_dict_is_what_asdict_gives():
    from dataclasses import asdict

    from modus.matchmaking.recommend import reason_dict

    for term in terms_of(1, 2).terms:
        assert reason_dict(term) == asdict(term)
