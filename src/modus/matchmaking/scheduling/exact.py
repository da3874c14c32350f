"""Lexicographic CP-SAT solve of a whole instance: one objective at a time, each then held."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from modus.matchmaking.scheduling.board import Board
from modus.matchmaking.scheduling.model import SlotModel
from modus.matchmaking.scheduling.problem import Problem, evaluate

# Seconds kept back for reading the result and building the answer.
RESERVE = 0.2


@dataclass
class ExactResult:
    """The best schedule found, whether every objective was proven, and proven bounds."""

    slot_of: np.ndarray
    proven: bool
    first_bound: int | None  # proven bound on the first objective (placed or weight)


def _phases(model: SlotModel, problem: Problem, previous: np.ndarray | None) -> list:
    """(name, expression builder, sense) in priority order; sense +1 maximises, -1 minimises.

    Expressions are built when their phase starts: their helper variables would only slow
    the earlier phases down.
    """
    if problem.place_all:
        phases = [("placed", model.placed_count, 1), ("gaps", model.gaps, -1)]
    else:
        phases = [
            ("weight", model.weight, 1),
            ("served", model.served, 1),
            ("floor", model.floor, 1),
            ("gaps", model.gaps, -1),
        ]
    if problem.wants_minimum:
        phases.insert(1, ("short", model.short, -1))
    if previous is not None:
        phases.append(("moved", lambda: model.moved(previous), -1))
    return phases


def solve_exact(
    problem: Problem,
    start: np.ndarray,
    deadline: float,
    *,
    previous: np.ndarray | None = None,
    first_bound: int | None = None,
    workers: int = 2,
    seed: int = 0,
    first_only: bool = False,
) -> ExactResult:
    """Optimise each objective in turn with CP-SAT, starting from the schedule `start`.

    `first_bound` is a known bound on the first objective (from the LP): when `start`
    reaches it, the first phase is already proven and skipped. `first_only` stops after the
    first phase (placing), leaving the rest to faster searches.
    """
    empty = Board(problem)
    model = SlotModel(problem, empty, np.arange(problem.n_meetings))
    phases = _phases(model, problem, previous)
    if first_only:
        phases = phases[:1]
    best = start.copy()
    proven = True
    proven_first: int | None = None
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    for index, (name, build, sense) in enumerate(phases):
        remaining = deadline - time.monotonic() - RESERVE
        if remaining <= 0.05:
            proven = False
            break
        current = _value(problem, name, best, previous)
        expression = build()
        if sense < 0 and current == 0:
            # Gaps and moves are never negative: a zero is optimal without asking CP-SAT.
            model.model.add(expression <= 0)
            continue
        if index == 0 and first_bound is not None and current < first_bound:
            # Reaching the LP bound is a satisfaction problem, far easier than maximising.
            found = _reach(model, solver, expression, first_bound, best, remaining / 2)
            if found is not None:
                best, current = found, first_bound
        if index == 0 and first_bound is not None and current >= first_bound:
            proven_first = current
            model.model.add(expression >= current)
            continue
        remaining = deadline - time.monotonic() - RESERVE
        model.hint(best)
        if sense > 0:
            model.model.maximize(expression)
        else:
            model.model.minimize(expression)
        # Later phases matter too: leave them a share of the time.
        share = remaining / (len(phases) - index) if index < len(phases) - 1 else remaining
        solver.parameters.max_time_in_seconds = max(share, 0.05)
        status = solver.solve(model.model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = model.read(solver, best)
            value = round(solver.objective_value)
            if sense * value >= sense * current:
                best, current = found, value
        if status != cp_model.OPTIMAL:
            proven = False
        elif index == 0:
            proven_first = current
        if index == 0 and status == cp_model.FEASIBLE:
            proven_first = None
            bound = int(np.floor(solver.best_objective_bound + 1e-6))
            first_bound = bound if first_bound is None else min(first_bound, bound)
        # Hold this objective at its best value while optimising the next ones.
        if sense > 0:
            model.model.add(expression >= current)
        else:
            model.model.add(expression <= current)
        model.model.clear_objective()
    if proven_first is not None:
        first_bound = proven_first
    return ExactResult(best, proven, first_bound)


def _reach(
    model: SlotModel,
    solver: cp_model.CpSolver,
    expression: cp_model.LinearExprT,
    target: int,
    start: np.ndarray,
    time_limit: float,
) -> np.ndarray | None:
    """A schedule with `expression >= target`, if CP-SAT finds one in time."""
    probe = model.model.clone()
    probe.add(expression >= target)
    solver.parameters.max_time_in_seconds = max(time_limit, 0.05)
    model.hint(start)
    probe.clear_hints()
    for (k, s), var in model.x.items():
        probe.add_hint(var, int(start[k] == s))
    status = solver.solve(probe)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return model.read(solver, start)
    return None


def _value(problem: Problem, name: str, slot_of: np.ndarray, previous: np.ndarray | None) -> int:
    """A phase objective's value on a whole schedule."""
    score = evaluate(problem, slot_of, previous)
    if name == "served":
        return int((problem.demand > 0).sum()) - score.starved
    return int(getattr(score, name))
