"""An instance compiled to integer indices and NumPy arrays, and schedule evaluation on it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from modus.matchmaking.scheduling.instance import PLACE_ALL_MIN_GAPS, Instance

UNPLACED = -1

# Weights become integers for CP-SAT; three decimals keep any weight a person would type.
WEIGHT_SCALE = 1000


@dataclass
class Problem:
    """Index arrays of an instance; a schedule is an int array `slot_of` (-1 = unplaced).

    Resources are the participants (0..P-1) followed by one resource per booth table, so that
    "one meeting at a time" covers both a person and a stand.
    """

    instance: Instance
    n_slots: int
    n_participants: int
    n_resources: int
    n_meetings: int
    n_tables: int
    first_of_session: np.ndarray  # bool (S,): slot opens a session
    session_of: np.ndarray  # int (S,): the session index of each slot
    available: np.ndarray  # bool (P, S)
    cap: np.ndarray  # int (P,): max meetings, at most the number of slots
    members: list[np.ndarray]  # per meeting: participant indices
    resources: list[np.ndarray]  # per meeting: participant and booth resource indices
    weight: np.ndarray  # float (M,)
    weight_int: np.ndarray  # int64 (M,), weight in units of 1/WEIGHT_SCALE when fractional
    online: np.ndarray  # bool (M,)
    booth: np.ndarray  # int (M,): the booth table index the meeting sits at, or -1
    pin: np.ndarray  # int (M,): pinned slot or -1
    feasible: np.ndarray  # bool (M, S): slots a meeting may take, ignoring other meetings
    meetings_of: list[np.ndarray]  # per resource: meeting indices
    demand: np.ndarray  # int (P,): meetings a participant could have, capped
    session_cap: np.ndarray  # int (P, J): max meetings per session
    session_min: np.ndarray  # int (P, J): wanted meetings per session, where reachable
    place_all: bool
    # bool (S, S): the two slots overlap in time (parallel sessions); all False without any
    clash: np.ndarray | None = None
    # Sets of slots that overlap one another, one set per moment (see overlap_structure):
    # their meetings share the tables, so together they hold at most n_tables. One per slot,
    # the slot alone, without parallel sessions.
    cliques: list[np.ndarray] | None = None
    # Per slot, the indices of the cliques it is in.
    cliques_of: list[np.ndarray] | None = None
    # The slots in the order tables are given out (see maximum_cardinality_order), with
    # parallel sessions; its reverse is a perfect elimination order when `chordal`.
    seating_order: list[int] | None = None
    # Whether the overlaps are such as times give (an interval graph is chordal).
    chordal: bool = True

    def __post_init__(self) -> None:
        self._apart: dict[bytes, int] = {}  # most_at_once_apart, by slot set
        if self.cliques is None:
            clash = self.clash if self.has_clashes else None
            self.cliques, self.seating_order, self.chordal = overlap_structure(clash, self.n_slots)
        if self.cliques_of is None:
            self.cliques_of = cliques_by_slot(self.cliques, self.n_slots)

    def most_at_once_apart(self, slots: np.ndarray) -> int:
        """The most slots of the bool (S,) `slots` no two of which overlap: an upper limit on
        the meetings one person or table can have in them."""
        if not self.has_clashes or not self.chordal:
            return int(slots.sum())  # without parallel sessions exact; else an upper limit
        key = slots.tobytes()
        if key not in self._apart:
            # Taking each slot that overlaps none taken, in elimination order, takes the
            # most (Gavril): each one's later overlapping slots overlap one another.
            taken = np.zeros(self.n_slots, dtype=bool)
            for s in reversed(self.seating_order):
                if slots[s] and not (self.clash[s] & taken).any():
                    taken[s] = True
            self._apart[key] = int(taken.sum())
        return self._apart[key]

    @property
    def n_cliques(self) -> int:
        return len(self.cliques)

    def slots_with_a_table(self, clique_load: np.ndarray) -> np.ndarray:
        """Bool (S,): slots where one more tabled meeting fits, given each clique's load."""
        if not self.has_clashes:
            return clique_load < self.n_tables  # one clique per slot, in slot order
        full = np.flatnonzero(clique_load >= self.n_tables)
        room = np.ones(self.n_slots, dtype=bool)
        for c in full:
            room[self.cliques[c]] = False
        return room

    def by_clique(self, by_slot: dict[int, list]) -> list[tuple[int, list]]:
        """Per clique, its index and the items of `by_slot` (slot -> items) in its slots."""
        return [
            (c, [item for s in clique for item in by_slot.get(int(s), ())])
            for c, clique in enumerate(self.cliques)
        ]

    @property
    def has_clashes(self) -> bool:
        return self.clash is not None and bool(self.clash.any())

    def clear_of(self, busy: np.ndarray) -> np.ndarray:
        """Bool (S,): slots that are neither `busy` (bool (S,)) nor clash with a busy one."""
        if not self.has_clashes or not busy.any():
            return ~busy
        return ~busy & ~self.clash[:, busy].any(axis=1)

    def clashing_pairs(self) -> list[tuple[int, int]]:
        """Pairs (s, t), s < t, of slots that overlap in time."""
        if not self.has_clashes:
            return []
        first, second = np.nonzero(np.triu(self.clash, 1))
        return [(int(s), int(t)) for s, t in zip(first, second, strict=True)]

    @property
    def n_sessions(self) -> int:
        return self.session_cap.shape[1]

    def capped(self, p: int, j: int) -> bool:
        """Whether p's cap in session j is below the session's length (else it is implied)."""
        return bool(self.session_cap[p, j] < (self.session_of == j).sum())

    @property
    def wants_minimum(self) -> bool:
        return bool(self.session_min.any())

    @property
    def placeable(self) -> np.ndarray:
        """Meetings that have at least one feasible slot."""
        return self.feasible.any(axis=1)


