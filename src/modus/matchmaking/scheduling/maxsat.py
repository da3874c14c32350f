"""Fewest gaps with every meeting placed, proven: core-guided MaxSAT (RC2 over CaDiCaL).

This is the model with which the B2B benchmark's paper proves its optima: a boolean per
meeting and slot, "busy" per person and slot, "met before" per person and slot, and one soft
clause per possible gap (an idle slot followed by a meeting, after an earlier meeting in the
same session), plus the implied constraint "a person is busy in exactly as many slots as
they have meetings" (without it, proving tic-14crafc took 35 s instead of 9 s).

Tables can be counted two ways: meetings per slot, or (when every meeting is a pair at a
table) busy people per slot, at most twice the tables. Which one lets the solver prove an
event's optimum in seconds rather than minutes differs from event to event (forum-13crafb
takes 13 s one way and over a minute the other; ticf-13crafc the reverse), so both run side
by side, each in a child process: the SAT solver cannot be interrupted, and the parent kills
its children at its deadline.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
import time

import numpy as np
from pysat.card import CardEnc, EncType
from pysat.examples.rc2 import RC2
from pysat.formula import WCNF, IDPool

from modus.matchmaking.scheduling.problem import UNPLACED, Problem

# Of the cardinality encodings pysat offers, cardinality networks gave the fastest proofs
# in our measurements (tic-14crafc: 9 s, against 15 to 43 s for the others).
CARDINALITY = EncType.cardnetwrk


MEETINGS, PEOPLE = "meetings", "people"


def suitable(problem: Problem) -> bool:
    """Whether the model covers the problem's objectives: not a per-session minimum."""
    return not problem.wants_minimum


