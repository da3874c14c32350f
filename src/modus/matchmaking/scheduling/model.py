"""The CP-SAT model of (part of) a schedule: slot booleans, resources, tables, gaps, fairness.

Meetings not listed as free stay where a `Board` holds them and only reduce the capacities,
so the same model serves the whole-instance solve and re-solving a part of a schedule.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from ortools.sat.python import cp_model

from modus.matchmaking.scheduling.board import Board
from modus.matchmaking.scheduling.problem import UNPLACED, Problem


def add_clashes(model: cp_model.CpModel, problem: Problem, by_resource_slot: dict) -> None:
    """Nobody (no person, no stand) is in two slots whose times overlap."""
    resources = {r for r, _s in by_resource_slot}
    for s, t in problem.clashing_pairs():
        for r in resources:
            literals = by_resource_slot.get((r, s), []) + by_resource_slot.get((r, t), [])
            if len(literals) > 1:
                model.add_at_most_one(literals)


class SlotModel:
    """A CP-SAT model over `free` meetings, around the meetings `board` keeps fixed."""

    def __init__(
        self, problem: Problem, board: Board, free: np.ndarray, *, force_all: bool = False
    ) -> None:
        self.problem = problem
        self.model = cp_model.CpModel()
        self.free = [int(k) for k in free]
        model = self.model
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        self.placed: dict[int, cp_model.LinearExprT] = {}
        by_resource_slot: dict[tuple[int, int], list] = {}
        by_person: dict[int, list] = {}
        by_person_session: dict[tuple[int, int], list] = {}
        by_slot_table: dict[int, list] = {}
        for k in self.free:
            busy = board.occupied[problem.resources[k]].any(axis=0)
            slots = problem.feasible[k] & problem.clear_of(busy)
            literals = []
            for s in np.flatnonzero(slots):
                var = model.new_bool_var(f"x{k}_{s}")
                self.x[(k, int(s))] = var
                literals.append(var)
                for r in problem.resources[k]:
                    by_resource_slot.setdefault((int(r), int(s)), []).append(var)
                for p in problem.members[k]:
                    key = (int(p), int(problem.session_of[s]))
                    by_person_session.setdefault(key, []).append(var)
                if not problem.online[k]:
                    by_slot_table.setdefault(int(s), []).append(var)
            if force_all:
                model.add_exactly_one(literals)
            else:
                model.add_at_most_one(literals)
            self.placed[k] = sum(literals) if literals else 0
            for p in problem.members[k]:
                by_person.setdefault(int(p), []).extend(literals)
        for literals in by_resource_slot.values():
            if len(literals) > 1:
                model.add_at_most_one(literals)
        add_clashes(model, problem, by_resource_slot)
        for c, literals in problem.by_clique(by_slot_table):
            room = problem.n_tables - int(board.clique_load[c])
            if len(literals) > room:
                model.add(sum(literals) <= room)
        self.count: dict[int, cp_model.LinearExprT] = {}
        for p, literals in by_person.items():
            room = int(problem.cap[p] - board.count[p])
            if len(literals) > room:
                model.add(sum(literals) <= room)
            self.count[p] = sum(literals) + int(board.count[p])
        self.session_count: dict[tuple[int, int], cp_model.LinearExprT] = {}
        for (p, j), literals in by_person_session.items():
            fixed = int(board.session_count[p, j])
            if problem.capped(p, j) and len(literals) > problem.session_cap[p, j] - fixed:
                model.add(sum(literals) <= int(problem.session_cap[p, j]) - fixed)
            self.session_count[(p, j)] = sum(literals) + fixed
        self._busy_fixed = board.occupied[: problem.n_participants]
        self._by_person_slot = {
            key: lits for key, lits in by_resource_slot.items() if key[0] < problem.n_participants
        }

    def weight(self) -> cp_model.LinearExprT:
        """Placed weight of the free meetings, in `weight_int` units."""
        return sum(int(self.problem.weight_int[k]) * self.placed[k] for k in self.free)

    def placed_count(self) -> cp_model.LinearExprT:
        """Number of free meetings placed."""
        return sum(self.placed[k] for k in self.free)

    def short(self) -> cp_model.LinearExprT:
        """Meetings missing to the per-session minimum, over the people of free meetings."""
        model, problem = self.model, self.problem
        terms = []
        for (p, j), count in self.session_count.items():
            least = int(problem.session_min[p, j])
            if least == 0:
                continue
            missing = model.new_int_var(0, least, f"short{p}_{j}")
            model.add(missing >= least - count)
            terms.append(missing)
        return sum(terms)

    def served(self) -> cp_model.LinearExprT:
        """Participants who want meetings and get at least one (the complement of starved)."""
        model, problem = self.model, self.problem
        terms = []
        for p, count in self.count.items():
            if problem.demand[p] == 0:
                continue
            has = model.new_bool_var(f"has{p}")
            model.add(count >= 1).only_enforce_if(has)
            terms.append(has)
        return sum(terms)

    def floor(self) -> cp_model.IntVar:
        """The largest t such that every participant has min(t, demand) meetings or more."""
        model, problem = self.model, self.problem
        steps = [model.new_bool_var(f"floor{t}") for t in range(1, problem.n_slots + 1)]
        for a, b in pairwise(steps):
            model.add_implication(b, a)
        for p, count in self.count.items():
            demand = int(problem.demand[p])
            if demand:
                model.add(count >= sum(steps[:demand]))
        floor = model.new_int_var(0, problem.n_slots, "floor")
        model.add(floor == sum(steps))
        return floor

    def gaps(self) -> cp_model.LinearExprT:
        """Idle periods between meetings of a session, over the participants of free meetings."""
        model, problem = self.model, self.problem
        first = problem.first_of_session
        sessions = np.cumsum(first) - 1
        terms = []
        for p in self.count:
            busy = []
            for s in range(problem.n_slots):
                if self._busy_fixed[p, s]:
                    busy.append(1)
                else:
                    literals = self._by_person_slot.get((p, s), [])
                    busy.append(sum(literals) if literals else 0)
            for j in range(int(sessions[-1]) + 1):
                slots = np.flatnonzero(sessions == j)
                if all(isinstance(busy[s], int) and busy[s] == 0 for s in slots):
                    continue
                used = model.new_bool_var(f"used{p}_{j}")
                model.add(sum(busy[s] for s in slots) >= 1).only_enforce_if(used)
                terms.append(-used)
                for s in slots:
                    if isinstance(busy[s], int) and busy[s] == 0:
                        continue
                    if s == slots[0]:
                        terms.append(busy[s])
                        continue
                    # A block starts where the person is busy and was not in the slot before.
                    start = model.new_bool_var(f"start{p}_{s}")
                    model.add(start >= busy[s] - busy[s - 1])
                    terms.append(start)
        return sum(terms)

    def moved(self, previous: np.ndarray) -> cp_model.LinearExprT:
        """Free meetings that leave their previous slot."""
        terms = []
        for k in self.free:
            s = int(previous[k])
            if s == UNPLACED:
                continue
            var = self.x.get((k, s))
            terms.append(1 - var if var is not None else 1)
        return sum(terms)

    def hint(self, slot_of: np.ndarray) -> None:
        """Start the search from a known schedule of the free meetings."""
        self.model.clear_hints()
        for (k, s), var in self.x.items():
            self.model.add_hint(var, int(slot_of[k] == s))

    def read(self, solver: cp_model.CpSolver, slot_of: np.ndarray) -> np.ndarray:
        """The free meetings' slots from a solved model, written into a copy of `slot_of`."""
        result = slot_of.copy()
        result[self.free] = UNPLACED
        for (k, s), var in self.x.items():
            if solver.boolean_value(var):
                result[k] = s
        return result


