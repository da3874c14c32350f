"""Place every meeting, then fewest gaps: the published B2B benchmark's objective.

1. Placing: if the LP bound allows placing every meeting, CP-SAT looks for any schedule
   that places them all (a feasibility problem, usually solved in well under a second);
   otherwise, or if that fails, small CP-SAT re-solves around unplaced meetings (`lns`)
   try to reach the bound, and then CP-SAT maximises the number placed on the whole model,
   capped by the LP bound so that reaching the bound ends the search at once.
2. Gaps: with every meeting placed, core-guided MaxSAT (`maxsat`) searches for the proven
   optimum in child processes, while this process runs simulated annealing (Kempe-chain
   moves) and then CP-SAT on `GapModel`, hinted with the annealed schedule. CP-SAT's
   core-based worker proves lower bounds (often the optimum) while the other searches for
   schedules. The first proven optimum ends the search; otherwise the best schedule wins.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from modus.matchmaking.scheduling.improve import GapSearch
from modus.matchmaking.scheduling.lns import PlacementSearch
from modus.matchmaking.scheduling.maxsat import Portfolio, suitable
from modus.matchmaking.scheduling.model import GapModel
from modus.matchmaking.scheduling.problem import Problem, evaluate

# At most this share of the budget for placing.
PLACING_SHARE = 0.4
# The first, short round of gap search: seconds of annealing, then of CP-SAT, which proves
# many events optimal within them.
FIRST_ANNEALING_SECONDS = 2.0
FIRST_POLISH_SECONDS = 3.0
# Then annealing for this share of what is left, and CP-SAT for the rest: from a schedule
# with a few gaps, CP-SAT often finds the gap-free one that annealing misses.
SECOND_ANNEALING_SHARE = 0.3
# Seconds kept back for reading the result and building the answer.
RESERVE = 0.2


@dataclass
class PlaceAllResult:
    """The best schedule, whether it is proven optimal, and the proven bound on placed."""

    slot_of: np.ndarray
    proven: bool
    placed_bound: int


def _solver(limit: float, workers: int, seed: int, *, core: bool = False) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(limit, 0.05)
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = max(workers, 1)
    if core:
        if workers >= 2:
            # One core-based worker (lower bounds, and the optimum once the bound is tight),
            # one without LP for fast schedules; CP-SAT interleaves its neighbourhood search.
            solver.parameters.subsolvers.extend(["core", "no_lp"])
        else:
            solver.parameters.optimize_with_core = True
    return solver


def _place(
    problem: Problem, start: np.ndarray, bound: int, deadline: float, workers: int, seed: int
) -> tuple[np.ndarray, int, bool]:
    """(schedule, bound on placed, whether placing is proven best) with as many placed as found."""
    best = start.copy()
    n_placeable = int(problem.placeable.sum())
    if int((best >= 0).sum()) >= bound:
        return best, bound, True
    if bound >= problem.n_meetings and n_placeable == problem.n_meetings:
        model = GapModel(problem, force_all=True)
        model.hint(best)
        limit = (deadline - time.monotonic() - RESERVE) / 2
        solver = _solver(limit, workers, seed)
        status = solver.solve(model.model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return model.read(solver), bound, True
        if status == cp_model.INFEASIBLE:
            bound = min(bound, problem.n_meetings - 1)
    # Small re-solves around each unplaced meeting usually reach the bound in a second.
    search = PlacementSearch(problem, best, seed=seed, by_count=True)
    best = search.run(time.monotonic() + (deadline - time.monotonic()) * 0.75, bound)
    if int((best >= 0).sum()) >= bound:
        return best, bound, True
    model = GapModel(problem, force_all=False)
    # A valid cut: reaching the LP bound then proves the placing optimal immediately.
    model.model.add(model.placed_count <= bound)
    model.hint(best)
    model.model.maximize(model.placed_count)
    solver = _solver(deadline - time.monotonic() - RESERVE, workers, seed)
    status = solver.solve(model.model)
    proven = False
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        found = model.read(solver)
        if (found >= 0).sum() >= (best >= 0).sum():
            best = found
        if status == cp_model.OPTIMAL:
            bound, proven = int((best >= 0).sum()), True
        else:
            bound = min(bound, int(np.floor(solver.best_objective_bound + 1e-6)))
    return best, bound, proven or int((best >= 0).sum()) >= bound


def solve_place_all(
    problem: Problem,
    start: np.ndarray,
    placed_bound: int,
    deadline: float,
    *,
    workers: int = 2,
    seed: int = 0,
) -> PlaceAllResult:
    """Most meetings placed (all, where possible), then fewest gaps, by `deadline`.

    Gaps: MaxSAT in child processes once the number placed is proven the most; meanwhile a
    short round of annealing then CP-SAT, which often ends with a proven optimum within
    seconds; if not, a long round of the same from the best schedule.
    """
    started = time.monotonic()
    budget = max(deadline - started, 0.0)
    slot_of, placed_bound, placed_proven = _place(
        problem, start, placed_bound, started + budget * PLACING_SHARE, workers, seed
    )
    placed = int((slot_of >= 0).sum())
    portfolio = None
    if placed_proven and suitable(problem):
        portfolio = Portfolio(problem, deadline, placed)
        # The children take the cores; this process searches on at a lower pace meanwhile.
        workers = 1
    stop = portfolio.answered if portfolio else threading.Event()
    try:
        gaps = _GapRounds(problem, placed, workers, seed, stop)
        slot_of, proven = gaps.run(slot_of, deadline)
        if portfolio is not None and (answer := portfolio.answer()) is not None:
            found, _ = answer
            if (found >= 0).sum() >= placed and (
                evaluate(problem, found).gaps <= evaluate(problem, slot_of).gaps
            ):
                slot_of, proven = found, True
    finally:
        if portfolio is not None:
            portfolio.stop()
    return PlaceAllResult(slot_of, proven and placed_proven, placed_bound)


@dataclass
class _GapRounds:
    """Annealing then CP-SAT on the gaps, keeping `placed` meetings; ends once `stop` is set."""

    problem: Problem
    placed: int
    workers: int
    seed: int
    stop: threading.Event

    def run(self, slot_of: np.ndarray, deadline: float) -> tuple[np.ndarray, bool]:
        """A short round, and a long one unless that proved the optimum."""
        budget = max(deadline - time.monotonic(), 0.0)
        short = min(FIRST_ANNEALING_SECONDS, budget * 0.1)
        first_deadline = min(deadline, time.monotonic() + short + FIRST_POLISH_SECONDS)
        slot_of, proven = self._round(slot_of, short, first_deadline, self.seed)
        if not proven and not self.stop.is_set():
            long = (deadline - time.monotonic()) * SECOND_ANNEALING_SHARE
            # Another seed: the second round should not retrace the first one's moves.
            slot_of, proven = self._round(slot_of, long, deadline, self.seed + 1)
        return slot_of, proven

    def _round(
        self, slot_of: np.ndarray, annealing: float, deadline: float, seed: int
    ) -> tuple[np.ndarray, bool]:
        """Anneal for `annealing` seconds, then CP-SAT until `deadline`; whether proven."""
        search = GapSearch(self.problem, slot_of, seed=seed)
        slot_of = search.run(time.monotonic() + annealing, stop=self.stop)
        if evaluate(self.problem, slot_of).gaps == 0:
            return slot_of, True
        if self.stop.is_set():
            return slot_of, False
        return self._polish(slot_of, deadline, seed)

    def _polish(self, slot_of: np.ndarray, deadline: float, seed: int) -> tuple[np.ndarray, bool]:
        """CP-SAT on the gap model from `slot_of`: the better schedule, and whether proven."""
        problem, placed = self.problem, self.placed
        limit = deadline - time.monotonic() - RESERVE
        if limit <= 0.05:
            return slot_of, False
        gaps = evaluate(problem, slot_of).gaps
        everything = placed == problem.n_meetings
        model = GapModel(problem, force_all=everything, at_least=None if everything else placed)
        model.model.add(model.gaps() <= gaps)
        model.model.minimize(model.gaps())
        model.hint(slot_of, complete=True, limit=min(2.0, limit / 4))
        limit = deadline - time.monotonic() - RESERVE
        solver = _solver(limit, self.workers, seed, core=True)
        # CP-SAT's own stop is thread-safe: end the solve as soon as `stop` is set.
        stop = self.stop
        threading.Thread(
            target=lambda: stop.wait(limit) and solver.stop_search(), daemon=True
        ).start()
        status = solver.solve(model.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return slot_of, False
        found = model.read(solver)
        if evaluate(problem, found).gaps <= gaps and (found >= 0).sum() >= placed:
            slot_of = found
        return slot_of, status == cp_model.OPTIMAL
