"""The scheduler's entry point: bound, construct, improve, and answer within the time limit."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping

import numpy as np

from modus.matchmaking.scheduling.board import Board, assign_tables
from modus.matchmaking.scheduling.bound import lp_bound
from modus.matchmaking.scheduling.construct import greedy
from modus.matchmaking.scheduling.exact import solve_exact
from modus.matchmaking.scheduling.improve import GapSearch
from modus.matchmaking.scheduling.instance import Assignment, Instance, Solution
from modus.matchmaking.scheduling.lns import PlacementSearch
from modus.matchmaking.scheduling.placeall import solve_place_all
from modus.matchmaking.scheduling.problem import (
    UNPLACED,
    WEIGHT_SCALE,
    Problem,
    compile_problem,
    drop_clashes,
    evaluate,
)

# Up to this many (meeting, slot) pairs the whole model goes to CP-SAT, which can prove optimality.
EXACT_MODEL_LIMIT = 12_000
# Shares of the time on small instances: CP-SAT placing, annealing gaps, CP-SAT polishing.
PLACING_SHARE = 0.25
POLISH_SHARE = 0.2
# Share of the time kept for building the answer on large instances (tables, JSON).
FINISH_RESERVE = 0.05
# Large instances: at most this share of the time goes to placing more (the rest to gaps).
PLACEMENT_SHARE = 0.6


def _previous_slots(problem: Problem, previous: object) -> np.ndarray | None:
    """Slot per meeting from a previous `Solution`, assignments, or {meeting: slot} mapping."""
    if previous is None:
        return None
    if isinstance(previous, Solution):
        pairs: Iterable = ((a.meeting, a.slot) for a in previous.assignments)
    elif isinstance(previous, Mapping):
        pairs = previous.items()
    else:
        pairs = ((a.meeting, a.slot) for a in previous)
    meeting_index = {m.id: i for i, m in enumerate(problem.instance.meetings)}
    slot_index = {s.id: i for i, s in enumerate(problem.instance.slots)}
    slots = np.full(problem.n_meetings, UNPLACED, dtype=np.int64)
    for meeting, slot in pairs:
        # Meetings or slots that no longer exist are simply not "previous" any more.
        if meeting in meeting_index and slot in slot_index:
            slots[meeting_index[meeting]] = slot_index[slot]
    return slots


def _keep_previous(problem: Problem, previous: np.ndarray) -> np.ndarray:
    """The part of a previous schedule that is still feasible, pinned meetings first."""
    board = Board(problem)
    order = np.argsort(problem.pin < 0, kind="stable")
    for k in order:
        s = int(previous[k])
        if s != UNPLACED and board.free_slots(int(k))[s]:
            board.place(int(k), s)
    return board.slot_of


def to_solution(
    problem: Problem,
    slot_of: np.ndarray,
    *,
    bound: dict[str, float | int] | None = None,
    status: str = "feasible",
    started: float | None = None,
    previous: np.ndarray | None = None,
) -> Solution:
    """A `Solution` (with tables and objective values) from a slot per meeting."""
    instance = problem.instance
    table_of = assign_tables(problem, slot_of)
    unseated = (slot_of >= 0) & ~problem.online & (table_of < 0)
    if unseated.any():
        slot_of = np.where(unseated, UNPLACED, slot_of)
    score = evaluate(problem, slot_of, previous)
    assignments = [
        Assignment(
            instance.meetings[k].id,
            instance.slots[int(slot_of[k])].id,
            instance.tables[int(table_of[k])] if table_of[k] >= 0 else None,
        )
        for k in np.flatnonzero(slot_of >= 0)
    ]
    unscheduled = [instance.meetings[k].id for k in np.flatnonzero(slot_of < 0)]
    objective: dict[str, float | int] = {
        "placed": score.placed,
        "weight": float(problem.weight[slot_of >= 0].sum()),
        "gaps": score.gaps,
    }
    if not problem.place_all:
        objective["starved"] = score.starved
        objective["floor"] = score.floor
    if previous is not None:
        objective["moved"] = score.moved
    return Solution(
        assignments=assignments,
        unscheduled=unscheduled,
        objective=objective,
        bound=dict(bound or {}),
        status=status,
        seconds=0.0 if started is None else time.monotonic() - started,
    )


class _Progress:
    """Tells a caller's `report(fraction of the time limit used)` now and then."""

    def __init__(self, report: Callable[[float], None] | None, started: float, deadline: float):
        self.report, self.started, self.deadline = report, started, deadline
        self.last = -1.0

    def __call__(self) -> None:
        now = time.monotonic()
        if self.report is None or now - self.last < 0.5:
            return
        self.last = now
        self.report(min(1.0, (now - self.started) / max(self.deadline - self.started, 1e-3)))


