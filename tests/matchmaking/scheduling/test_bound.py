import itertools

import numpy as np
from hypothesis import given, settings

from modus.matchmaking.scheduling.board import Board
from modus.matchmaking.scheduling.bound import lp_bound, trivial_bound
from modus.matchmaking.scheduling.instance import parse_instance
from modus.matchmaking.scheduling.problem import compile_problem
from tests.matchmaking.scheduling.instances import b2b, instances, tiny


def _best_by_enumeration(problem) -> tuple[int, int]:
    """Most meetings and most weight over every schedule (tiny instances only)."""
    best_placed = best_weight = 0
    options = [
        [-1, *np.flatnonzero(problem.feasible[k]).tolist()] for k in range(problem.n_meetings)
    ]
    for choice in itertools.product(*options):
        board = Board(problem)
        for k, s in enumerate(choice):
            if s >= 0:
                if not board.free_slots(k)[s]:
                    break
                board.place(k, s)
        else:
            placed = board.slot_of >= 0
            best_placed = max(best_placed, int(placed.sum()))
            best_weight = max(best_weight, int(problem.weight_int[placed].sum()))
    return best_placed, best_weight


def test_forbidden_slots_leave_room_for_179_of_180():
    relaxation = lp_bound(compile_problem(b2b("tic-13.forb0003")))
    assert relaxation.bound.placed == 179


def test_one_table_bounds_the_tiny_event():
    problem = compile_problem(tiny(tables=["T1"]))
    assert lp_bound(problem).bound.placed == 3
    assert trivial_bound(problem).placed == 4


@settings(max_examples=30, deadline=None)
@given(instances())
def test_the_bound_is_never_below_the_optimum(data):
    problem = compile_problem(parse_instance(data))
    if np.prod([problem.feasible[k].sum() + 1 for k in range(problem.n_meetings)]) > 20_000:
        return
    relaxation = lp_bound(problem)
    placed, weight = _best_by_enumeration(problem)
    assert relaxation.bound.placed >= placed
    assert relaxation.bound.weight >= weight
    assert relaxation.guide.shape == (problem.n_meetings,)


def test_parallel_sessions_bound_a_table_and_a_person_by_slots_apart():
    # b1 overlaps a1 and a2, b2 overlaps a2: at most two of the four slots lie apart.
    slots = [
        {"id": "a1", "session": "A", "clashes": ["b1"]},
        {"id": "a2", "session": "A", "clashes": ["b1", "b2"]},
        {"id": "b1", "session": "B"},
        {"id": "b2", "session": "B"},
    ]
    one_table = {
        "slots": slots,
        "tables": ["T1"],
        "participants": [{"id": f"p{i}"} for i in range(8)],
        "meetings": [
            {"id": f"m{i}", "participants": [f"p{2 * i}", f"p{2 * i + 1}"]} for i in range(4)
        ],
    }
    assert lp_bound(compile_problem(parse_instance(one_table))).bound.placed == 2
    # Without tables to share, one person with four meetings is the limit.
    one_person = {
        **one_table,
        "tables": ["T1", "T2", "T3", "T4"],
        "meetings": [{"id": f"m{i}", "participants": ["p0", f"p{i + 1}"]} for i in range(4)],
    }
    assert lp_bound(compile_problem(parse_instance(one_person))).bound.placed == 2
