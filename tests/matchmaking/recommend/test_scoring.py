import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modus.matchmaking.recommend import Filters, available_backends, describe, recommend, scoring
from modus.matchmaking.recommend.terms import Weights
from modus.matchmaking.recommend.tfidf import TfidfBackend
from tests.matchmaking.recommend.examples import offer, participant, photonics_event, request
from tests.matchmaking.recommend.oracle import brute_force
from tests.matchmaking.recommend.strategies import WORDS, build, events

properties = settings(max_examples=40, deadline=None)


def ids(suggestions):
    return [s.other_id for s in suggestions]


def test_a_complementary_pair_ranks_above_two_merely_similar_profiles():
    result = recommend(photonics_event())
    first, *rest = result[1]
    assert first.other_id == 2
    assert {3, 4} <= set(ids(rest))
    assert [describe(reason) for reason in first.reasons] == [
        "Their offer 'precision optics for laser systems' answers your request "
        "'optical components supplier'",
        "adjacent in the value chain: they supply components, you integrate",
        "same ecosystem: Electronics",
    ]
    assert first.score > max(s.score for s in rest)


def test_both_sides_see_the_pair_and_why():
    result = recommend(photonics_event())
    first = result[2][0]
    assert first.other_id == 1
    assert describe(first.reasons[0]) == (
        "Your offer 'precision optics for laser systems' answers their request "
        "'optical components supplier'"
    )
    assert describe(first.terms[-1]) == "cross-border: Czechia"


def test_excluded_pairs_never_appear_either_way():
    result = recommend(photonics_event(), exclusions=[(1, 2)])
    assert 2 not in ids(result[1])
    assert 1 not in ids(result[2])
    assert ids(result[3]) == ids(recommend(photonics_event())[3])


def test_people_of_ones_own_organisation_are_never_suggested():
    event = photonics_event()
    event[1] = participant(
        2, *event[1].opportunities, organisation_id="org-1", profile_text="Optical workshop"
    )
    result = recommend(event)
    assert 2 not in ids(result[1])
    assert 1 not in ids(result[2])


def test_someone_swamped_with_pending_requests_is_ranked_down():
    twin = participant(
        7,
        offer("precision optics for laser systems", "we grind lenses and optical mirrors"),
        profile_text="Optical workshop",
        country="LT",
        ecosystems={"electronics"},
        stages={4},
    )
    event = [*photonics_event(), twin]
    assert ids(recommend(event)[1])[:2] == [2, 7]  # equal scores: id order
    swamped = recommend(event, pending_requests={2: 25})[1]
    assert ids(swamped)[0] == 7
    ranked_down = swamped[ids(swamped).index(2)]
    penalty = [t for t in ranked_down.terms if t.code == "many-pending-requests"]
    assert [t.pending_requests for t in penalty] == [25]
    assert penalty[0].contribution < 0
    assert ranked_down.score == pytest.approx(swamped[0].score + penalty[0].contribution)
    assert recommend(event, pending_requests={2: 3})[1][0].other_id == 2  # within allowance


def test_not_interested_hides_and_teaches():
    before = recommend(photonics_event())
    after = recommend(photonics_event(), dismissals=[(1, 3)])
    assert 3 not in ids(after[1])
    assert 3 in ids(before[1])
    # Participant 4 shares with 1 what 3 shared: profile, ecosystem. It now weighs less.
    score_of_4 = {s.other_id: s.score for s in before[1]}[4]
    assert {s.other_id: s.score for s in after[1]}[4] < score_of_4
    # The supplier shares the ecosystem too, but the complementary pair still comes first.
    assert after[1][0].other_id == 2
    # Nobody else's list learns from 1's dismissal.
    assert [(s.other_id, s.score) for s in after[2]] == [(s.other_id, s.score) for s in before[2]]


def test_filters_restrict_who_is_suggested():
    event = photonics_event()
    assert ids(recommend(event, filters=Filters(countries={"LT"}))[1]) == [2]
    assert ids(recommend(event, filters=Filters(ecosystems={"agri-food"}))[1]) == [5]
    kinds = Filters(organisation_kinds={"cluster"})
    assert ids(recommend(event, filters=kinds)[1]) == []


