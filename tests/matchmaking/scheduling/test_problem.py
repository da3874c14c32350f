import numpy as np

from modus.matchmaking.scheduling.instance import parse_instance
from modus.matchmaking.scheduling.problem import (
    UNPLACED,
    compile_problem,
    drop_clashes,
    evaluate,
    gaps_per_participant,
    table_cliques,
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


def _clash_matrix(n: int, pairs: list[tuple[int, int]]) -> np.ndarray:
    clash = np.zeros((n, n), dtype=bool)
    for s, t in pairs:
        clash[s, t] = clash[t, s] = True
    return clash


def _cliques(clash: np.ndarray | None, n: int) -> list[list[int]]:
    return [clique.tolist() for clique in table_cliques(clash, n)]


def test_slots_share_tables_with_the_parallel_slots_they_overlap():
    assert _cliques(None, 3) == [[0], [1], [2]]
    # Session A: 0 10:00-10:20, 1 10:20-10:40; session B: 2 10:10-10:30, 3 10:30-10:50.
    misaligned = _clash_matrix(4, [(0, 2), (1, 2), (1, 3)])
    assert _cliques(misaligned, 4) == [[0, 2], [1, 2], [1, 3]]
    # Three sessions at once, and a slot overlapping nothing.
    aligned = _clash_matrix(4, [(0, 1), (0, 2), (1, 2)])
    assert _cliques(aligned, 4) == [[0, 1, 2], [3]]


def test_overlaps_no_times_could_give_still_give_every_maximal_clique():
    # a0 and a1 each overlap b0 and b1, which no intervals can do (a 4-cycle).
    square = _clash_matrix(4, [(0, 2), (0, 3), (1, 2), (1, 3)])
    assert sorted(_cliques(square, 4)) == [[0, 2], [0, 3], [1, 2], [1, 3]]


def test_a_slot_has_a_table_while_every_clique_it_is_in_has_one():
    problem = compile_problem(
        parse_instance(
            {
                "slots": [
                    {"id": "a1", "session": "A", "clashes": ["b1"]},
                    {"id": "a2", "session": "A", "clashes": ["b1", "b2"]},
                    {"id": "b1", "session": "B"},
                    {"id": "b2", "session": "B"},
                ],
                "tables": ["T1"],
                "participants": [{"id": "p0"}, {"id": "p1"}],
                "meetings": [{"id": "m1", "participants": ["p0", "p1"]}],
            }
        )
    )
    # Cliques: {a1, b1}, {a2, b1}, {a2, b2}; a meeting in a1 fills the first.
    load = np.array([1, 0, 0])
    assert problem.slots_with_a_table(load).tolist() == [False, True, False, True]


def test_the_most_slots_apart_is_exact_for_times_and_an_upper_limit_otherwise():
    def problem_with(clashes: dict) -> object:
        slots = [{"id": s, "session": s[0], "clashes": clashes.get(s, [])} for s in clashes]
        return compile_problem(
            parse_instance(
                {
                    "slots": slots,
                    "tables": ["T1"],
                    "participants": [{"id": "p0"}, {"id": "p1"}],
                    "meetings": [{"id": "m1", "participants": ["p0", "p1"]}],
                }
            )
        )

    timed = problem_with({"a1": ["b1"], "a2": ["b1", "b2"], "b1": [], "b2": []})
    assert timed.most_at_once_apart(np.ones(4, dtype=bool)) == 2
    assert timed.most_at_once_apart(np.array([False, True, True, True])) == 2  # a2 or b1, b2
    assert timed.most_at_once_apart(np.array([True, True, False, False])) == 2
    # A 4-cycle no times give: the answer is not sought, and all four is still an upper limit.
    square = problem_with({"a1": ["b1", "b2"], "a2": ["b1", "b2"], "b1": [], "b2": []})
    assert not square.chordal
    assert square.most_at_once_apart(np.ones(4, dtype=bool)) == 4
