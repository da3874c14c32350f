"""Large-neighbourhood search on placement: never worse, feasible, and it closes gaps to
the bound that the greedy construction leaves.

Budgets are counted in neighbourhoods, never in seconds: on a busy machine a few seconds held
too few of them to place anything more.
"""

import math

import numpy as np
import pytest

from modus.matchmaking.scheduling.bound import lp_bound
from modus.matchmaking.scheduling.construct import first_fit, greedy
from modus.matchmaking.scheduling.feasibility import check
from modus.matchmaking.scheduling.lns import PlacementSearch
from modus.matchmaking.scheduling.problem import compile_problem, evaluate
from modus.matchmaking.scheduling.solver import to_solution
from modus.matchmaking.scheduling.synthetic import generate


@pytest.fixture(scope="module")
def event():
    problem = compile_problem(generate(300, seed=3))
    return problem, lp_bound(problem)


def test_search_places_more_weight_than_greedy_and_stays_feasible(event):
    problem, relaxation = event
    start = greedy(problem, guide=relaxation.guide)
    search = PlacementSearch(problem, start, seed=1)
    result = search.run(math.inf, relaxation.bound.weight, steps=10)
    before, after = evaluate(problem, start), evaluate(problem, result)
    assert after.weight > before.weight
    assert after.weight <= relaxation.bound.weight
    assert check(problem.instance, to_solution(problem, result)) == []


def test_search_from_first_fit_never_loses_weight(event):
    problem, relaxation = event
    start = first_fit(problem)
    search = PlacementSearch(problem, start, seed=2)
    result = search.run(math.inf, relaxation.bound.weight, steps=3)
    assert evaluate(problem, result).weight >= evaluate(problem, start).weight
    assert check(problem.instance, to_solution(problem, result)) == []


def test_search_with_a_previous_schedule_moves_no_more_than_needed(event):
    problem, relaxation = event
    previous = greedy(problem, guide=relaxation.guide)
    search = PlacementSearch(problem, previous, previous=previous, seed=4)
    result = search.run(math.inf, relaxation.bound.weight, steps=10)
    after = evaluate(problem, result, previous)
    assert after.weight >= evaluate(problem, previous).weight
    gained = int((result >= 0).sum() - (previous >= 0).sum())
    # Each step keeps its moves to the fewest that its own gain needs; a plain re-shuffle
    # would move hundreds.
    assert after.moved <= 10 * max(gained, 1)


def test_search_stops_at_once_when_the_bound_is_reached(event, monkeypatch):
    problem, _ = event
    start = greedy(problem)
    reached = int(problem.weight_int[start >= 0].sum())
    search = PlacementSearch(problem, start)
    monkeypatch.setattr(search, "_step", lambda *args: pytest.fail("searched past the bound"))
    result = search.run(math.inf, reached)
    assert np.array_equal(result, start)


def test_the_same_seed_and_budget_give_the_same_schedule(event):
    # Each re-solve is given work, not seconds, so how busy the machine is changes nothing.
    problem, relaxation = event
    start = greedy(problem, guide=relaxation.guide)
    first, again = (
        PlacementSearch(problem, start, seed=5).run(math.inf, relaxation.bound.weight, steps=8)
        for _ in range(2)
    )
    assert np.array_equal(first, again)
