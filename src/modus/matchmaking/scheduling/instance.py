"""The meeting-scheduling instance and solution: dataclasses, JSON loading and validation."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_WEIGHT = "max-weight"
PARTICIPANT_FIELDS = {
    "id",
    "available",
    "max_meetings",
    "booth",
    "max_per_session",
    "min_per_session",
}
PLACE_ALL_MIN_GAPS = "place-all-min-gaps"
OBJECTIVES = (MAX_WEIGHT, PLACE_ALL_MIN_GAPS)

# Past this many problems the rest are usually consequences of the first ones.
MAX_REPORTED_PROBLEMS = 20


class InstanceError(ValueError):
    """An instance that does not follow the format; `problems` lists every finding."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:MAX_REPORTED_PROBLEMS]
        more = len(problems) - len(shown)
        text = "invalid scheduling instance:\n  " + "\n  ".join(shown)
        if more:
            text += f"\n  ... and {more} more"
        super().__init__(text)


@dataclass(frozen=True)
class Slot:
    """A time slot; consecutive slots of one session are adjacent in time.

    `clashes` names the slots of other sessions whose times overlap this one (sessions may
    run in parallel): nobody meets in two slots that clash. A Modus extension of FORMAT.md.
    """

    id: str
    session: str
    clashes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Participant:
    """A person to schedule; `available` None means every slot, `max_meetings` None no cap.

    `max_per_session` caps the meetings in each session; `min_per_session` asks for at least
    that many in each session where the person's meetings allow it (an objective after the
    placed weight, not a constraint). Both are Modus extensions of FORMAT.md.
    """

    id: str
    available: frozenset[str] | None = None
    max_meetings: int | None = None
    booth: str | None = None
    max_per_session: int | None = None
    min_per_session: int = 0


@dataclass(frozen=True)
class Meeting:
    """A requested meeting of two or more participants."""

    id: str
    participants: tuple[str, ...]
    weight: float = 1.0
    slot: str | None = None
    allowed: frozenset[str] | None = None
    online: bool = False


@dataclass(frozen=True)
class Instance:
    """A whole scheduling problem, as in FORMAT.md."""

    name: str
    slots: tuple[Slot, ...]
    tables: tuple[str, ...]
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]
    objective: str = MAX_WEIGHT


@dataclass(frozen=True)
class Assignment:
    """One placed meeting; `table` is None for online meetings."""

    meeting: str
    slot: str
    table: str | None


@dataclass
class Solution:
    """A schedule with its objective values, the proven bound and the solver status."""

    assignments: list[Assignment]
    unscheduled: list[str]
    objective: dict[str, float | int]
    bound: dict[str, float | int]
    status: str
    seconds: float
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The solution as the JSON object of FORMAT.md."""
        return {
            "assignments": [
                {"meeting": a.meeting, "slot": a.slot, "table": a.table} for a in self.assignments
            ],
            "unscheduled": list(self.unscheduled),
            "objective": dict(self.objective),
            "bound": dict(self.bound),
            "status": self.status,
            "seconds": round(self.seconds, 3),
        }


class _Reader:
    """Collects every problem of a JSON document instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def keys(self, where: str, item: dict, allowed: set[str], required: set[str]) -> None:
        for key in sorted(set(item) - allowed):
            self.fail(where, f"unknown field {key!r} (expected one of {sorted(allowed)})")
        for key in sorted(required - set(item)):
            self.fail(where, f"missing field {key!r}")

    def text(self, where: str, value: Any) -> str | None:
        if isinstance(value, str) and value:
            return value
        self.fail(where, f"expected a non-empty string, got {value!r}")
        return None

    def id_list(self, where: str, value: Any, known: set[str], kind: str) -> list[str] | None:
        if not isinstance(value, list):
            self.fail(where, f"expected a list of {kind} ids, got {type(value).__name__}")
            return None
        seen: set[str] = set()
        result = []
        for i, entry in enumerate(value):
            ident = self.text(f"{where}[{i}]", entry)
            if ident is None:
                continue
            if ident not in known:
                self.fail(where, f"unknown {kind} {ident!r}")
            elif ident in seen:
                self.fail(where, f"{kind} {ident!r} listed twice")
            else:
                seen.add(ident)
                result.append(ident)
        return result