def compile_problem(instance: Instance) -> Problem:
    """Turn an `Instance` into index arrays."""
    slot_index = {s.id: i for i, s in enumerate(instance.slots)}
    table_index = {t: i for i, t in enumerate(instance.tables)}
    person_index = {p.id: i for i, p in enumerate(instance.participants)}
    n_slots, n_people = len(instance.slots), len(instance.participants)
    first = np.array(
        [
            i == 0 or instance.slots[i - 1].session != s.session
            for i, s in enumerate(instance.slots)
        ],
        dtype=bool,
    )
    available = np.ones((n_people, n_slots), dtype=bool)
    cap = np.full(n_people, n_slots, dtype=np.int64)
    booth_resource: dict[int, int] = {}
    person_booth = np.full(n_people, -1, dtype=np.int64)
    for i, p in enumerate(instance.participants):
        if p.available is not None:
            available[i] = False
            available[i, [slot_index[s] for s in p.available]] = True
        if p.max_meetings is not None:
            cap[i] = min(p.max_meetings, n_slots)
        if p.booth is not None:
            person_booth[i] = table_index[p.booth]
    n_meetings = len(instance.meetings)
    members, resources = [], []
    weight = np.array([m.weight for m in instance.meetings], dtype=float)
    online = np.array([m.online for m in instance.meetings], dtype=bool)
    booth = np.full(n_meetings, -1, dtype=np.int64)
    pin = np.full(n_meetings, -1, dtype=np.int64)
    feasible = np.zeros((n_meetings, n_slots), dtype=bool)
    for k, m in enumerate(instance.meetings):
        people = np.array([person_index[p] for p in m.participants], dtype=np.int64)
        members.append(people)
        row = available[people].all(axis=0)
        if m.allowed is not None:
            allowed = np.zeros(n_slots, dtype=bool)
            allowed[[slot_index[s] for s in m.allowed]] = True
            row &= allowed
        if m.slot is not None:
            pin[k] = slot_index[m.slot]
            only = np.zeros(n_slots, dtype=bool)
            only[pin[k]] = True
            row &= only
        feasible[k] = row
        held = person_booth[people]
        held = held[held >= 0]
        extra = []
        if held.size and not m.online:
            booth[k] = held[0]
            extra = [n_people + booth_resource.setdefault(int(held[0]), len(booth_resource))]
        resources.append(np.concatenate([people, np.array(extra, dtype=np.int64)]))
    n_resources = n_people + len(booth_resource)
    buckets: list[list[int]] = [[] for _ in range(n_resources)]
    for k, res in enumerate(resources):
        for r in res:
            buckets[r].append(k)
    meetings_of = [np.array(b, dtype=np.int64) for b in buckets]
    placeable = feasible.any(axis=1)
    demand = np.array(
        [min(int(placeable[meetings_of[p]].sum()), int(cap[p])) for p in range(n_people)],
        dtype=np.int64,
    )
    if np.all(weight == np.round(weight)):
        weight_int = np.round(weight).astype(np.int64)
    else:
        weight_int = np.round(weight * WEIGHT_SCALE).astype(np.int64)
    session_of = np.cumsum(first) - 1
    session_cap, session_min = _session_limits(instance, session_of, feasible, meetings_of)
    clash = np.zeros((n_slots, n_slots), dtype=bool)
    for i, slot in enumerate(instance.slots):
        for other in slot.clashes:
            if other in slot_index and slot_index[other] != i:
                clash[i, slot_index[other]] = clash[slot_index[other], i] = True
    return Problem(
        instance=instance,
        n_slots=n_slots,
        n_participants=n_people,
        n_resources=n_resources,
        n_meetings=n_meetings,
        n_tables=len(instance.tables),
        first_of_session=first,
        session_of=session_of,
        available=available,
        cap=cap,
        members=members,
        resources=resources,
        weight=weight,
        weight_int=weight_int,
        online=online,
        booth=booth,
        pin=pin,
        feasible=feasible,
        meetings_of=meetings_of,
        demand=demand,
        session_cap=session_cap,
        session_min=session_min,
        place_all=instance.objective == PLACE_ALL_MIN_GAPS,
        clash=clash,
    )


