"""Small instances and a hypothesis strategy shared by the scheduling tests."""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from modus.matchmaking.scheduling.instance import Instance, load_instance, parse_instance

B2B = Path(__file__).parents[3] / "bench" / "data" / "scheduling" / "b2b"
# Seconds for a search that ends once it proves its answer: a ceiling a working solver never
# reaches, however busy the machine, never a measure of speed (that is bench/schedule.py's).
CEILING = 300


def b2b(name: str) -> Instance:
    """A real B2B event from the copied benchmark data."""
    return load_instance(B2B / f"{name}.json")


def tiny(**overrides) -> Instance:
    """Three slots in one session, two tables, four people, four meetings."""
    data = {
        "name": "tiny",
        "slots": [{"id": f"s{i}", "session": "am"} for i in range(3)],
        "tables": ["T1", "T2"],
        "participants": [{"id": f"p{i}"} for i in range(4)],
        "meetings": [
            {"id": "m1", "participants": ["p0", "p1"]},
            {"id": "m2", "participants": ["p0", "p2"]},
            {"id": "m3", "participants": ["p0", "p3"]},
            {"id": "m4", "participants": ["p1", "p2"], "weight": 2},
        ],
    }
    data.update(overrides)
    return parse_instance(data)


@st.composite
def instances(draw, objective: str | None = None) -> dict:
    """Any small valid instance, as JSON: sessions, caps, stands, pins, online and teams."""
    n_slots = draw(st.integers(1, 5))
    split = draw(st.integers(0, n_slots))
    slots = [{"id": f"s{i}", "session": "am" if i < split else "pm"} for i in range(n_slots)]
    slot_ids = [s["id"] for s in slots]
    # Parallel sessions: some morning slots overlap some afternoon ones in time.
    for slot in slots[:split]:
        parallel = draw(st.lists(st.sampled_from(slot_ids[split:] or ["-"]), unique=True))
        if parallel and slot_ids[split:]:
            slot["clashes"] = parallel
    tables = [f"T{i}" for i in range(draw(st.integers(0, 3)))]
    n_people = draw(st.integers(2, 6))
    participants = []
    booth_holders = set()
    for i in range(n_people):
        person: dict = {"id": f"p{i}"}
        if draw(st.booleans()):
            person["available"] = draw(st.lists(st.sampled_from(slot_ids), unique=True))
        if draw(st.integers(0, 3)) == 0:
            person["max_meetings"] = draw(st.integers(0, 3))
        if draw(st.integers(0, 3)) == 0:
            person["max_per_session"] = draw(st.integers(0, 2))
        if draw(st.integers(0, 3)) == 0:
            person["min_per_session"] = draw(st.integers(0, person.get("max_per_session", 2)))
        if i < len(tables) and draw(st.booleans()):
            person["booth"] = tables[i]
            booth_holders.add(person["id"])
        participants.append(person)
    people = [p["id"] for p in participants]
    meetings = []
    for k in range(draw(st.integers(0, 10))):
        members = draw(st.lists(st.sampled_from(people), min_size=2, max_size=3, unique=True))
        if len(booth_holders.intersection(members)) > 1:
            continue
        meeting: dict = {"id": f"m{k}", "participants": members}
        meeting["weight"] = draw(st.sampled_from([1, 1, 2, 3]))
        if draw(st.integers(0, 9)) == 0:
            meeting["slot"] = draw(st.sampled_from(slot_ids))
        if draw(st.integers(0, 4)) == 0:
            meeting["allowed"] = draw(st.lists(st.sampled_from(slot_ids), unique=True))
        if draw(st.integers(0, 4)) == 0:
            meeting["online"] = True
        meetings.append(meeting)
    chosen = objective or draw(st.sampled_from(["max-weight", "place-all-min-gaps"]))
    return {
        "name": "drawn",
        "objective": chosen,
        "slots": slots,
        "tables": tables,
        "participants": participants,
        "meetings": meetings,
    }