class Encoding:
    """The MaxSAT formula of a place-all problem and the meeting-slot variables in it.

    Every meeting is placed, or, with `at_least`, at least that many (when the most that can
    be placed is known, for events where not all of them fit).
    """

    def __init__(
        self, problem: Problem, tables: str = MEETINGS, at_least: int | None = None
    ) -> None:
        self.problem = problem
        self.tables = tables
        self.at_least = at_least
        self.pool = IDPool()
        self.formula = WCNF()
        self.x: dict[tuple[int, int], int] = {}
        if at_least is not None:
            self.forced = self._forced()
            self.least_busy = self._least_busy()
        self._meetings()
        self._resources()
        self._tables()
        for p in range(problem.n_participants):
            self._person(p)

    def _var(self, *key: object) -> int:
        return self.pool.id(key)

    def _add(self, clauses: list[list[int]]) -> None:
        for clause in clauses:
            self.formula.append(clause)

    def _at_most(self, literals: list[int], bound: int, encoding: int = CARDINALITY) -> None:
        if len(literals) > bound:
            self._add(CardEnc.atmost(literals, bound, vpool=self.pool, encoding=encoding).clauses)

    def _never(self) -> None:
        """Make the formula unsatisfiable (a count that cannot be reached)."""
        self._add([[self._var("never")], [-self._var("never")]])

    def _meetings(self) -> None:
        """Each meeting in one slot; with `at_least`, in at most one, and that many placed."""
        optional = []
        required = self.at_least
        for k in range(self.problem.n_meetings):
            literals = []
            for s in np.flatnonzero(self.problem.feasible[k]):
                self.x[(k, int(s))] = self._var("x", k, int(s))
                literals.append(self.x[(k, int(s))])
            self._at_most(literals, 1, EncType.seqcounter)
            if self.at_least is None or self._must_place(k):
                self.formula.append(literals)
                required = None if required is None else required - 1
            elif literals:
                optional.append(self._or(("placed", k), *literals))
        if required is None or required <= 0:
            return
        if required > len(optional):
            self._never()
            return
        self._add(CardEnc.atleast(optional, required, vpool=self.pool).clauses)

    def _resources(self) -> None:
        """At most one meeting per person or stand and slot; busy[p, s] is 'p meets in s'."""
        problem = self.problem
        self.busy: dict[tuple[int, int], int] = {}
        for r in range(problem.n_resources):
            for s in range(problem.n_slots):
                literals = [
                    self.x[(int(k), s)] for k in problem.meetings_of[r] if (int(k), s) in self.x
                ]
                if not literals:
                    continue
                self._at_most(literals, 1, EncType.seqcounter)
                if r < problem.n_participants:
                    busy = self._var("busy", r, s)
                    self.busy[(r, s)] = busy
                    self._add([[-lit, busy] for lit in literals] + [[-busy, *literals]])
        # Nobody is in two slots whose times overlap (parallel sessions).
        for s, t in problem.clashing_pairs():
            for r in range(problem.n_resources):
                both = [
                    self.x[(int(k), slot)]
                    for slot in (s, t)
                    for k in problem.meetings_of[r]
                    if (int(k), slot) in self.x
                ]
                if len(both) > 1:
                    self._at_most(both, 1, EncType.seqcounter)

    def _tables(self) -> None:
        """At most as many meetings per slot as tables (or twice as many busy people), counted
        over the slots of parallel sessions that overlap."""
        problem = self.problem
        by_slot: dict[int, list[int]] = {s: [] for s in range(problem.n_slots)}
        if self.tables == PEOPLE:
            for (_, s), var in self.busy.items():
                by_slot[s].append(var)
        else:
            for (k, s), var in self.x.items():
                if not problem.online[k]:
                    by_slot[s].append(var)
        seats = 2 if self.tables == PEOPLE else 1
        # Per set of overlapping slots (one slot alone without parallel sessions).
        for _, literals in problem.by_clique(by_slot):
            self._at_most(literals, seats * problem.n_tables)

    def _person(self, p: int) -> None:
        problem = self.problem
        busy = [self.busy.get((p, s)) for s in range(problem.n_slots)]
        present = [b for b in busy if b is not None]
        if not present:
            return
        self._busy_count(p, present)
        for j in range(problem.n_sessions):
            if problem.capped(p, j):
                mine = [
                    b for s, b in enumerate(busy) if b is not None and problem.session_of[s] == j
                ]
                self._at_most(mine, int(problem.session_cap[p, j]))
        self._gaps(p, busy)

    def _busy_count(self, p: int, present: list[int]) -> None:
        """Implied: p is busy in as many slots as p has meetings placed, which is all of them
        or, with `at_least`, all but what the whole schedule may leave out (`_least_busy`)."""
        n = len(self.problem.meetings_of[p])
        most = min(n, int(self.problem.cap[p]), len(present))
        least = n if self.at_least is None else int(self.least_busy[p])
        if least > most:
            self._never()
        elif least == most:
            self._add(CardEnc.equals(present, most, vpool=self.pool, encoding=CARDINALITY).clauses)
        else:
            self._at_most(present, most)
            if least > 0:
                self._add(
                    CardEnc.atleast(present, least, vpool=self.pool, encoding=CARDINALITY).clauses
                )

    def _must_place(self, k: int) -> bool:
        """Whether someone outside meeting k must lose all the slack (so k is placed)."""
        outside = np.ones(len(self.forced), dtype=bool)
        outside[self.problem.members[k]] = False
        return bool(self.forced[outside].max(initial=0) >= self.problem.n_meetings - self.at_least)

    def _forced(self) -> np.ndarray:
        """Per person, the meetings they must lose: more than their usable slots or cap."""
        problem = self.problem
        people = range(problem.n_participants)
        counts = np.array([len(problem.meetings_of[p]) for p in people])
        room = np.array(
            [problem.feasible[problem.meetings_of[p]].any(axis=0).sum() for p in people]
        )
        return counts - np.minimum(np.minimum(counts, room), problem.cap)

    def _least_busy(self) -> np.ndarray:
        """Per person, the fewest meetings they can have when `at_least` are placed.

        Someone with more meetings than usable slots (or than their cap) loses the rest; those
        lost meetings use up the schedule's slack, so everyone not in them loses less. With a
        slack of one, as on events where one person lost a slot, that pins everyone else's
        count exactly, which the solver would not find by itself.
        """
        problem, forced = self.problem, self.forced
        slack = problem.n_meetings - self.at_least
        counts = np.array([len(problem.meetings_of[p]) for p in range(problem.n_participants)])
        least = counts - slack
        for p in np.flatnonzero(forced > 0):
            shared = np.zeros(len(counts), dtype=np.int64)
            for k in problem.meetings_of[p]:
                shared[problem.members[k]] += 1
            # Meetings p must lose that q is not in are lost to the schedule, not to q.
            others = np.maximum(forced[p] - shared, 0)
            others[p] = 0
            least = np.maximum(least, counts - (slack - others))
        return least

    def _gaps(self, p: int, busy: list[int | None]) -> None:
        """One soft clause per slot where p could end an idle period."""
        problem = self.problem
        before: int | None = None  # "p meets in this session before the current slot"
        for s in range(problem.n_slots):
            if problem.first_of_session[s]:
                before = None
            if s > 0 and not problem.first_of_session[s] and busy[s] is not None and before:
                gap = self._var("gap", p, s)
                clause = [-busy[s], -before, gap]
                if busy[s - 1] is not None:
                    clause.append(busy[s - 1])
                self.formula.append(clause)
                self.formula.append([-gap], weight=1)
            before = self._or(("seen", p, s), before, busy[s])

    def _or(self, key: tuple, *literals: int | None) -> int | None:
        present = [lit for lit in literals if lit is not None]
        if len(present) <= 1:
            return present[0] if present else None
        var = self._var(*key)
        self._add([[-lit, var] for lit in present] + [[-var, *present]])
        return var

    def read(self, model: list[int]) -> np.ndarray:
        """Slot per meeting of a satisfying assignment."""
        true = {lit for lit in model if lit > 0}
        slot_of = np.full(self.problem.n_meetings, UNPLACED, dtype=np.int64)
        for (k, s), var in self.x.items():
            if var in true:
                slot_of[k] = s
        return slot_of


