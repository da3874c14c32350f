"""The solver reports the share of its time limit used, for the organiser's progress bar."""

import pytest

from modus.matchmaking.scheduling import solver as solver_module
from modus.matchmaking.scheduling.instance import MAX_WEIGHT
from modus.matchmaking.scheduling.solver import solve
from modus.matchmaking.scheduling.synthetic import generate


@pytest.mark.parametrize("exact_limit", [solver_module.EXACT_MODEL_LIMIT, 0])
def test_progress_is_reported_in_order_between_zero_and_one(monkeypatch, exact_limit):
    monkeypatch.setattr(solver_module, "EXACT_MODEL_LIMIT", exact_limit)
    instance = generate(60, seed=2)
    assert instance.objective == MAX_WEIGHT
    reports: list[float] = []
    solve(instance, time_limit=2, progress=reports.append)
    assert reports
    assert reports == sorted(reports)
    assert all(0 <= share <= 1 for share in reports)
