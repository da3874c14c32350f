"""Gap reduction by simulated annealing over moves and Kempe-chain swaps of placed meetings.

A person's busy slots are a Python int used as a bit set, so a move's effect on gaps costs a
few integer operations. A Kempe chain between slots a and b is the closed set of meetings
that must swap a <-> b together so that nobody is double-booked: swapping it changes only
the busy slots of the people at its two ends, which is what makes it a cheap, strong move
(the classic move of edge-colouring and timetabling searches).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

import numpy as np

from modus.matchmaking.scheduling.problem import UNPLACED, Problem

# Chains longer than this are rarely useful and cost more than they bring.
MAX_CHAIN = 40


class GapSearch:
    """Moves placed meetings between slots to cut gaps; placement itself never changes."""

    def __init__(
        self,
        problem: Problem,
        slot_of: np.ndarray,
        *,
        previous: np.ndarray | None = None,
        seed: int = 0,
    ) -> None:
        self.problem = problem
        self.rng = np.random.default_rng(seed)
        self.slot_of = [int(s) for s in slot_of]
        self.previous = None if previous is None else [int(s) for s in previous]
        n_slots = problem.n_slots
        self.first_bits = sum(1 << s for s in range(n_slots) if problem.first_of_session[s])
        sessions = np.cumsum(problem.first_of_session) - 1
        self.session_bits = [
            sum(1 << s for s in range(n_slots) if sessions[s] == j)
            for j in range(int(sessions[-1]) + 1)
        ]
        self.session_of = [int(j) for j in problem.session_of]
        self.session_cap = problem.session_cap.tolist()
        self.session_min = problem.session_min.tolist()
        self.members = [[int(p) for p in m] for m in problem.members]
        self.resources = [[int(r) for r in res] for res in problem.resources]
        self.online = problem.online.tolist()
        self.pinned = (problem.pin >= 0).tolist()
        self.feasible_bits = [
            sum(1 << int(s) for s in np.flatnonzero(row)) for row in problem.feasible
        ]
        # Per slot, the slots whose times overlap it (parallel sessions): a swap must not
        # put anyone in two of them.
        self.clash_bits = [0] * n_slots
        for s, t in problem.clashing_pairs():
            self.clash_bits[s] |= 1 << t
            self.clash_bits[t] |= 1 << s
        self.at = [[UNPLACED] * n_slots for _ in range(problem.n_resources)]
        self.busy = [0] * problem.n_participants
        # Tabled meetings per set of slots that overlap (see Problem.cliques).
        self.clique_load = [0] * problem.n_cliques
        self.cliques_of = [set(c.tolist()) for c in problem.cliques_of]
        for k, s in enumerate(self.slot_of):
            if s != UNPLACED:
                self._put(k, s)
        self.placed = [
            k for k, s in enumerate(self.slot_of) if s != UNPLACED and not self.pinned[k]
        ]
        self.gaps = sum(self._gaps(b) for b in self.busy)
        self.short = sum(self._short(p, b) for p, b in enumerate(self.busy))
        self.moved = self._moved_total()

    def _short(self, p: int, bits: int) -> int:
        """Meetings p misses to reach the per-session minimum."""
        return sum(
            max(0, least - (bits & mask).bit_count())
            for least, mask in zip(self.session_min[p], self.session_bits, strict=True)
            if least
        )

    def _session_change(self, p: int, old: int, new: int, a: int, b: int) -> int | None:
        """Shortfall change for p when its busy bits go old -> new; None past a session cap."""
        ja, jb = self.session_of[a], self.session_of[b]
        if ja == jb:
            return 0
        change = 0
        for j in (ja, jb):
            mask = self.session_bits[j]
            now, then = (old & mask).bit_count(), (new & mask).bit_count()
            if then > now and then > self.session_cap[p][j]:
                return None
            least = self.session_min[p][j]
            change += max(0, least - then) - max(0, least - now)
        return change

    def _moved_total(self) -> int:
        if self.previous is None:
            return 0
        return sum(1 for k, s in enumerate(self.previous) if s != UNPLACED and self.slot_of[k] != s)

    def _gaps(self, bits: int) -> int:
        """Idle periods between meetings within sessions, for one busy bit set."""
        if not bits:
            return 0
        starts = bits & ~((bits << 1) & ~self.first_bits)
        used = sum(1 for mask in self.session_bits if bits & mask)
        return starts.bit_count() - used

    def _put(self, k: int, s: int) -> None:
        self.slot_of[k] = s
        for r in self.resources[k]:
            self.at[r][s] = k
        for p in self.members[k]:
            self.busy[p] |= 1 << s
        if not self.online[k]:
            for c in self.cliques_of[s]:
                self.clique_load[c] += 1

    def _take(self, k: int) -> None:
        s = self.slot_of[k]
        for r in self.resources[k]:
            self.at[r][s] = UNPLACED
        for p in self.members[k]:
            self.busy[p] &= ~(1 << s)
        if not self.online[k]:
            for c in self.cliques_of[s]:
                self.clique_load[c] -= 1
        self.slot_of[k] = UNPLACED

    def _chain(self, k: int, b: int) -> list[int] | None:
        """The Kempe chain that moves meeting `k` from its slot to `b`; None if not allowed."""
        a = self.slot_of[k]
        chain = [k]
        seen = {k}
        index = 0
        while index < len(chain):
            m = chain[index]
            index += 1
            here = self.slot_of[m]
            there = b if here == a else a
            if self.pinned[m] or not (self.feasible_bits[m] >> there) & 1:
                return None
            for r in self.resources[m]:
                other = self.at[r][there]
                if other != UNPLACED and other not in seen:
                    seen.add(other)
                    chain.append(other)
                    if len(chain) > MAX_CHAIN:
                        return None
        return chain

    def _delta(self, chain: list[int], a: int, b: int) -> tuple[int, int, int] | None:
        """(shortfall, gap, moved) changes of swapping `chain` between a and b; None if not
        allowed (no table, or past a per-session cap)."""
        to_b = sum(1 for m in chain if self.slot_of[m] == a and not self.online[m])
        to_a = sum(1 for m in chain if self.slot_of[m] == b and not self.online[m])
        if to_a != to_b and not self._tables_left(
            *((a, b) if to_a > to_b else (b, a)), abs(to_a - to_b)
        ):
            return None
        people = {p for m in chain for p in self.members[m]}
        bit_a, bit_b = 1 << a, 1 << b
        delta = short = 0
        for p in people:
            bits = self.busy[p]
            in_a = bool(bits & bit_a)
            in_b = bool(bits & bit_b)
            if in_a == in_b:
                continue  # busy in both slots (or neither): the swap changes nothing for p
            new = bits ^ (bit_a | bit_b)
            if new & self.clash_bits[a if in_b else b]:
                return None  # p would meet at two overlapping times
            change = self._session_change(p, bits, new, a, b)
            if change is None:
                return None
            short += change
            delta += self._gaps(new) - self._gaps(bits)
        moved = 0
        if self.previous is not None:
            for m in chain:
                old = self.previous[m]
                now = self.slot_of[m]
                new_slot = b if now == a else a
                moved += int(new_slot != old) - int(now != old)
        return short, delta, moved

    def _tables_left(self, gaining: int, losing: int, more: int) -> bool:
        """Whether slot `gaining` can take `more` tabled meetings that `losing` gives up: in
        each set of overlapping slots with the one and not the other, tables must suffice."""
        n_tables = self.problem.n_tables
        if not self.problem.has_clashes:  # one set per slot, in slot order
            return self.clique_load[gaining] + more <= n_tables
        return all(
            self.clique_load[c] + more <= n_tables
            for c in self.cliques_of[gaining] - self.cliques_of[losing]
        )

    def _apply(self, chain: list[int], a: int, b: int) -> None:
        targets = [(m, b if self.slot_of[m] == a else a) for m in chain]
        for m, _ in targets:
            self._take(m)
        for m, s in targets:
            self._put(m, s)

    def run(
        self,
        deadline: float,
        temperature: float = 0.6,
        tick: Callable[[], None] | None = None,
        stop: threading.Event | None = None,
        *,
        moves: int | None = None,
    ) -> np.ndarray:
        """Anneal until `deadline` (or `stop` is set); return the schedule with the fewest gaps.

        With `moves`, at most that many tries, cooling by their count instead of the clock:
        the same schedule however busy the machine. `tick` is called now and then, for a
        progress display."""
        best = list(self.slot_of)
        best_cost = (self.short, self.gaps, self.moved)
        if not self.placed or self.problem.n_slots < 2 or best_cost == (0, 0, 0):
            return np.array(best, dtype=np.int64)
        started = time.monotonic()
        span = max(deadline - started, 1e-3)
        n_slots = self.problem.n_slots
        rng = self.rng
        step = 0
        heat = temperature
        while moves is None or step < moves:
            step += 1
            if step % 256 == 0:
                now = time.monotonic()
                if now >= deadline or (stop is not None and stop.is_set()):
                    break
                if tick is not None and step % 65536 == 0:
                    tick()
                done = (now - started) / span if moves is None else step / moves
                # Cool geometrically towards pure descent at the deadline.
                heat = temperature * (0.02 / temperature) ** done
            k = self.placed[int(rng.integers(len(self.placed)))]
            a = self.slot_of[k]
            b = int(rng.integers(n_slots - 1))
            if b >= a:
                b += 1
            chain = self._chain(k, b)
            if chain is None:
                continue
            change = self._delta(chain, a, b)
            if change is None:
                continue
            short, delta, moved = change
            # The minimum per session comes before gaps: never trade it for them.
            cost = short * 1000 + delta + moved * 1e-3
            if cost > 0 and rng.random() >= math.exp(-cost / heat):
                continue
            self._apply(chain, a, b)
            self.short += short
            self.gaps += delta
            self.moved += moved
            if (self.short, self.gaps, self.moved) < best_cost:
                best_cost = (self.short, self.gaps, self.moved)
                best = list(self.slot_of)
                if best_cost == (0, 0, 0):
                    break
        return np.array(best, dtype=np.int64)