def test_viewer_ids_compute_those_lists_only():
    full = recommend(photonics_event())
    some = recommend(photonics_event(), viewer_ids=[4, 1])
    assert list(some) == [1, 4]
    assert [(s.other_id, s.score) for s in some[4]] == [(s.other_id, s.score) for s in full[4]]


def test_bad_calls_say_what_is_wrong():
    with pytest.raises(ValueError, match="unknown viewer"):
        recommend(photonics_event(), viewer_ids=[99])
    with pytest.raises(ValueError, match="unique"):
        recommend([*photonics_event(), participant(1)])
    with pytest.raises(ValueError, match="k must"):
        recommend(photonics_event(), k=-1)
    assert recommend(photonics_event(), k=0) == {i: [] for i in range(1, 7)}
    assert recommend([]) == {}


def test_many_text_matches_take_the_sparse_path_and_stay_exact(monkeypatch):
    rng = random.Random(3)
    fields = []
    for index in range(120):
        opportunities = [
            (rng.choice(["offer", "request"]), " ".join(rng.sample(WORDS, 3)), frozenset(), None)
            for _ in range(3)
        ]
        fields.append((index, "CZ", "company", frozenset(), frozenset(), "", opportunities))
    event = build(fields)
    dense_viewers = []
    dense = scoring._dense_top_k

    def spy(compiled, viewers, *arguments):
        dense_viewers.extend(viewers.tolist())
        return dense(compiled, viewers, *arguments)

    monkeypatch.setattr(scoring, "_dense_top_k", spy)
    result = recommend(event, k=5)
    assert len(dense_viewers) < len(event) / 2
    expected = brute_force(event, k=5)
    assert {v: [round(s.score, 6) for s in r] for v, r in result.items()} == {
        v: [round(score, 6) for _, score in r] for v, r in expected.items()
    }


def check_structure(result, profiles, exclusions, dismissals, k):
    organisation = {p.id: p.organisation_id for p in profiles}
    hidden = {tuple(p) for p in exclusions} | {(b, a) for a, b in exclusions} | set(dismissals)
    for viewer, suggestions in result.items():
        assert len(suggestions) <= k
        assert len(set(ids(suggestions))) == len(suggestions)
        assert [s.score for s in suggestions] == sorted(
            (s.score for s in suggestions), reverse=True
        )
        for suggestion in suggestions:
            assert suggestion.participant_id == viewer
            assert suggestion.other_id != viewer
            assert organisation[suggestion.other_id] != organisation[viewer]
            assert (viewer, suggestion.other_id) not in hidden
            contributions = [term.contribution for term in suggestion.terms]
            assert suggestion.score == math.fsum(contributions)
            assert contributions == sorted(contributions, reverse=True)
            told = suggestion.reasons
            assert told == suggestion.terms[: len(told)]
            assert len(told) <= 3
            assert all(reason.contribution >= 0.01 for reason in told)
            untold = suggestion.terms[len(told) : len(told) + 1]
            assert len(told) == 3 or all(term.contribution < 0.01 for term in untold)


@properties
@given(events(), st.integers(1, 4))
def test_scores_are_their_terms_and_reasons_the_top_terms(event, k):
    profiles, exclusions, pending, dismissals = event
    result = recommend(
        profiles, k=k, exclusions=exclusions, pending_requests=pending, dismissals=dismissals
    )
    assert sorted(result) == sorted(p.id for p in profiles)
    check_structure(result, profiles, exclusions, dismissals, k)


