from modus.matchmaking.scheduling.instance import instance_to_json, parse_instance
from modus.matchmaking.scheduling.synthetic import generate


def test_generation_is_deterministic_and_valid():
    first, second = generate(200, seed=5), generate(200, seed=5)
    assert first == second
    assert parse_instance(instance_to_json(first)) == first


def test_shape_of_a_partnering_day():
    instance = generate(600)
    assert len(instance.meetings) == 2100
    assert len(instance.slots) == 16
    assert {s.session for s in instance.slots} == {"d1-am", "d1-pm"}
    assert sum(1 for p in instance.participants if p.booth) == 30
    assert any(m.online for m in instance.meetings)
    assert any(len(m.participants) == 3 for m in instance.meetings)
    assert any(p.max_meetings for p in instance.participants)
