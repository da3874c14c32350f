"""Per-session caps (a constraint) and per-session minimums (an objective after weight)."""

import numpy as np
import pytest

from modus.matchmaking.scheduling import solver as solver_module
from modus.matchmaking.scheduling.board import Board
from modus.matchmaking.scheduling.feasibility import check
from modus.matchmaking.scheduling.instance import Assignment, InstanceError, parse_instance
from modus.matchmaking.scheduling.problem import compile_problem, evaluate
from modus.matchmaking.scheduling.solver import solve


def two_sessions(host: dict, n_meetings: int = 4, objective: str = "max-weight") -> dict:
    """Person h meets n others; four slots in the morning, four in the afternoon."""
    return {
        "name": "two-sessions",
        "objective": objective,
        "slots": [{"id": f"am{i}", "session": "am"} for i in range(4)]
        + [{"id": f"pm{i}", "session": "pm"} for i in range(4)],
        "tables": ["T1", "T2"],
        "participants": [{"id": "h", **host}] + [{"id": f"g{i}"} for i in range(n_meetings)],
        "meetings": [{"id": f"m{i}", "participants": ["h", f"g{i}"]} for i in range(n_meetings)],
    }


def per_session(solution) -> dict[str, int]:
    counts = {"am": 0, "pm": 0}
    for a in solution.assignments:
        counts[a.slot[:2]] += 1
    return counts


@pytest.fixture(params=["exact", "large"])
def path(request, monkeypatch):
    """Run each test through the whole-model CP-SAT path and the large-event path."""
    if request.param == "large":
        monkeypatch.setattr(solver_module, "EXACT_MODEL_LIMIT", 0)
    return request.param


def test_reading_checks_the_session_fields():
    with pytest.raises(InstanceError) as error:
        parse_instance(two_sessions({"max_per_session": -1, "min_per_session": "2"}))
    text = str(error.value)
    assert "max_per_session must be a non-negative integer" in text
    assert "min_per_session must be a non-negative integer" in text
    with pytest.raises(InstanceError, match="min_per_session 3 is above max_per_session 2"):
        parse_instance(two_sessions({"max_per_session": 2, "min_per_session": 3}))


def test_the_checker_finds_a_broken_session_cap():
    instance = parse_instance(two_sessions({"max_per_session": 1}))
    broken = [Assignment("m0", "am0", "T1"), Assignment("m1", "am1", "T1")]
    assert check(instance, broken) == ["h has 2 meetings in am, more than max_per_session 1"]


def test_the_session_cap_is_kept_and_the_rest_goes_to_the_other_session(path):
    instance = parse_instance(two_sessions({"max_per_session": 2}, n_meetings=6))
    solution = solve(instance, time_limit=2)
    assert check(instance, solution) == []
    assert solution.objective["placed"] == 4
    assert solution.bound["placed"] == 4
    assert per_session(solution) == {"am": 2, "pm": 2}


def test_the_minimum_spreads_meetings_over_both_sessions(path):
    # Without a minimum, four meetings in a row in one session is a perfect schedule.
    instance = parse_instance(two_sessions({"min_per_session": 2}))
    solution = solve(instance, time_limit=2)
    assert check(instance, solution) == []
    assert solution.objective["placed"] == 4
    assert per_session(solution) == {"am": 2, "pm": 2}
    assert solution.objective["gaps"] == 0


def test_the_minimum_never_costs_a_meeting(path):
    # Only the morning is possible for h's meetings: the minimum cannot be met in the
    # afternoon, and every meeting is still placed.
    data = two_sessions({"min_per_session": 2, "max_per_session": 4})
    for meeting in data["meetings"]:
        meeting["allowed"] = ["am0", "am1", "am2", "am3"]
    instance = parse_instance(data)
    solution = solve(instance, time_limit=2)
    assert solution.objective["placed"] == 4
    assert per_session(solution) == {"am": 4, "pm": 0}


def test_the_minimum_is_lowered_to_what_the_meetings_allow():
    data = two_sessions({"min_per_session": 3}, n_meetings=2)
    problem = compile_problem(parse_instance(data))
    assert problem.session_min[0].tolist() == [2, 2]
    # Two meetings cannot make 2 + 2: the shortfall of the best schedule is 2.
    slot_of = np.array([0, 4])
    assert evaluate(problem, slot_of).short == 2


def test_the_board_refuses_a_slot_past_the_session_cap():
    problem = compile_problem(parse_instance(two_sessions({"max_per_session": 1})))
    board = Board(problem)
    board.place(0, 0)
    free = board.free_slots(1)
    assert not free[:4].any()
    assert free[4:].all()