@properties
@given(events(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_input_order(event, rng):
    profiles, exclusions, pending, dismissals = event
    shuffled = profiles[:]
    rng.shuffle(shuffled)

    def run(people, pairs):
        result = recommend(
            people, k=3, exclusions=pairs, pending_requests=pending, dismissals=dismissals
        )
        return {
            v: [(s.other_id, s.score, [(t.code, t.contribution) for t in s.terms]) for s in r]
            for v, r in result.items()
        }

    reversed_pairs = [(b, a) for a, b in reversed(exclusions)]
    assert run(shuffled, reversed_pairs) == run(profiles, exclusions)


@properties
@given(events(), st.integers(1, 5))
def test_the_top_k_are_the_best_of_everyone(event, k):
    profiles, exclusions, pending, dismissals = event
    result = recommend(
        profiles, k=k, exclusions=exclusions, pending_requests=pending, dismissals=dismissals
    )
    expected = brute_force(
        profiles, k=k, exclusions=exclusions, pending=pending, dismissals=dismissals
    )
    assert {v: [round(s.score, 6) for s in r] for v, r in result.items()} == {
        v: [round(score, 6) for _, score in r] for v, r in expected.items()
    }


@properties
@given(events(), st.sampled_from([Filters(countries={"LT"}), Filters(ecosystems={"digital"})]))
def test_filtered_lists_are_the_best_of_those_admitted(event, filters):
    profiles, exclusions, _, _ = event
    result = recommend(profiles, k=3, exclusions=exclusions, filters=filters)
    expected = brute_force(profiles, k=3, exclusions=exclusions, filters=filters)
    admitted = {p.id for p in profiles if filters.admits(p)}
    assert all(set(ids(r)) <= admitted for r in result.values())
    assert {v: [round(s.score, 6) for s in r] for v, r in result.items()} == {
        v: [round(score, 6) for _, score in r] for v, r in expected.items()
    }


def fibre_event():
    """One request answered in other words, one nobody answers, and a colleague's offer."""
    needs_fibres = request(
        "Testing of optical fibres for harsh environments",
        "oil and gas firm needs fibre sensors that survive high temperature downhole",
    )
    needs_hotel = request("hotel booking software for our spa")
    answers_fibres = offer(
        "Specialty optical fibre characterisation",
        "we measure attenuation and strength of optical fibres under heat and pressure",
    )
    colleague_fibres = offer("Optical fibre testing for harsh environments")
    bread = offer("organic sourdough bread from our bakery")
    return (
        [
            participant(1, needs_fibres, needs_hotel, organisation_id="drill"),
            participant(2, answers_fibres, country="LT"),
            participant(3, colleague_fibres, organisation_id="drill"),
            participant(4, bread, country="AT"),
        ],
        (needs_fibres, needs_hotel, answers_fibres, colleague_fibres),
    )


@pytest.mark.parametrize("backend", ["tfidf", "embedding"])
def test_answers_name_each_answered_request_and_leave_out_the_unanswered(backend):
    if backend not in available_backends():
        pytest.skip(f"the {backend} backend is not installed")
    event, (needs_fibres, needs_hotel, answers_fibres, colleague) = fibre_event()
    answers = {}
    result = recommend(event, backend=backend, answers=answers)
    # The colleague's offer matches best but is never suggested, so it answers nothing;
    # the hotel software is answered by no one.
    assert answers == {needs_fibres.id: [answers_fibres.id]}
    assert result == recommend(event, backend=backend)


def test_answers_count_only_people_who_may_be_suggested_to_the_viewers_asked_about():
    event, (needs_fibres, _, answers_fibres, _) = fibre_event()
    hidden = {}
    recommend(event, candidate_ids=[1, 3, 4], answers=hidden)
    assert hidden == {}
    others = {}
    recommend(event, viewer_ids=[2, 4], answers=others)
    assert others == {}
    mine = {}
    recommend(event, viewer_ids=[1], answers=mine)
    assert mine == {needs_fibres.id: [answers_fibres.id]}


def test_answers_come_best_first():
    needs = request("laser optics lenses supplier")
    close, far = offer("laser optics lenses"), offer("laser optics repair service")
    event = [participant(1, needs), participant(2, far), participant(3, close)]
    event.append(participant(4, offer("organic bread")))
    answers = {}
    recommend(event, answers=answers)
    assert answers == {needs.id: [close.id, far.id]}


class Demanding(TfidfBackend):
    """TF-IDF that counts an offer as answering a request only from cosine 0.5 up."""

    answer_level = 0.5


class Lenient(TfidfBackend):
    """TF-IDF that counts every offer above the noise floor as answering."""

    answer_level = TfidfBackend.noise_floor


KINDS = {
    "offer-answers-request": "answers",
    "request-answered-by-offer": "answers",
    "offer-may-answer-request": "near",
    "request-may-be-answered-by-offer": "near",
}


def told_pairs(result) -> dict[str, dict[tuple, float]]:
    """Text terms by kind ("answers", "near"), each as (viewer, other, your opportunity,
    their opportunity, code) -> contribution."""
    told = {"answers": {}, "near": {}}
    for viewer, suggestions in result.items():
        for suggestion in suggestions:
            for term in suggestion.terms:
                if term.code in KINDS:
                    key = (viewer, suggestion.other_id, term.your_opportunity_id)
                    key += (term.their_opportunity_id, term.code)
                    told[KINDS[term.code]][key] = term.contribution
    return told


@properties
@given(events(), st.sampled_from([TfidfBackend(), Demanding()]))
def test_a_request_is_answered_exactly_when_an_offer_of_another_organisation_relates_to_it(
    event, backend
):
    """With k large enough, a suggestion tells "their offer answers your request" for an
    answered request (of that person's offer) and for no other; an offer between the floor
    and the backend's answer level "may answer" it, and the request is not answered by it.
    Of the near misses between two people, only the best counts."""
    profiles, exclusions, pending, dismissals = event
    answers = {}
    result = recommend(profiles, k=len(profiles), answers=answers, backend=backend)
    told = told_pairs(result)
    assert {key[2:4] for key in told["answers"] if key[4] == "offer-answers-request"} == {
        (r, o) for r, offers in answers.items() for o in offers
    }
    # With no level above the floor, every related pair answers; the level moves pairs
    # from one reason to the other, unchanged, and leaves two people their best near miss.
    related = told_pairs(recommend(profiles, k=len(profiles), backend=Lenient()))
    assert not related["near"]
    plain = {key[:4]: value for key, value in related["answers"].items()}
    answering = {key[:4]: value for key, value in told["answers"].items()}
    near = {key[:4]: value for key, value in told["near"].items()}
    for key, contribution in [*answering.items(), *near.items()]:
        assert contribution == pytest.approx(plain[key], rel=1e-5)
    missed = {key: value for key, value in plain.items() if key not in answering}
    for people in {key[:2] for key in missed}:
        best = max(value for key, value in missed.items() if key[:2] == people)
        told_near = [value for key, value in near.items() if key[:2] == people]
        assert told_near == [pytest.approx(best, rel=1e-5)]


class Given:
    """A dense backend whose unit vectors are given per title."""

    name = "given"
    noise_floor = 0.1
    answer_level = 0.5

    def __init__(self, vectors: dict[str, list[float]]) -> None:
        self.vectors = {f"{title}. {title}. ": vector for title, vector in vectors.items()}

    def fit_transform(self, texts):
        return np.array([self.vectors.get(text, [0.0] * 6) for text in texts], np.float32)


def test_one_answer_outranks_someone_whose_offers_only_come_near_two_requests():
    """Two near misses (0.45 each) would sum to more than one answer (0.6): only the best
    counts, so the one whose offer answers comes first, and the other is told of one."""
    near = math.sqrt(1 - 0.45**2)
    backend = Given(
        {
            "a": [1, 0, 0, 0, 0, 0],
            "b": [0, 1, 0, 0, 0, 0],
            "x": [0.6, 0, 0.8, 0, 0, 0],
            "y": [0.45, 0, 0, near, 0, 0],
            "z": [0, 0.45, 0, 0, near, 0],
        }
    )
    profiles = [
        participant(1, request("a"), request("b")),
        participant(2, offer("x")),
        participant(3, offer("y"), offer("z")),
    ]
    suggestions = recommend(profiles, backend=backend, viewer_ids=[1])[1]
    assert ids(suggestions) == [2, 3]
    assert [reason.code for reason in suggestions[1].terms] == ["offer-may-answer-request"]
    relevance = Weights().relevance(0.45, Given.noise_floor)
    assert suggestions[1].score == pytest.approx(relevance, rel=1e-5)
