"""Deterministic synthetic events shaped like a real partnering day, at any scale.

Two sessions of eight slots (with `parallel`, a third beside the morning, its slots starting
halfway through the morning's, so each overlaps two of them); exhibitors at stands; a
quarter of the people there for one session only and many missing a slot or two; caps of
6, 8 or 10 meetings for most; a few very popular people asked by dozens; some online and
some team (three-person) meetings; a quarter of the requests weighted 2 (mutual interest).
"""

from __future__ import annotations

import numpy as np

from modus.matchmaking.scheduling.instance import (
    MAX_WEIGHT,
    Instance,
    Meeting,
    Participant,
    Slot,
)

SESSIONS = ("d1-am", "d1-pm")
# The parallel session beside the morning one (see generate).
PARALLEL = "d1-am-hall-b"
SLOTS_PER_SESSION = 8
MEETINGS_PER_PERSON = 3.5
# Ordinary tables per requested meeting, as in the events this imitates.
TABLES_PER_MEETING = 0.052


def parallel_slots() -> list[Slot]:
    """Hall B's slots, each starting halfway through a morning slot: it overlaps that one
    and the next (the last overlaps one)."""
    morning = [f"{SESSIONS[0]}-{i:02d}" for i in range(SLOTS_PER_SESSION)]
    return [
        Slot(f"{PARALLEL}-{i:02d}", PARALLEL, frozenset(morning[i : i + 2]))
        for i in range(SLOTS_PER_SESSION)
    ]


def _availability(rng: np.random.Generator, slots: list[Slot]) -> frozenset[str] | None:
    """Everyone, one session, or all but a slot or two."""
    ids = [s.id for s in slots]
    roll = rng.random()
    if roll < 0.38:
        return None
    if roll < 0.62:
        session = SESSIONS[int(rng.integers(2))]
        chosen = [s.id for s in slots if s.session == session]
        if rng.random() < 0.4:
            drop = rng.choice(len(chosen), size=int(rng.integers(1, 3)), replace=False)
            chosen = [s for i, s in enumerate(chosen) if i not in set(drop.tolist())]
        return frozenset(chosen)
    drop = set(rng.choice(len(ids), size=int(rng.integers(1, 3)), replace=False).tolist())
    return frozenset(s for i, s in enumerate(ids) if i not in drop)


def generate(
    n_participants: int, seed: int = 1, *, n_stands: int | None = None, parallel: bool = False
) -> Instance:
    """A `max-weight` instance with `n_participants` people and 3.5 requests per person."""
    rng = np.random.default_rng(seed)
    slots = [
        Slot(f"{session}-{i:02d}", session)
        for session in SESSIONS
        for i in range(SLOTS_PER_SESSION)
    ]
    if parallel:
        slots += parallel_slots()
    if n_stands is None:
        n_stands = max(1, n_participants // 20)
    n_meetings = round(n_participants * MEETINGS_PER_PERSON)
    n_ordinary = max(1, round(n_meetings * TABLES_PER_MEETING))
    stands = [f"S{i + 1}" for i in range(n_stands)]
    tables = stands + [f"T{i + 1}" for i in range(n_ordinary)]
    participants = []
    for i in range(n_participants):
        cap_roll = rng.random()
        cap = None if cap_roll < 0.38 else int(rng.choice([6, 8, 10]))
        booth = stands[i] if i < n_stands else None
        participants.append(Participant(f"p{i}", _availability(rng, slots), cap, booth))
    # Popularity is heavy-tailed: a few people are asked by very many (capped, as in life).
    popularity = np.minimum(rng.pareto(1.8, size=n_participants) + 1.0, 60.0)
    popularity /= popularity.sum()
    meetings: list[Meeting] = []
    seen: set[tuple[int, ...]] = set()
    while len(meetings) < n_meetings:
        # Draw in batches: one rng call per meeting would dominate the run time at scale.
        batch = n_meetings - len(meetings) + 64
        sizes = np.where(rng.random(batch) < 0.026, 3, 2)
        askers = rng.integers(n_participants, size=batch)
        invited = rng.choice(n_participants, size=(batch, 2), p=popularity)
        weights = np.where(rng.random(batch) < 0.26, 2.0, 1.0)
        online = rng.random(batch) < 0.07
        for j in range(batch):
            if len(meetings) == n_meetings:
                break
            size = int(sizes[j])
            people = tuple(sorted({int(askers[j]), *(int(o) for o in invited[j, : size - 1])}))
            if len(people) < size or people in seen:
                continue
            if sum(1 for p in people if p < n_stands) > 1:
                continue  # two stand holders never share a meeting
            seen.add(people)
            meetings.append(
                Meeting(
                    f"m{len(meetings)}",
                    tuple(f"p{p}" for p in people),
                    weight=float(weights[j]),
                    online=bool(online[j]) and size == 2,
                )
            )
    return Instance(
        name=f"synthetic-{'parallel-' if parallel else ''}{n_participants}-seed{seed}",
        slots=tuple(slots),
        tables=tuple(tables),
        participants=tuple(participants),
        meetings=tuple(meetings),
        objective=MAX_WEIGHT,
    )
