import numpy as np
import pytest

from modus.matchmaking.scheduling.board import Board, assign_tables
from modus.matchmaking.scheduling.problem import compile_problem
from tests.matchmaking.scheduling.instances import tiny


def test_place_and_remove_keep_occupancy():
    problem = compile_problem(tiny())
    board = Board(problem)
    board.place(0, 1)
    assert board.free_slots(1).tolist() == [True, False, True]
    board.remove(0)
    assert board.free_slots(1).tolist() == [True, True, True]
    assert board.count.tolist() == [0, 0, 0, 0]


def test_caps_and_tables_close_slots():
    instance = tiny(
        tables=["T1"],
        participants=[{"id": "p0", "max_meetings": 1}, {"id": "p1"}, {"id": "p2"}, {"id": "p3"}],
    )
    board = Board(compile_problem(instance))
    board.place(0, 0)
    assert board.free_slots(1).tolist() == [False, False, False]  # p0 is at the cap
    assert board.free_slots(3).tolist() == [False, True, True]  # p1 busy, table taken in s0


def test_stand_holders_sit_at_their_stand_and_others_prefer_ordinary_tables():
    instance = tiny(
        participants=[{"id": "p0", "booth": "T2"}, {"id": "p1"}, {"id": "p2"}, {"id": "p3"}],
    )
    problem = compile_problem(instance)
    tables = assign_tables(problem, np.array([0, 1, 2, 0]))
    assert tables.tolist() == [1, 1, 1, 0]


def test_overfull_slot_is_refused():
    problem = compile_problem(tiny(tables=["T1"]))
    with pytest.raises(ValueError, match="more meetings than tables"):
        assign_tables(problem, np.array([-1, 0, -1, 0]))
