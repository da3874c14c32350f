import json

import pytest

from modus.matchmaking.scheduling.instance import (
    InstanceError,
    instance_to_json,
    load_instance,
    parse_instance,
)
from tests.matchmaking.scheduling.instances import B2B, tiny


def _base() -> dict:
    return {
        "slots": [{"id": "a", "session": "x"}, {"id": "b", "session": "x"}],
        "tables": ["T1"],
        "participants": [{"id": "p1"}, {"id": "p2", "booth": "T1"}],
        "meetings": [{"id": "m1", "participants": ["p1", "p2"]}],
    }


def _problems(**changes) -> list[str]:
    data = _base()
    data.update(changes)
    with pytest.raises(InstanceError) as caught:
        parse_instance(data)
    return caught.value.problems


def test_defaults_are_read():
    instance = parse_instance(_base())
    assert instance.objective == "max-weight"
    assert instance.meetings[0].weight == 1.0
    assert instance.participants[0].available is None
    assert instance.participants[1].booth == "T1"


def test_unknown_participant_is_named():
    problems = _problems(meetings=[{"id": "m1", "participants": ["p1", "p9"]}])
    assert problems == ["meetings[0] (m1).participants: unknown participant 'p9'"]


def test_unknown_slot_in_availability():
    problems = _problems(participants=[{"id": "p1", "available": ["zz"]}, {"id": "p2"}])
    assert problems == ["participants[0] (p1).available: unknown slot 'zz'"]


def test_duplicate_ids_are_reported():
    meetings = [{"id": "m1", "participants": ["p1", "p2"]}] * 2
    assert _problems(meetings=meetings) == ["meetings[1] (m1): duplicate meeting id 'm1'"]
    slots = [{"id": "a", "session": "x"}, {"id": "a", "session": "x"}]
    assert _problems(slots=slots) == ["slots[1]: duplicate slot id 'a'"]


def test_unknown_table_and_pinned_slot():
    problems = _problems(
        participants=[{"id": "p1", "booth": "T7"}, {"id": "p2"}],
        meetings=[{"id": "m1", "participants": ["p1", "p2"], "slot": "q"}],
    )
    assert problems == [
        "participants[0] (p1): booth 'T7' is not one of the tables",
        "meetings[0] (m1): pinned to unknown slot 'q'",
    ]


def test_split_session_and_bad_values():
    slots = [
        {"id": "a", "session": "x"},
        {"id": "b", "session": "y"},
        {"id": "c", "session": "x"},
    ]
    assert _problems(slots=slots) == [
        "slots[2]: session 'x' is split: its slots must be consecutive"
    ]
    meeting = {"id": "m1", "participants": ["p1", "p2"], "weight": -1, "colour": "red"}
    assert _problems(meetings=[meeting]) == [
        "meetings[0]: unknown field 'colour' (expected one of "
        "['allowed', 'id', 'online', 'participants', 'slot', 'weight'])",
        "meetings[0] (m1): weight must be a positive number, got -1",
    ]


def test_lonely_meeting_and_bad_objective():
    problems = _problems(objective="fastest", meetings=[{"id": "m1", "participants": ["p1"]}])
    assert problems == [
        "objective: expected one of ['max-weight', 'place-all-min-gaps'], got 'fastest'",
        "meetings[0] (m1): a meeting needs at least two participants",
    ]


def test_not_an_object():
    with pytest.raises(InstanceError, match="expected a JSON object, got list"):
        parse_instance([])


def test_load_reports_bad_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(InstanceError, match="not valid JSON"):
        load_instance(path)


def test_round_trip_of_a_real_event():
    instance = load_instance(B2B / "forum-13.fixed020-Forb.json")
    again = parse_instance(json.loads(json.dumps(instance_to_json(instance))))
    assert again == instance
    assert again.objective == "place-all-min-gaps"


def test_tiny_fixture():
    assert len(tiny().meetings) == 4


def test_clashes_are_read_both_ways_and_written_back():
    data = {
        "slots": [
            {"id": "a1", "session": "A", "clashes": ["b1"]},
            {"id": "b1", "session": "B"},
        ],
        "participants": [{"id": "p0"}, {"id": "p1"}],
        "meetings": [],
    }
    instance = parse_instance(data)
    assert [slot.clashes for slot in instance.slots] == [frozenset({"b1"}), frozenset({"a1"})]
    assert instance_to_json(instance)["slots"] == [
        {"id": "a1", "session": "A", "clashes": ["b1"]},
        {"id": "b1", "session": "B", "clashes": ["a1"]},
    ]


def test_clashes_must_name_other_known_slots():
    data = {
        "slots": [{"id": "a1", "session": "A", "clashes": ["a1", "zz"]}],
        "participants": [],
        "meetings": [],
    }
    with pytest.raises(InstanceError) as error:
        parse_instance(data)
    assert error.value.problems == [
        "slot a1: a slot cannot clash with itself",
        "slot a1: clashes with unknown slot 'zz'",
    ]