def _list_field(reader: _Reader, data: dict, key: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        reader.fail(key, f"expected a list, got {type(value).__name__}")
        return []
    return value


def _read_slots(reader: _Reader, raw: list) -> list[Slot]:
    slots: list[Slot] = []
    seen: set[str] = set()
    closed_sessions: set[str] = set()
    for i, item in enumerate(raw):
        where = f"slots[{i}]"
        if not isinstance(item, dict):
            reader.fail(where, "expected an object with 'id' and 'session'")
            continue
        reader.keys(where, item, {"id", "session", "clashes"}, {"id", "session"})
        ident = reader.text(f"{where}.id", item.get("id"))
        session = reader.text(f"{where}.session", item.get("session"))
        if ident is None or session is None:
            continue
        if ident in seen:
            reader.fail(where, f"duplicate slot id {ident!r}")
            continue
        # A session must be one run of adjacent slots, or "gap" would mean nothing.
        if slots and slots[-1].session != session:
            closed_sessions.add(slots[-1].session)
        if session in closed_sessions:
            reader.fail(where, f"session {session!r} is split: its slots must be consecutive")
        seen.add(ident)
        slots.append(Slot(ident, session, _clash_list(reader, where, item.get("clashes", []))))
    if not slots and not reader.problems:
        reader.fail("slots", "an instance needs at least one slot")
    return _symmetric_clashes(reader, slots)


def _clash_list(reader: _Reader, where: str, value: Any) -> frozenset[str]:
    if not isinstance(value, list):
        reader.fail(f"{where}.clashes", f"expected a list of slot ids, got {value!r}")
        return frozenset()
    return frozenset(entry for entry in value if reader.text(f"{where}.clashes", entry))


def _symmetric_clashes(reader: _Reader, slots: list[Slot]) -> list[Slot]:
    """Clashes name known slots other than their own; one side naming a pair is enough."""
    ids = {slot.id for slot in slots}
    named = {slot.id: set(slot.clashes) for slot in slots}
    for slot in slots:
        for other in sorted(slot.clashes):
            if other == slot.id:
                reader.fail(f"slot {slot.id}", "a slot cannot clash with itself")
            elif other not in ids:
                reader.fail(f"slot {slot.id}", f"clashes with unknown slot {other!r}")
            else:
                named[other].add(slot.id)
    return [Slot(s.id, s.session, frozenset(named[s.id] & ids - {s.id})) for s in slots]


def _read_tables(reader: _Reader, raw: list) -> list[str]:
    tables: list[str] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        ident = reader.text(f"tables[{i}]", item)
        if ident is None:
            continue
        if ident in seen:
            reader.fail(f"tables[{i}]", f"duplicate table id {ident!r}")
            continue
        seen.add(ident)
        tables.append(ident)
    return tables


def _read_participants(
    reader: _Reader, raw: list, slot_ids: set[str], table_ids: set[str]
) -> list[Participant]:
    participants: list[Participant] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        where = f"participants[{i}]"
        if not isinstance(item, dict):
            reader.fail(where, "expected an object")
            continue
        reader.keys(where, item, PARTICIPANT_FIELDS, {"id"})
        ident = reader.text(f"{where}.id", item.get("id"))
        if ident is None:
            continue
        where = f"participants[{i}] ({ident})"
        if ident in seen:
            reader.fail(where, f"duplicate participant id {ident!r}")
            continue
        seen.add(ident)
        available = None
        if item.get("available") is not None:
            listed = reader.id_list(f"{where}.available", item["available"], slot_ids, "slot")
            available = frozenset(listed or ())
        cap = _count(reader, where, item, "max_meetings")
        booth = item.get("booth")
        if booth is not None and booth not in table_ids:
            reader.fail(where, f"booth {booth!r} is not one of the tables")
            booth = None
        most = _count(reader, where, item, "max_per_session")
        least = _count(reader, where, item, "min_per_session") or 0
        if most is not None and least > most:
            reader.fail(where, f"min_per_session {least} is above max_per_session {most}")
            least = most
        participants.append(Participant(ident, available, cap, booth, most, least))
    return participants


def _count(reader: _Reader, where: str, item: dict, key: str) -> int | None:
    """An optional non-negative integer field."""
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        reader.fail(where, f"{key} must be a non-negative integer, got {value!r}")
        return None
    return value


def _read_weight(reader: _Reader, where: str, value: Any) -> float:
    valid = isinstance(value, int | float) and not isinstance(value, bool)
    if not valid or not math.isfinite(value) or value <= 0:
        reader.fail(where, f"weight must be a positive number, got {value!r}")
        return 1.0
    return float(value)


def _read_meetings(
    reader: _Reader, raw: list, slot_ids: set[str], booths: dict[str, str | None]
) -> list[Meeting]:
    meetings: list[Meeting] = []
    seen: set[str] = set()
    fields = {"id", "participants", "weight", "slot", "allowed", "online"}
    people_ids = set(booths)
    for i, item in enumerate(raw):
        where = f"meetings[{i}]"
        if not isinstance(item, dict):
            reader.fail(where, "expected an object")
            continue
        reader.keys(where, item, fields, {"id", "participants"})
        ident = reader.text(f"{where}.id", item.get("id"))
        if ident is None:
            continue
        where = f"meetings[{i}] ({ident})"
        if ident in seen:
            reader.fail(where, f"duplicate meeting id {ident!r}")
            continue
        seen.add(ident)
        people = reader.id_list(
            f"{where}.participants", item.get("participants", []), people_ids, "participant"
        )
        if people is None:
            continue
        if len(people) < 2 and len(people) == len(item.get("participants", [])):
            reader.fail(where, "a meeting needs at least two participants")
        held = {booths[p] for p in people if booths.get(p)}
        if len(held) > 1 and not item.get("online"):
            reader.fail(where, f"participants hold different booths {sorted(held)}")
        weight = _read_weight(reader, where, item.get("weight", 1))
        slot = item.get("slot")
        if slot is not None and slot not in slot_ids:
            reader.fail(where, f"pinned to unknown slot {slot!r}")
            slot = None
        allowed = None
        if item.get("allowed") is not None:
            listed = reader.id_list(f"{where}.allowed", item["allowed"], slot_ids, "slot")
            allowed = frozenset(listed or ())
        online = item.get("online", False)
        if not isinstance(online, bool):
            reader.fail(where, f"online must be true or false, got {online!r}")
            online = False
        meetings.append(Meeting(ident, tuple(people), weight, slot, allowed, online))
    return meetings


def parse_instance(data: Any) -> Instance:
    """Validate a decoded JSON instance and build an `Instance`; raises `InstanceError`."""
    reader = _Reader()
    if not isinstance(data, dict):
        raise InstanceError([f"instance: expected a JSON object, got {type(data).__name__}"])
    known = {"name", "objective", "slots", "tables", "participants", "meetings"}
    reader.keys("instance", data, known, {"slots", "participants", "meetings"})
    name = data.get("name", "instance")
    if not isinstance(name, str):
        reader.fail("name", f"expected a string, got {name!r}")
        name = "instance"
    objective = data.get("objective", MAX_WEIGHT)
    if objective not in OBJECTIVES:
        reader.fail("objective", f"expected one of {list(OBJECTIVES)}, got {objective!r}")
        objective = MAX_WEIGHT
    slots = _read_slots(reader, _list_field(reader, data, "slots"))
    tables = _read_tables(reader, _list_field(reader, data, "tables"))
    slot_ids = {s.id for s in slots}
    participants = _read_participants(
        reader, _list_field(reader, data, "participants"), slot_ids, set(tables)
    )
    booths = {p.id: p.booth for p in participants}
    meetings = _read_meetings(reader, _list_field(reader, data, "meetings"), slot_ids, booths)
    if reader.problems:
        raise InstanceError(reader.problems)
    return Instance(
        name, tuple(slots), tuple(tables), tuple(participants), tuple(meetings), objective
    )


def load_instance(path: str | Path) -> Instance:
    """Read and validate an instance file; raises `InstanceError` for unreadable or bad input."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InstanceError([f"{path}: cannot read: {error}"]) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstanceError([f"{path}: not valid JSON: {error}"]) from error
    return parse_instance(data)


def _slot_json(slot: Slot) -> dict[str, Any]:
    item: dict[str, Any] = {"id": slot.id, "session": slot.session}
    if slot.clashes:
        item["clashes"] = sorted(slot.clashes)
    return item


def instance_to_json(instance: Instance) -> dict[str, Any]:
    """The instance as a JSON object of FORMAT.md (the inverse of `parse_instance`)."""
    participants = []
    for p in instance.participants:
        item: dict[str, Any] = {"id": p.id}
        if p.available is not None:
            item["available"] = [s.id for s in instance.slots if s.id in p.available]
        if p.max_meetings is not None:
            item["max_meetings"] = p.max_meetings
        if p.booth is not None:
            item["booth"] = p.booth
        if p.max_per_session is not None:
            item["max_per_session"] = p.max_per_session
        if p.min_per_session:
            item["min_per_session"] = p.min_per_session
        participants.append(item)
    meetings = []
    for m in instance.meetings:
        item = {"id": m.id, "participants": list(m.participants)}
        if m.weight != 1:
            item["weight"] = m.weight
        if m.slot is not None:
            item["slot"] = m.slot
        if m.allowed is not None:
            item["allowed"] = [s.id for s in instance.slots if s.id in m.allowed]
        if m.online:
            item["online"] = True
        meetings.append(item)
    return {
        "name": instance.name,
        "objective": instance.objective,
        "slots": [_slot_json(s) for s in instance.slots],
        "tables": list(instance.tables),
        "participants": participants,
        "meetings": meetings,
    }
