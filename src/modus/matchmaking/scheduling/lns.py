"""Large-neighbourhood search on placement: free the meetings around an unplaced one, let
CP-SAT re-place that small part at least as well, keep the rest of the schedule fixed.

At event scale the whole CP-SAT model makes no progress within seconds, while a greedy
schedule leaves a few meetings out that a local re-arrangement could fit. A neighbourhood
is the meetings of the people of an unplaced meeting and of some of their partners: what
blocks a meeting is almost always its members' other meetings and the tables of the slots
they could share.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

import numpy as np
from ortools.sat.python import cp_model

from modus.matchmaking.scheduling.board import Board
from modus.matchmaking.scheduling.model import SlotModel
from modus.matchmaking.scheduling.problem import UNPLACED, Problem

# Meetings freed per neighbourhood: large enough to re-route around a conflict, small
# enough that CP-SAT answers in a fraction of a second.
NEIGHBOURHOOD = 90
# CP-SAT's work per neighbourhood, in its deterministic time (about a second of one idle core
# per unit), not in seconds: a step cut by the clock found less on a busy machine, so the same
# event and seed placed 179 meetings alone and 176 beside other work. The deadline still ends
# the whole search.
STEP_WORK = 0.15


class PlacementSearch:
    """Raises the placed weight of a schedule by repeated small CP-SAT re-solves."""

    def __init__(
        self,
        problem: Problem,
        slot_of: np.ndarray,
        *,
        previous: np.ndarray | None = None,
        seed: int = 0,
        by_count: bool = False,
    ) -> None:
        self.problem = problem
        self.previous = previous
        # Place-all events count meetings; the others weigh them.
        self.value = np.ones_like(problem.weight_int) if by_count else problem.weight_int
        self.board = Board(problem, slot_of)
        self.rng = np.random.default_rng(seed)
        self.solver = cp_model.CpSolver()
        self.solver.parameters.num_workers = 1
        self.solver.parameters.random_seed = seed
        self.partners = [
            np.unique(np.concatenate([problem.members[k] for k in problem.meetings_of[p]]))
            if len(problem.meetings_of[p])
            else np.zeros(0, dtype=np.int64)
            for p in range(problem.n_participants)
        ]

    def weight(self) -> int:
        return int(self.value[self.board.slot_of >= 0].sum())

    def run(
        self,
        deadline: float,
        target: int,
        tick: Callable[[], None] | None = None,
        *,
        steps: int | None = None,
    ) -> np.ndarray:
        """Search until `deadline` or until the placed weight reaches `target`; with `steps`,
        after at most that many neighbourhoods (a budget that no busy machine shrinks)."""
        problem = self.problem
        candidates = np.flatnonzero(problem.placeable & (problem.pin < 0))
        budget = itertools.count() if steps is None else range(steps)
        for _ in budget:
            if time.monotonic() >= deadline - 0.05 or self.weight() >= target:
                break
            if tick is not None:
                tick()
            unplaced = candidates[self.board.slot_of[candidates] == UNPLACED]
            if unplaced.size == 0:
                break
            chance = problem.weight[unplaced] / problem.weight[unplaced].sum()
            k = int(self.rng.choice(unplaced, p=chance))
            self._step(k, deadline)
        return self.board.slot_of.copy()

    def _neighbourhood(self, k: int) -> np.ndarray:
        """Meetings of k's people and of a random choice of their partners."""
        problem = self.problem
        people = set(int(p) for p in problem.members[k])
        around = np.unique(np.concatenate([self.partners[p] for p in people]))
        self.rng.shuffle(around)
        free: set[int] = {k}
        for p in [*people, *(int(q) for q in around)]:
            mine = problem.meetings_of[p]
            mine = mine[(problem.pin[mine] < 0) & problem.placeable[mine]]
            if len(free) + mine.size > NEIGHBOURHOOD and len(free) > 1:
                break
            free.update(int(m) for m in mine)
        return np.array(sorted(free), dtype=np.int64)

    def _step(self, k: int, deadline: float) -> None:
        problem, board = self.problem, self.board
        free = self._neighbourhood(k)
        before = board.slot_of[free].copy()
        for m in free:
            if board.slot_of[m] != UNPLACED:
                board.remove(int(m))
        model = SlotModel(problem, board, free)
        weight = sum(int(self.value[m]) * model.placed[int(m)] for m in free)
        current = int(self.value[free[before >= 0]].sum())
        # Never worse; ties are accepted so that the search drifts over plateaus.
        model.model.add(weight >= current)
        if self.previous is None:
            model.model.maximize(weight)
        else:
            # Moving a published meeting counts less than any weight, but it counts.
            model.model.maximize(weight * (free.size + 1) - model.moved(self.previous))
        hint = np.full(problem.n_meetings, UNPLACED, dtype=np.int64)
        hint[free] = before
        model.hint(hint)
        self.solver.parameters.max_deterministic_time = STEP_WORK
        self.solver.parameters.max_time_in_seconds = max(deadline - time.monotonic() - 0.02, 0.01)
        status = self.solver.solve(model.model)
        after = before
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            after = model.read(self.solver, hint)[free]
        for m, s in zip(free, after, strict=True):
            if s != UNPLACED:
                board.place(int(m), int(s))
