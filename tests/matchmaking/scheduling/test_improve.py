import math
import time

import numpy as np
from hypothesis import example, given, settings

from modus.matchmaking.scheduling.construct import first_fit
from modus.matchmaking.scheduling.feasibility import check
from modus.matchmaking.scheduling.improve import GapSearch
from modus.matchmaking.scheduling.instance import parse_instance
from modus.matchmaking.scheduling.problem import compile_problem, evaluate
from modus.matchmaking.scheduling.solver import to_solution
from tests.matchmaking.scheduling.instances import b2b, instances


def test_annealing_removes_the_gaps_of_a_real_event():
    problem = compile_problem(b2b("tic-12crafc.original"))
    start = first_fit(problem)
    search = GapSearch(problem, start, seed=2)
    assert search.gaps == evaluate(problem, start).gaps
    # A budget of moves, not seconds: a busy machine makes fewer moves in the same time.
    slot_of = search.run(math.inf, moves=20_000)
    assert evaluate(problem, slot_of).gaps < evaluate(problem, start).gaps
    assert np.array_equal(slot_of >= 0, start >= 0)
    assert check(problem.instance, to_solution(problem, slot_of)) == []


def test_pinned_meetings_stay_and_previous_slots_are_preferred():
    problem = compile_problem(b2b("tic-13.fixed020-Forb"))
    start = first_fit(problem)
    slot_of = GapSearch(problem, start, previous=start).run(time.monotonic() + 1)
    pinned = (problem.pin >= 0) & (start >= 0)
    assert np.array_equal(slot_of[pinned], problem.pin[pinned])


# Found by hypothesis: a swap put p0 in s3 and s4, which overlap across two sessions.
PARALLEL = {
    "name": "drawn",
    "objective": "max-weight",
    "slots": [
        {"id": "s0", "session": "am"},
        {"id": "s1", "session": "am"},
        {"id": "s2", "session": "am"},
        {"id": "s3", "session": "am", "clashes": ["s4"]},
        {"id": "s4", "session": "pm"},
    ],
    "tables": ["T0"],
    "participants": [{"id": "p0"}, {"id": "p1", "min_per_session": 0}, {"id": "p2"}],
    "meetings": [
        {"id": "m0", "participants": ["p0", "p1"], "weight": 1, "slot": "s0", "online": True},
        {
            "id": "m1",
            "participants": ["p0", "p2"],
            "weight": 1,
            "allowed": ["s3"],
            "online": True,
        },
        {"id": "m2", "participants": ["p0", "p1", "p2"], "weight": 1, "online": True},
    ],
}


@settings(max_examples=30, deadline=None)
@given(instances())
@example(PARALLEL)
def test_annealing_keeps_schedules_feasible(data):
    instance = parse_instance(data)
    problem = compile_problem(instance)
    start = first_fit(problem)
    slot_of = GapSearch(problem, start, seed=1).run(time.monotonic() + 0.05)
    assert check(instance, to_solution(problem, slot_of)) == []
    assert evaluate(problem, slot_of).gaps <= evaluate(problem, start).gaps
    assert evaluate(problem, slot_of).placed == evaluate(problem, start).placed
