import numpy as np
from ortools.sat.python import cp_model

from modus.matchmaking.scheduling.board import Board
from modus.matchmaking.scheduling.model import SlotModel
from modus.matchmaking.scheduling.problem import compile_problem, evaluate
from tests.matchmaking.scheduling.instances import tiny


def _solve(sub: SlotModel) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(sub.model) == cp_model.OPTIMAL
    return solver


def test_weight_then_gaps_on_the_whole_model():
    problem = compile_problem(tiny())
    sub = SlotModel(problem, Board(problem), np.arange(problem.n_meetings))
    sub.model.maximize(sub.weight() * 100 - sub.gaps())
    solver = _solve(sub)
    slot_of = sub.read(solver, np.full(problem.n_meetings, -1))
    score = evaluate(problem, slot_of)
    assert (score.weight, score.gaps) == (5, 0)
    assert round(solver.objective_value) == 500


def test_fixed_meetings_shape_the_free_ones():
    problem = compile_problem(tiny(tables=["T1"]))
    board = Board(problem)
    board.place(0, 1)  # m1 (p0, p1) fixed in the middle slot
    sub = SlotModel(problem, board, np.array([1, 2]))
    sub.model.maximize(sub.placed_count() * 100 - sub.gaps())
    solver = _solve(sub)
    slot_of = sub.read(solver, board.slot_of)
    assert sorted(slot_of[[1, 2]].tolist()) == [0, 2]
    assert evaluate(problem, slot_of).gaps == 0


def test_floor_served_and_moves():
    problem = compile_problem(tiny())
    sub = SlotModel(problem, Board(problem), np.arange(problem.n_meetings))
    previous = np.array([2, 1, 0, 0])
    floor = sub.floor()
    sub.model.maximize(sub.served() * 1000 + floor * 100 - sub.moved(previous))
    sub.hint(previous)
    solver = _solve(sub)
    assert solver.value(floor) == 3  # everyone gets all the meetings they asked for
    assert round(solver.objective_value) == 4 * 1000 + 3 * 100
