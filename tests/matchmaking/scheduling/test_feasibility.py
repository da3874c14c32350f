from modus.matchmaking.scheduling.feasibility import check, count_gaps, measure
from modus.matchmaking.scheduling.instance import Assignment, parse_instance
from tests.matchmaking.scheduling.instances import tiny


def _rules() -> dict:
    return {
        "slots": [{"id": f"s{i}", "session": "am"} for i in range(3)],
        "tables": ["T1", "T2"],
        "participants": [
            {"id": "p0", "available": ["s0", "s1"], "max_meetings": 1},
            {"id": "p1", "booth": "T2"},
            {"id": "p2"},
        ],
        "meetings": [
            {"id": "m1", "participants": ["p0", "p2"], "slot": "s0"},
            {"id": "m2", "participants": ["p0", "p1"], "allowed": ["s1"]},
            {"id": "m3", "participants": ["p1", "p2"], "online": True},
        ],
    }


def test_a_feasible_schedule_has_no_violations():
    solution = {
        "assignments": [
            {"meeting": "m1", "slot": "s0", "table": "T1"},
            {"meeting": "m3", "slot": "s0", "table": None},
        ],
        "unscheduled": ["m2"],
    }
    instance = parse_instance(_rules())
    assert check(instance, solution) == ["p2 has 2 meetings in s0: ['m1', 'm3']"]
    solution["assignments"][1]["slot"] = "s1"
    assert check(instance, solution) == []


def test_every_rule_is_checked():
    instance = parse_instance(_rules())
    solution = [
        Assignment("m1", "s2", "T1"),
        Assignment("m2", "s2", "T1"),
        Assignment("m3", "s2", "T1"),
        Assignment("m9", "s1", "T1"),
    ]
    assert check(instance, solution) == [
        "unknown meeting 'm9' assigned",
        "meeting m1 pinned to s0, placed in s2",
        "p0 is not available in s2 (meeting m1)",
        "meeting m2 placed in s2, not an allowed slot",
        "meeting m2 not at its booth ['T2']",
        "p0 is not available in s2 (meeting m2)",
        "online meeting m3 given table T1",
        "p0 has 2 meetings in s2: ['m1', 'm2']",
        "p1 has 2 meetings in s2: ['m2', 'm3']",
        "p2 has 2 meetings in s2: ['m1', 'm3']",
        "table T1 holds 2 meetings in s2",
        "p0 has 2 meetings, more than max_meetings 1",
    ]


def test_lists_must_cover_every_meeting_once():
    instance = tiny()
    solution = {
        "assignments": [
            {"meeting": "m1", "slot": "s0", "table": "T1"},
            {"meeting": "m1", "slot": "s1", "table": "T1"},
            {"meeting": "m2", "slot": "s9", "table": None},
        ],
        "unscheduled": ["m2"],
    }
    assert check(instance, solution) == [
        "meeting m1 assigned 2 times",
        "meeting m2 both assigned and unscheduled",
        "meeting m3 neither assigned nor unscheduled",
        "meeting m4 neither assigned nor unscheduled",
        "meeting m2 in unknown slot 's9'",
    ]


def test_gaps_and_measure():
    instance = tiny()
    assignments = [
        Assignment("m1", "s0", "T1"),
        Assignment("m3", "s2", "T1"),
        Assignment("m4", "s1", "T1"),
    ]
    assert count_gaps(instance, assignments) == 1  # p0 meets in s0 and s2
    assert measure(instance, assignments) == {"placed": 3, "weight": 4.0, "gaps": 1}


def test_a_person_in_two_overlapping_slots_is_refused():
    instance = parse_instance(
        {
            "slots": [
                {"id": "a1", "session": "A", "clashes": ["b1"]},
                {"id": "b1", "session": "B"},
            ],
            "tables": ["T1", "T2"],
            "participants": [{"id": "p0"}, {"id": "p1"}, {"id": "p2"}],
            "meetings": [
                {"id": "m1", "participants": ["p0", "p1"]},
                {"id": "m2", "participants": ["p0", "p2"]},
            ],
        }
    )
    clashing = [Assignment("m1", "a1", "T1"), Assignment("m2", "b1", "T2")]
    assert check(instance, clashing) == ["p0 meets in a1 and b1, whose times overlap"]


def test_a_table_in_two_overlapping_slots_is_refused():
    instance = parse_instance(
        {
            "slots": [
                {"id": "a1", "session": "A", "clashes": ["b1"]},
                {"id": "b1", "session": "B"},
            ],
            "tables": ["T1", "T2"],
            "participants": [{"id": f"p{i}"} for i in range(4)],
            "meetings": [
                {"id": "m1", "participants": ["p0", "p1"]},
                {"id": "m2", "participants": ["p2", "p3"]},
            ],
        }
    )
    one_table = [Assignment("m1", "a1", "T1"), Assignment("m2", "b1", "T1")]
    assert check(instance, one_table) == [
        "table T1 holds meetings in a1 and b1, whose times overlap"
    ]
    assert check(instance, [Assignment("m1", "a1", "T1"), Assignment("m2", "b1", "T2")]) == []
