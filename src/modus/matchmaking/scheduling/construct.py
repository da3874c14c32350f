"""Fast constructions: the plain first-fit baseline and a gap-aware greedy."""

from __future__ import annotations

import numpy as np

from modus.matchmaking.scheduling.board import Board
from modus.matchmaking.scheduling.problem import Problem


def first_fit(problem: Problem) -> np.ndarray:
    """Baseline: meetings in input order, each in the earliest slot where it fits."""
    board = Board(problem)
    for k in range(problem.n_meetings):
        free = np.flatnonzero(board.free_slots(k))
        if free.size:
            board.place(k, int(free[0]))
    return board.slot_of


def _order(problem: Problem, rng: np.random.Generator, guide: np.ndarray | None) -> np.ndarray:
    """Pinned first, then what the LP picks, heavier, least flexible (fewest slots, busiest)."""
    options = problem.feasible.sum(axis=1)
    load = np.array([len(problem.meetings_of[p]) for p in range(problem.n_participants)])
    busiest = np.array([load[people].max() for people in problem.members])
    noise = rng.random(problem.n_meetings)
    # lexsort sorts by the last key first.
    picked = np.zeros(problem.n_meetings) if guide is None else -np.round(guide, 3)
    return np.lexsort((noise, -busiest, options, -problem.weight, picked, problem.pin < 0))


def _slot_preference(problem: Problem, board: Board, k: int, free: np.ndarray) -> int:
    """Among free slots, the one next to the members' other meetings of the same session."""
    people = problem.members[k]
    busy = board.occupied[people]
    before = np.zeros_like(busy)
    before[:, 1:] = busy[:, :-1]
    before[:, problem.first_of_session] = False
    after = np.zeros_like(busy)
    after[:, :-1] = busy[:, 1:]
    after[:, np.roll(problem.first_of_session, -1)] = False
    touching = (before | after).sum(axis=0)
    # Fewer tables used keeps room for meetings that have no choice of slot.
    score = touching * 1000 - board.tables_used
    score = np.where(free, score, np.iinfo(np.int64).min)
    return int(np.argmax(score))


def greedy(
    problem: Problem,
    seed: int = 0,
    start: np.ndarray | None = None,
    guide: np.ndarray | None = None,
) -> np.ndarray:
    """Place meetings one by one in a good order, each next to the members' other meetings.

    `start` is a partial schedule to keep; `guide` the LP's fraction per meeting, placed
    in decreasing order, since the LP optimum is close to a good integral choice.
    """
    rng = np.random.default_rng(seed)
    board = Board(problem, start)
    for k in _order(problem, rng, guide):
        if board.slot_of[k] >= 0:
            continue
        free = board.free_slots(int(k))
        if free.any():
            board.place(int(k), _slot_preference(problem, board, int(k), free))
    return board.slot_of