def table_cliques(clash: np.ndarray | None, n_slots: int) -> list[np.ndarray]:
    """The sets of slots that overlap one another (see overlap_structure)."""
    return overlap_structure(clash, n_slots)[0]


def overlap_structure(
    clash: np.ndarray | None, n_slots: int
) -> tuple[list[np.ndarray], list[int] | None, bool]:
    """The sets of slots that overlap one another, so that a table cannot serve two of them;
    the order tables are given out in; and whether the overlaps are such as times give.

    Slots are intervals of time, so their overlaps form a chordal graph: a maximum
    cardinality search visits the slots in an order where each slot's neighbours visited
    before it overlap one another; with the slot they are a clique, and every set of slots
    overlapping at one moment is in one of these. Those inside another are dropped.
    """
    if clash is None:
        return [np.array([s]) for s in range(n_slots)], None, True
    order = maximum_cardinality_order(clash)
    found = later_neighbours(clash, order[::-1])
    chordal = all(is_clique(clash, c) for c in found)
    if not chordal:
        # Overlaps no times could give (a file's "clashes" may say anything): all the
        # maximal cliques, fewer than the slots would suggest in any real programme.
        found = maximal_cliques(clash)
    kept = [c for c in found if not any(c < other for other in found)]
    return [np.array(c) for c in sorted(sorted(c) for c in set(kept))], order, chordal


def later_neighbours(clash: np.ndarray, order: list[int]) -> list[frozenset[int]]:
    """Per slot in `order`, the slot with the slots overlapping it that come after it."""
    later = np.ones(len(clash), dtype=bool)
    found = []
    for s in order:
        later[s] = False
        found.append(frozenset([int(s), *np.flatnonzero(clash[s] & later).tolist()]))
    return found


def is_clique(clash: np.ndarray, slots: frozenset[int]) -> bool:
    members = sorted(slots)
    block = clash[np.ix_(members, members)]
    return bool((block | np.eye(len(members), dtype=bool)).all())


def maximal_cliques(clash: np.ndarray) -> list[frozenset[int]]:
    """Every maximal clique of the overlap graph (Bron-Kerbosch with a pivot)."""
    neighbours = [set(np.flatnonzero(row).tolist()) for row in clash]
    found: list[frozenset[int]] = []

    def extend(clique: set[int], candidates: set[int], excluded: set[int]) -> None:
        if not candidates and not excluded:
            found.append(frozenset(clique))
            return
        pivot = max(candidates | excluded, key=lambda v: len(neighbours[v] & candidates))
        for v in sorted(candidates - neighbours[pivot]):
            extend(clique | {v}, candidates & neighbours[v], excluded & neighbours[v])
            candidates = candidates - {v}
            excluded = excluded | {v}

    extend(set(), set(range(len(clash))), set())
    return found


def maximum_cardinality_order(clash: np.ndarray) -> list[int]:
    """The slots, each next the one with the most neighbours already taken (first by index).

    Seating meetings in this order, a table free of the neighbours taken before is free of
    all that overlap: for an interval graph, tables never run short while every clique holds
    at most as many meetings as there are tables."""
    n = len(clash)
    weight = np.zeros(n, dtype=np.int64)
    taken = np.zeros(n, dtype=bool)
    order = []
    for _ in range(n):
        s = int(np.argmax(np.where(taken, -1, weight)))
        order.append(s)
        taken[s] = True
        weight += clash[s]
    return order


def cliques_by_slot(cliques: list[np.ndarray], n_slots: int) -> list[np.ndarray]:
    members: list[list[int]] = [[] for _ in range(n_slots)]
    for c, clique in enumerate(cliques):
        for s in clique:
            members[int(s)].append(c)
    return [np.array(m, dtype=np.int64) for m in members]


def _session_limits(
    instance: Instance, session_of: np.ndarray, feasible: np.ndarray, meetings_of: list
) -> tuple[np.ndarray, np.ndarray]:
    """Per person and session: the cap, and the minimum lowered to what their meetings allow."""
    n_sessions = int(session_of[-1]) + 1 if session_of.size else 0
    length = np.bincount(session_of, minlength=n_sessions)
    n_people = len(instance.participants)
    cap = np.tile(length, (n_people, 1)).astype(np.int64)
    least = np.zeros((n_people, n_sessions), dtype=np.int64)
    for i, p in enumerate(instance.participants):
        if p.max_per_session is not None:
            cap[i] = np.minimum(cap[i], p.max_per_session)
        if p.min_per_session:
            mine = meetings_of[i]
            # Meetings that could sit in each session: an upper limit on what p can get there.
            could = np.zeros((len(mine), n_sessions), dtype=bool)
            for j in range(n_sessions):
                could[:, j] = feasible[mine][:, session_of == j].any(axis=1)
            least[i] = np.minimum(np.minimum(could.sum(axis=0), cap[i]), p.min_per_session)
    return cap, least