def _weight_value(problem: Problem, weight_int: int) -> float:
    """A `weight_int` total in the instance's own weight units."""
    exact = np.all(problem.weight == np.round(problem.weight))
    return float(weight_int) if exact else weight_int / WEIGHT_SCALE


def solve(
    instance: Instance,
    time_limit: float = 10.0,
    seed: int = 0,
    *,
    previous: object = None,
    workers: int = 2,
    progress: Callable[[float], None] | None = None,
) -> Solution:
    """Schedule `instance` within about `time_limit` seconds; the best schedule found.

    `previous` (a `Solution`, a list of `Assignment`, or a {meeting id: slot id} mapping) makes
    moving its meetings the last objective: a re-run changes as little as it can.
    `progress` is called now and then with the share of the time limit used so far.
    """
    started = time.monotonic()
    deadline = started + max(time_limit, 0.1)
    tick = _Progress(progress, started, deadline)
    problem = compile_problem(instance)
    previous_slots = _previous_slots(problem, previous)
    relaxation = lp_bound(problem, time_limit=max(time_limit / 4, 0.5))
    bound = relaxation.bound
    start = None
    if previous_slots is not None:
        start = _keep_previous(problem, previous_slots)
    slot_of = greedy(problem, seed=seed, start=start, guide=relaxation.guide)
    tick()
    n_pairs = int(problem.feasible.sum())
    proven = False
    first_bound = bound.placed if problem.place_all else bound.weight
    budget = deadline - started
    if n_pairs == 0:
        proven = True
    elif (
        problem.place_all
        and previous_slots is None
        and not problem.wants_minimum
        and n_pairs <= EXACT_MODEL_LIMIT
    ):
        outcome = solve_place_all(
            problem, slot_of, first_bound, deadline, workers=workers, seed=seed
        )
        slot_of, proven = outcome.slot_of, outcome.proven
        first_bound = min(first_bound, outcome.placed_bound)
    elif n_pairs <= EXACT_MODEL_LIMIT:
        # Place first (CP-SAT is strong there), then anneal the gaps, then let CP-SAT polish
        # and try to prove every objective from the annealed schedule.
        placing = solve_exact(
            problem,
            slot_of,
            started + budget * PLACING_SHARE,
            previous=previous_slots,
            first_bound=first_bound,
            workers=workers,
            seed=seed,
            first_only=True,
        )
        if placing.first_bound is not None:
            first_bound = min(first_bound, placing.first_bound)
        tick()
        search = GapSearch(problem, placing.slot_of, previous=previous_slots, seed=seed)
        slot_of = search.run(started + budget * (1 - POLISH_SHARE), tick=tick)
        tick()
        result = solve_exact(
            problem,
            slot_of,
            deadline,
            previous=previous_slots,
            first_bound=first_bound,
            workers=workers,
            seed=seed,
        )
        slot_of, proven = result.slot_of, result.proven
        if result.first_bound is not None:
            first_bound = min(first_bound, result.first_bound)
    else:
        placement = PlacementSearch(problem, slot_of, previous=previous_slots, seed=seed)
        slot_of = placement.run(started + budget * PLACEMENT_SHARE, first_bound, tick=tick)
        search = GapSearch(problem, slot_of, previous=previous_slots, seed=seed)
        slot_of = search.run(deadline - FINISH_RESERVE * budget, tick=tick)
    # The searches that ignore parallel sessions' clashes end here; the rest changes nothing.
    kept = drop_clashes(problem, slot_of)
    if (kept != slot_of).any():
        slot_of, proven = kept, False
    bound_out: dict[str, float | int] = {"placed": bound.placed}
    if problem.place_all:
        bound_out["placed"] = min(bound.placed, first_bound)
    else:
        bound_out["weight"] = _weight_value(problem, min(bound.weight, first_bound))
    status = "optimal" if proven else "feasible"
    return to_solution(
        problem,
        slot_of,
        bound=bound_out,
        status=status,
        started=started,
        previous=previous_slots,
    )
