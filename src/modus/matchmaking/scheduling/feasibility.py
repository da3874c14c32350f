"""An independent checker: re-reads a solution against the instance's rules, in plain Python.

It shares no code with the solver beyond the instance dataclasses, so a solver bug cannot
hide itself here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from modus.matchmaking.scheduling.instance import Assignment, Instance


def _as_assignments(solution: Any) -> tuple[list[Assignment], list[str] | None]:
    """Accept a `Solution`, its JSON object, or a plain list of assignments."""
    if isinstance(solution, dict):
        raw = solution.get("assignments", [])
        assignments = [Assignment(a.get("meeting"), a.get("slot"), a.get("table")) for a in raw]
        return assignments, solution.get("unscheduled")
    if hasattr(solution, "assignments"):
        return list(solution.assignments), list(solution.unscheduled)
    return list(solution), None


def check(instance: Instance, solution: Any) -> list[str]:
    """Every rule of FORMAT.md the solution breaks, as readable sentences; empty if feasible."""
    assignments, unscheduled = _as_assignments(solution)
    meetings = {m.id: m for m in instance.meetings}
    people = {p.id: p for p in instance.participants}
    slot_ids = {s.id for s in instance.slots}
    tables = set(instance.tables)
    violations: list[str] = []
    seen = Counter(a.meeting for a in assignments)
    for meeting_id, times in sorted(seen.items()):
        if meeting_id not in meetings:
            violations.append(f"unknown meeting {meeting_id!r} assigned")
        elif times > 1:
            violations.append(f"meeting {meeting_id} assigned {times} times")
    if unscheduled is not None:
        listed = set(unscheduled)
        for meeting_id in sorted(listed & set(seen)):
            violations.append(f"meeting {meeting_id} both assigned and unscheduled")
        for meeting_id in sorted(set(meetings) - listed - set(seen)):
            violations.append(f"meeting {meeting_id} neither assigned nor unscheduled")
    in_slot: dict[tuple[str, str], list[str]] = defaultdict(list)
    at_table: dict[tuple[str, str], list[str]] = defaultdict(list)
    count: Counter[str] = Counter()
    per_session: Counter[tuple[str, str]] = Counter()
    session_of = {s.id: s.session for s in instance.slots}
    for a in assignments:
        meeting = meetings.get(a.meeting)
        if meeting is None:
            continue
        if a.slot not in slot_ids:
            violations.append(f"meeting {a.meeting} in unknown slot {a.slot!r}")
            continue
        if meeting.slot is not None and a.slot != meeting.slot:
            violations.append(f"meeting {a.meeting} pinned to {meeting.slot}, placed in {a.slot}")
        if meeting.allowed is not None and a.slot not in meeting.allowed:
            violations.append(f"meeting {a.meeting} placed in {a.slot}, not an allowed slot")
        booths = {people[p].booth for p in meeting.participants if people[p].booth}
        if meeting.online:
            if a.table is not None:
                violations.append(f"online meeting {a.meeting} given table {a.table}")
        elif a.table is None:
            violations.append(f"meeting {a.meeting} has no table")
        elif a.table not in tables:
            violations.append(f"meeting {a.meeting} at unknown table {a.table!r}")
        else:
            if booths and a.table not in booths:
                violations.append(f"meeting {a.meeting} not at its booth {sorted(booths)}")
            at_table[(a.slot, a.table)].append(a.meeting)
        for p in meeting.participants:
            person = people[p]
            if person.available is not None and a.slot not in person.available:
                violations.append(f"{p} is not available in {a.slot} (meeting {a.meeting})")
            in_slot[(p, a.slot)].append(a.meeting)
            count[p] += 1
            per_session[(p, session_of[a.slot])] += 1
    for (p, slot), held in sorted(in_slot.items()):
        if len(held) > 1:
            violations.append(f"{p} has {len(held)} meetings in {slot}: {sorted(held)}")
    clashes = {s.id: s.clashes for s in instance.slots}
    slots_of: dict[str, list[str]] = defaultdict(list)
    for p, slot in sorted(in_slot):
        slots_of[p].append(slot)
    for p, held in sorted(slots_of.items()):
        for i, slot in enumerate(held):
            for other in held[i + 1 :]:
                if other in clashes[slot] or slot in clashes[other]:
                    violations.append(f"{p} meets in {slot} and {other}, whose times overlap")
    for (slot, table), held in sorted(at_table.items()):
        if len(held) > 1:
            violations.append(f"table {table} holds {len(held)} meetings in {slot}")
    for (slot, table), (other, _) in _table_overlaps(at_table, clashes):
        violations.append(
            f"table {table} holds meetings in {slot} and {other}, whose times overlap"
        )
    for p, n in sorted(count.items()):
        cap = people[p].max_meetings
        if cap is not None and n > cap:
            violations.append(f"{p} has {n} meetings, more than max_meetings {cap}")
    for (p, session), n in sorted(per_session.items()):
        cap = people[p].max_per_session
        if cap is not None and n > cap:
            violations.append(f"{p} has {n} meetings in {session}, more than max_per_session {cap}")
    return violations


def _table_overlaps(at_table: dict, clashes: dict) -> list:
    """((slot, table), (other slot, table)) for each table used in two overlapping slots."""
    slots_of_table: dict[str, list[str]] = defaultdict(list)
    for slot, table in sorted(at_table):
        slots_of_table[table].append(slot)
    return [
        ((slot, table), (other, table))
        for table, used in sorted(slots_of_table.items())
        for i, slot in enumerate(used)
        for other in used[i + 1 :]
        if other in clashes.get(slot, ()) or slot in clashes.get(other, ())
    ]


def count_gaps(instance: Instance, assignments: Iterable[Assignment]) -> int:
    """Idle periods between two meetings of one participant within one session."""
    position = {s.id: i for i, s in enumerate(instance.slots)}
    session = {s.id: s.session for s in instance.slots}
    meetings = {m.id: m for m in instance.meetings}
    busy: dict[tuple[str, str], set[int]] = defaultdict(set)
    for a in assignments:
        for p in meetings[a.meeting].participants:
            busy[(p, session[a.slot])].add(position[a.slot])
    gaps = 0
    for positions in busy.values():
        ordered = sorted(positions)
        gaps += sum(1 for x, y in pairwise(ordered) if y > x + 1)
    return gaps


def measure(instance: Instance, solution: Any) -> dict[str, float | int]:
    """Placed meetings, placed weight and gaps of a solution, recomputed from scratch."""
    assignments, _ = _as_assignments(solution)
    meetings = {m.id: m for m in instance.meetings}
    placed = [a for a in assignments if a.meeting in meetings]
    return {
        "placed": len(placed),
        "weight": sum(meetings[a.meeting].weight for a in placed),
        "gaps": count_gaps(instance, placed),
    }
