"""A mutable schedule with occupancy arrays, so that moves are checked in constant time."""

from __future__ import annotations

import numpy as np

from modus.matchmaking.scheduling.problem import UNPLACED, Problem


class Board:
    """Slot per meeting plus who is busy when, how many tables each slot uses, and counts."""

    def __init__(self, problem: Problem, slot_of: np.ndarray | None = None) -> None:
        self.problem = problem
        self.slot_of = np.full(problem.n_meetings, UNPLACED, dtype=np.int64)
        self.occupied = np.zeros((problem.n_resources, problem.n_slots), dtype=bool)
        self.count = np.zeros(problem.n_participants, dtype=np.int64)
        self.session_count = np.zeros((problem.n_participants, problem.n_sessions), dtype=np.int64)
        self.tables_used = np.zeros(problem.n_slots, dtype=np.int64)
        # Tabled meetings per set of slots that overlap (see Problem.cliques).
        self.clique_load = np.zeros(problem.n_cliques, dtype=np.int64)
        if slot_of is not None:
            for k in np.flatnonzero(slot_of >= 0):
                self.place(int(k), int(slot_of[k]))

    def free_slots(self, k: int) -> np.ndarray:
        """Bool (S,): slots where meeting `k` could go now (it must be unplaced)."""
        problem = self.problem
        people = problem.members[k]
        if (self.count[people] >= problem.cap[people]).any():
            return np.zeros(problem.n_slots, dtype=bool)
        busy = self.occupied[problem.resources[k]].any(axis=0)
        free = problem.feasible[k] & problem.clear_of(busy)
        room = (self.session_count[people] < problem.session_cap[people]).all(axis=0)
        free &= room[problem.session_of]
        if not problem.online[k]:
            free &= problem.slots_with_a_table(self.clique_load)
        return free

    def place(self, k: int, s: int) -> None:
        """Put meeting `k` in slot `s`; the caller has checked it is free."""
        problem = self.problem
        self.slot_of[k] = s
        self.occupied[problem.resources[k], s] = True
        self.count[problem.members[k]] += 1
        self.session_count[problem.members[k], problem.session_of[s]] += 1
        if not problem.online[k]:
            self.tables_used[s] += 1
            self.clique_load[problem.cliques_of[s]] += 1

    def remove(self, k: int) -> None:
        """Take meeting `k` out of the schedule."""
        problem = self.problem
        s = self.slot_of[k]
        self.slot_of[k] = UNPLACED
        self.occupied[problem.resources[k], s] = False
        self.count[problem.members[k]] -= 1
        self.session_count[problem.members[k], problem.session_of[s]] -= 1
        if not problem.online[k]:
            self.tables_used[s] -= 1
            self.clique_load[problem.cliques_of[s]] -= 1


def assign_tables(problem: Problem, slot_of: np.ndarray) -> np.ndarray:
    """Table index per meeting (-1 online or unplaced): stands for their holders, then the rest.

    A stand's table takes another meeting only when the ordinary tables of that slot are full
    and its holder has no meeting there, which FORMAT.md allows and keeps stands free otherwise.
    A table serves one meeting at a time: in its slot and in every slot of a parallel session
    that overlaps it. Slots are seated in `problem.seating_order`, so that
    tables never run short while each clique of overlapping slots holds at most n_tables
    (stands aside: see below).
    """
    table_of = np.full(problem.n_meetings, -1, dtype=np.int64)
    stands = set(int(b) for b in problem.booth[problem.booth >= 0])
    instance_booths = {
        problem.instance.tables.index(p.booth)
        for p in problem.instance.participants
        if p.booth is not None
    }
    stands |= instance_booths
    ordinary = [t for t in range(problem.n_tables) if t not in stands]
    tabled = (slot_of >= 0) & ~problem.online
    # Stands first, for their holders: nobody else may take a stand its holder needs then.
    held = tabled & (problem.booth >= 0)
    table_of[held] = problem.booth[held]
    in_use: list[set[int]] = [set() for _ in range(problem.n_slots)]
    for k in np.flatnonzero(held):
        in_use[int(slot_of[k])].add(int(problem.booth[k]))
    for s in problem.seating_order or range(problem.n_slots):
        taken = set(in_use[s])
        if problem.has_clashes:
            for other in np.flatnonzero(problem.clash[s]):
                taken |= in_use[other]
        spare = [t for t in ordinary if t not in taken]
        spare += [t for t in sorted(stands) if t not in taken]
        rest = np.flatnonzero(tabled & (slot_of == s) & (problem.booth < 0))
        # With parallel sessions, stands taken by their holders at odd times may leave a
        # meeting no table although every clique has room; it stays without one (-1).
        if len(rest) > len(spare) and not problem.has_clashes:
            raise ValueError(f"slot {s} holds more meetings than tables")
        for k, t in zip(rest, spare, strict=False):
            table_of[k] = t
            in_use[s].add(t)
    return table_of
