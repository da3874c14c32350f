import time

import numpy as np
from hypothesis import given, settings
from ortools.sat.python import cp_model

from modus.matchmaking.scheduling.construct import greedy
from modus.matchmaking.scheduling.instance import parse_instance
from modus.matchmaking.scheduling.model import GapModel
from modus.matchmaking.scheduling.placeall import _place, solve_place_all
from modus.matchmaking.scheduling.problem import compile_problem, evaluate
from tests.matchmaking.scheduling.instances import CEILING, b2b, instances, tiny


def _minimise_gaps(model: GapModel) -> cp_model.CpSolver:
    model.model.minimize(model.gaps())
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model.model) == cp_model.OPTIMAL
    return solver


@settings(max_examples=30, deadline=None)
@given(instances(objective="place-all-min-gaps"))
def test_gap_literals_count_the_gaps_at_the_optimum(data):
    problem = compile_problem(parse_instance(data))
    model = GapModel(problem, force_all=False)
    solver = _minimise_gaps(model)
    slot_of = model.read(solver)
    assert round(solver.objective_value) == evaluate(problem, slot_of).gaps


def test_a_break_between_sessions_is_not_a_gap():
    slots = [{"id": "a0", "session": "am"}, {"id": "p0", "session": "pm"}]
    problem = compile_problem(
        tiny(
            objective="place-all-min-gaps",
            slots=slots,
            meetings=[
                {"id": "m1", "participants": ["p0", "p1"], "slot": "a0"},
                {"id": "m2", "participants": ["p0", "p2"], "slot": "p0"},
            ],
        )
    )
    solver = _minimise_gaps(GapModel(problem, force_all=True))
    assert round(solver.objective_value) == 0


def test_an_idle_slot_between_meetings_is_one_gap():
    problem = compile_problem(
        tiny(
            objective="place-all-min-gaps",
            meetings=[
                {"id": "m1", "participants": ["p0", "p1"], "slot": "s0"},
                {"id": "m2", "participants": ["p0", "p2"], "slot": "s2"},
            ],
        )
    )
    solver = _minimise_gaps(GapModel(problem, force_all=True))
    assert round(solver.objective_value) == 1


def test_every_meeting_of_a_pinned_event_is_placed():
    # 20% of the meetings pinned: placing all of them is a pure feasibility problem.
    problem = compile_problem(b2b("forumt-14.fixed020-Forb"))
    # The placing step alone, which returns once all are placed: a whole solve runs to its
    # deadline, and a short deadline fails on a busy machine.
    slot_of, bound, proven = _place(
        problem, greedy(problem), problem.n_meetings, time.monotonic() + CEILING, workers=2, seed=0
    )
    assert (bound, proven) == (problem.n_meetings, True)
    assert (slot_of >= 0).all()
    assert (slot_of[problem.pin >= 0] == problem.pin[problem.pin >= 0]).all()


def test_a_gap_free_event_is_proven_optimal():
    problem = compile_problem(b2b("tic-12.original"))
    deadline = time.monotonic() + CEILING
    result = solve_place_all(problem, greedy(problem), problem.n_meetings, deadline)
    assert result.proven
    assert evaluate(problem, result.slot_of).gaps == 0


def test_when_not_all_fit_the_most_are_placed():
    problem = compile_problem(tiny(objective="place-all-min-gaps", tables=["T1"]))
    empty = np.full(problem.n_meetings, -1)
    result = solve_place_all(problem, empty, problem.n_meetings, time.monotonic() + 1)
    assert result.placed_bound == 3
    assert (result.slot_of >= 0).sum() == 3
    assert result.proven


def test_a_complete_hint_is_a_solution_of_the_model():
    problem = compile_problem(b2b("tic-12.original"))
    first = GapModel(problem, force_all=True)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(first.model) == cp_model.OPTIMAL
    start = first.read(solver)
    model = GapModel(problem, force_all=True)
    model.model.minimize(model.gaps())
    model.hint(start, complete=True)
    solver.parameters.fix_variables_to_their_hinted_value = True
    assert solver.solve(model.model) == cp_model.OPTIMAL
    assert (model.read(solver) == start).all()
    assert round(solver.objective_value) == evaluate(problem, start).gaps