class GapModel:
    """The place-all model: slot booleans, per-slot table counts, and one literal per gap.

    Tables are interchangeable outside booths, so they are not modelled: a slot (with the
    slots of parallel sessions that overlap it, a clique) holds at most as many meetings as
    there are tables, and `assign_tables` seats them afterwards. A gap
    literal is forced true where a participant starts a meeting block after an idle slot
    while already having met someone earlier in the session ("a block that is not the
    first"). Every literal is false in a gap-free schedule, which lets CP-SAT's core-based
    search prove lower bounds quickly, as the MaxSAT models of the B2B benchmark do.
    """

    def __init__(self, problem: Problem, *, force_all: bool, at_least: int | None = None) -> None:
        self.problem = problem
        self.model = cp_model.CpModel()
        model = self.model
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        by_resource_slot: dict[tuple[int, int], list] = {}
        by_slot: dict[int, list] = {}
        by_person: dict[int, list] = {}
        by_person_session: dict[tuple[int, int], list] = {}
        everything = []
        for k in range(problem.n_meetings):
            literals = []
            for s in np.flatnonzero(problem.feasible[k]):
                var = model.new_bool_var(f"x{k}_{s}")
                self.x[(k, int(s))] = var
                literals.append(var)
                for r in problem.resources[k]:
                    by_resource_slot.setdefault((int(r), int(s)), []).append(var)
                for p in problem.members[k]:
                    key = (int(p), int(problem.session_of[s]))
                    by_person_session.setdefault(key, []).append(var)
                if not problem.online[k]:
                    by_slot.setdefault(int(s), []).append(var)
            if force_all:
                model.add_exactly_one(literals)
            elif literals:
                model.add_at_most_one(literals)
            for p in problem.members[k]:
                by_person.setdefault(int(p), []).extend(literals)
            everything.extend(literals)
        self.placed_count: cp_model.LinearExprT = sum(everything)
        if at_least is not None:
            model.add(self.placed_count >= at_least)
        for literals in by_resource_slot.values():
            if len(literals) > 1:
                model.add_at_most_one(literals)
        add_clashes(model, problem, by_resource_slot)
        for _, literals in problem.by_clique(by_slot):
            if len(literals) > problem.n_tables:
                model.add(sum(literals) <= problem.n_tables)
        for p, literals in by_person.items():
            if len(literals) > problem.cap[p]:
                model.add(sum(literals) <= int(problem.cap[p]))
        for (p, j), literals in by_person_session.items():
            if problem.capped(p, j) and len(literals) > problem.session_cap[p, j]:
                model.add(sum(literals) <= int(problem.session_cap[p, j]))
        self.gap_literals: list[cp_model.IntVar] = []
        self._windows: list = []
        for p in range(problem.n_participants):
            start = len(self.gap_literals)
            self._gaps_of(p, by_resource_slot, force_all)
            if self._windows and self._windows[-1][0] == p:
                _, first, last, n = self._windows[-1]
                mine = self.gap_literals[start:]
                # An idle slot inside p's window means p has a gap.
                model.add(last - first + 1 - n <= problem.n_slots * sum(mine))

    def _gaps_of(self, p: int, by_resource_slot: dict, force_all: bool) -> None:
        model, problem = self.model, self.problem
        busy: list = []
        for s in range(problem.n_slots):
            literals = by_resource_slot.get((p, s), [])
            if len(literals) <= 1:
                busy.append(literals[0] if literals else None)
                continue
            var = model.new_bool_var(f"busy{p}_{s}")
            model.add(var == sum(literals))
            busy.append(var)
        present = [b for b in busy if b is not None]
        if force_all and present:
            # Redundant but strong: with every meeting placed, p is busy in exactly n slots.
            n = len(problem.meetings_of[p])
            model.add(sum(present) == n)
            if problem.first_of_session.sum() == 1 and n > 1:
                # p's first and last busy slots: with no gap, exactly n slots apart.
                first = model.new_int_var(0, problem.n_slots - 1, f"first{p}")
                last = model.new_int_var(0, problem.n_slots - 1, f"last{p}")
                for s, b in enumerate(busy):
                    if b is not None:
                        model.add(first <= s).only_enforce_if(b)
                        model.add(last >= s).only_enforce_if(b)
                self._windows.append((p, first, last, n))
        seen = None  # p has a meeting earlier in this session
        for s in range(problem.n_slots):
            if problem.first_of_session[s]:
                seen = None
            now = busy[s]
            if now is None:
                continue
            if seen is not None:
                gap = model.new_bool_var(f"gap{p}_{s}")
                clause = [now.Not(), seen.Not(), gap]
                if busy[s - 1] is not None:
                    clause.append(busy[s - 1])
                model.add_bool_or(clause)
                self.gap_literals.append(gap)
                later = model.new_bool_var(f"seen{p}_{s}")
                model.add_implication(now, later)
                model.add_implication(seen, later)
                model.add_bool_or([later.Not(), now, seen])
                seen = later
            else:
                seen = now

    def gaps(self) -> cp_model.LinearExprT:
        """The number of gaps (at least; exact at the optimum)."""
        return sum(self.gap_literals)

    def hint(self, slot_of: np.ndarray, *, complete: bool = False, limit: float = 2.0) -> None:
        """Start the search from a known schedule.

        `complete` also hints every helper variable (busy, gap, window), found by a quick
        solve with the slots fixed: CP-SAT then takes the hint as a first solution at once
        instead of having to complete it by search, which can fail on large models.
        """
        model = self.model
        model.clear_hints()
        for (k, s), var in self.x.items():
            model.add_hint(var, int(slot_of[k] == s))
        if not complete:
            return
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(limit, 0.01)
        solver.parameters.fix_variables_to_their_hinted_value = True
        if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return
        model.clear_hints()
        for index in range(len(model.proto.variables)):
            var = model.get_int_var_from_proto_index(index)
            model.add_hint(var, solver.value(var))

    def read(self, solver: cp_model.CpSolver) -> np.ndarray:
        """Slot per meeting of the solver's solution."""
        result = np.full(self.problem.n_meetings, UNPLACED, dtype=np.int64)
        for (k, s), var in self.x.items():
            if solver.boolean_value(var):
                result[k] = s
        return result