def solve_gaps(
    problem: Problem, tables: str = MEETINGS, at_least: int | None = None
) -> tuple[np.ndarray, int] | None:
    """(the schedule with the fewest gaps, that count), or None if the meetings do not fit.

    Runs until proven; `MaxSatRun` bounds it in time."""
    encoding = Encoding(problem, tables, at_least)
    with RC2(encoding.formula, solver="cd19", exhaust=True, minz=True) as rc2:
        model = rc2.compute()
        if model is None:
            return None
        return encoding.read(model), int(rc2.cost)


def tables_views(problem: Problem) -> list[str]:
    """The ways of counting tables that are exact for this problem."""
    pairs = all(len(m) == 2 for m in problem.members) and not problem.online.any()
    return [MEETINGS, PEOPLE] if pairs else [MEETINGS]


class MaxSatRun:
    """`solve_gaps` in a child process, started at once; sets `answered` when it has a schedule."""

    def __init__(
        self,
        problem: Problem,
        tables: str,
        at_least: int | None,
        answered: threading.Event,
        deadline: float,
    ) -> None:
        self.answered = answered
        self.answer: tuple[np.ndarray, int] | None = None
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        payload = pickle.dumps((problem, tables, at_least, deadline))
        threading.Thread(target=self._talk, args=(payload,), daemon=True).start()

    def _talk(self, payload: bytes) -> None:
        try:
            out, _ = self._process.communicate(payload)
        except (OSError, ValueError):
            return
        if self._process.returncode == 0 and out:
            self.answer = pickle.loads(out)
            if self.answer is not None:
                self.answered.set()

    def stop(self) -> None:
        """End the child if it is still searching."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()


class Portfolio:
    """One `MaxSatRun` per way of counting tables; the first proven answer wins.

    `placed`: how many meetings a schedule must place (the proven most); all by default.
    The children end themselves at `deadline` (time.monotonic) should nobody stop them."""

    def __init__(self, problem: Problem, deadline: float, placed: int | None = None) -> None:
        self.answered = threading.Event()
        at_least = None if placed is None or placed >= problem.n_meetings else placed
        self.runs: list[MaxSatRun] = []
        for view in tables_views(problem):
            try:
                self.runs.append(MaxSatRun(problem, view, at_least, self.answered, deadline))
            except OSError:
                # No child process here (a limit, a sandbox): the other searches go on.
                break

    def answer(self) -> tuple[np.ndarray, int] | None:
        """(schedule, proven fewest gaps) from whichever child answered, else None."""
        for run in self.runs:
            if run.answer is not None:
                return run.answer
        return None

    def stop(self) -> None:
        for run in self.runs:
            run.stop()


def _watch(parent: int, deadline: float) -> None:
    """End this child once its time is up or its parent is gone, even if the parent was killed
    before it could stop its children (the SAT solver releases the GIL, so this runs)."""
    while time.monotonic() < deadline and os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def main() -> None:
    problem, tables, at_least, deadline = pickle.loads(sys.stdin.buffer.read())
    threading.Thread(target=_watch, args=(os.getppid(), deadline), daemon=True).start()
    sys.stdout.buffer.write(pickle.dumps(solve_gaps(problem, tables, at_least)))


if __name__ == "__main__":
    main()