def drop_clashes(problem: Problem, slot_of: np.ndarray) -> np.ndarray:
    """The schedule without meetings that put someone in two overlapping slots: pinned
    meetings are kept first, then the heavier ones."""
    if not problem.has_clashes:
        return slot_of
    kept = slot_of.copy()
    busy = np.zeros((problem.n_resources, problem.n_slots), dtype=bool)
    order = sorted(
        np.flatnonzero(slot_of >= 0), key=lambda k: (problem.pin[k] < 0, -problem.weight[k], k)
    )
    for k in order:
        s = int(slot_of[k])
        row = busy[problem.resources[k]].any(axis=0)
        if (problem.clash[s] & row).any():
            kept[k] = UNPLACED
            continue
        busy[problem.resources[k], s] = True
    return kept


def busy_matrix(problem: Problem, slot_of: np.ndarray) -> np.ndarray:
    """Bool (P, S): whether each participant is in a meeting in each slot."""
    busy = np.zeros((problem.n_participants, problem.n_slots), dtype=bool)
    for k in np.flatnonzero(slot_of >= 0):
        busy[problem.members[k], slot_of[k]] = True
    return busy


def gaps_per_participant(problem: Problem, busy: np.ndarray) -> np.ndarray:
    """Idle periods between two meetings of one session, per participant."""
    previous = np.zeros_like(busy)
    previous[:, 1:] = busy[:, :-1]
    previous[:, problem.first_of_session] = False
    starts = (busy & ~previous).sum(axis=1)
    # Each session with a meeting has one block that is not preceded by a gap.
    sessions = np.cumsum(problem.first_of_session) - 1
    n_sessions = int(sessions[-1]) + 1 if sessions.size else 0
    used = np.zeros((busy.shape[0], n_sessions), dtype=bool)
    for j in range(n_sessions):
        used[:, j] = busy[:, sessions == j].any(axis=1)
    return starts - used.sum(axis=1)


def session_counts(problem: Problem, busy: np.ndarray) -> np.ndarray:
    """Int (P, J): meetings per participant and session."""
    counts = np.zeros((busy.shape[0], problem.n_sessions), dtype=np.int64)
    for j in range(problem.n_sessions):
        counts[:, j] = busy[:, problem.session_of == j].sum(axis=1)
    return counts


def shortfall(problem: Problem, busy: np.ndarray) -> int:
    """Meetings missing to bring everyone to their per-session minimum."""
    if not problem.wants_minimum:
        return 0
    return int(np.maximum(problem.session_min - session_counts(problem, busy), 0).sum())


@dataclass(frozen=True)
class Score:
    """The objective values of a schedule, compared lexicographically by `key`."""

    placed: int
    weight: int  # in weight_int units
    short: int  # meetings missing to reach each person's minimum in each session
    starved: int  # participants who could meet someone but have no meeting
    floor: int  # everyone has at least min(floor, demand) meetings
    gaps: int
    moved: int

    def key(self, place_all: bool) -> tuple[int, ...]:
        """Larger is better."""
        first = self.placed if place_all else self.weight
        return (first, -self.short, -self.starved, self.floor, -self.gaps, -self.moved)


def evaluate(problem: Problem, slot_of: np.ndarray, previous: np.ndarray | None = None) -> Score:
    """Score a schedule given as slot per meeting."""
    placed_mask = slot_of >= 0
    busy = busy_matrix(problem, slot_of)
    count = np.zeros(problem.n_participants, dtype=np.int64)
    for k in np.flatnonzero(placed_mask):
        count[problem.members[k]] += 1
    wanting = problem.demand > 0
    starved = int((wanting & (count == 0)).sum())
    floor = 0
    if wanting.any():
        # Largest t with count >= min(t, demand) for everyone who wants meetings.
        short = count[wanting] < problem.demand[wanting]
        floor = int(count[wanting][short].min()) if short.any() else int(problem.n_slots)
    moved = 0
    if previous is not None:
        was = previous >= 0
        moved = int((was & (slot_of != previous)).sum())
    return Score(
        placed=int(placed_mask.sum()),
        weight=int(problem.weight_int[placed_mask].sum()),
        short=shortfall(problem, busy),
        starved=starved,
        floor=floor,
        gaps=int(gaps_per_participant(problem, busy).sum()),
        moved=moved,
    )
