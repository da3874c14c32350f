import time

import numpy as np

from modus.matchmaking.scheduling.construct import first_fit
from modus.matchmaking.scheduling.exact import solve_exact
from modus.matchmaking.scheduling.problem import compile_problem, evaluate
from tests.matchmaking.scheduling.instances import tiny


def test_every_phase_is_proven_on_a_tiny_event():
    problem = compile_problem(tiny())
    result = solve_exact(problem, first_fit(problem), time.monotonic() + 10)
    assert result.proven
    assert result.first_bound == 5
    score = evaluate(problem, result.slot_of)
    assert (score.weight, score.starved, score.gaps) == (5, 0, 0)


def test_a_previous_optimal_schedule_is_not_moved():
    problem = compile_problem(tiny())
    first = solve_exact(problem, first_fit(problem), time.monotonic() + 10).slot_of
    again = solve_exact(problem, first_fit(problem), time.monotonic() + 10, previous=first)
    assert again.proven
    assert evaluate(problem, again.slot_of, first).moved == 0


def test_place_all_places_what_fits():
    problem = compile_problem(tiny(objective="place-all-min-gaps", tables=["T1"]))
    result = solve_exact(problem, np.full(4, -1), time.monotonic() + 10)
    assert result.proven
    assert result.first_bound == 3
    assert evaluate(problem, result.slot_of).placed == 3
