import numpy as np

from modus.matchmaking.scheduling.instance import parse_instance
from modus.matchmaking.scheduling.problem import (
    UNPLACED,
    compile_problem,
    drop_clashes,
    evaluate,
    gaps_per_participant,
)
from tests.matchmaking.scheduling.instances import tiny


def _two_sessions() -> dict:
    return {
        "slots": [{"id": f"a{i}", "session": "am"} for i in range(3)]
        + [{"id": f"b{i}", "session": "pm"} for i in range(3)],
        "tables": ["T1"],
        "participants": [
            {"id": "p1", "available": ["a0", "a1", "b2"], "max_meetings": 9},
            {"id": "p2"},
            {"id": "p3"},
        ],
        "meetings": [
            {"id": "m1", "participants": ["p1", "p2"], "allowed": ["a1", "b2", "b0"]},
            {"id": "m2", "participants": ["p2", "p3"], "slot": "b1"},
            {"id": "m3", "participants": ["p2", "p3"], "slot": "b1", "allowed": ["a0"]},
        ],
    }


def test_feasible_slots_combine_availability_allowed_and_pin():
    problem = compile_problem(parse_instance(_two_sessions()))
    assert problem.feasible.astype(int).tolist() == [
        [0, 1, 0, 0, 0, 1],
        [0, 0, 0, 0, 1, 0],
        [0, 0, 0, 0, 0, 0],
    ]
    assert problem.cap.tolist() == [6, 6, 6]
    assert problem.demand.tolist() == [1, 2, 1]


def test_gaps_count_idle_periods_within_each_session():
    problem = compile_problem(parse_instance(_two_sessions()))
    busy = np.array(
        [
            [1, 0, 1, 1, 0, 1],  # one gap in the morning, one in the afternoon
            [1, 0, 0, 0, 0, 1],  # the break between sessions is no gap
            [0, 0, 0, 0, 0, 0],
        ],
        dtype=bool,
    )
    assert gaps_per_participant(problem, busy).tolist() == [2, 0, 0]


def test_evaluate_scores_weight_fairness_and_moves():
    problem = compile_problem(tiny())
    slot_of = np.array([0, -1, 2, 1])
    score = evaluate(problem, slot_of, previous=np.array([0, 1, 1, -1]))
    assert (score.placed, score.weight, score.starved, score.gaps, score.moved) == (3, 4, 0, 1, 2)
    assert score.floor == 1


def test_drop_clashes_keeps_the_heavier_meeting():
    instance = parse_instance(
        {
            "slots": [
                {"id": "a1", "session": "A", "clashes": ["b1"]},
                {"id": "b1", "session": "B"},
            ],
            "tables": ["T1", "T2"],
            "participants": [{"id": "p0"}, {"id": "p1"}, {"id": "p2"}],
            "meetings": [
                {"id": "m1", "participants": ["p0", "p1"]},
                {"id": "m2", "participants": ["p0", "p2"], "weight": 3},
            ],
        }
    )
    problem = compile_problem(instance)
    assert drop_clashes(problem, np.array([0, 1])).tolist() == [UNPLACED, 1]
    assert problem.clear_of(np.array([True, False])).tolist() == [False, False]
