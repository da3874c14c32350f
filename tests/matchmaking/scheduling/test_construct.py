from hypothesis import given, settings

from modus.matchmaking.scheduling.construct import first_fit, greedy
from modus.matchmaking.scheduling.feasibility import check
from modus.matchmaking.scheduling.instance import parse_instance
from modus.matchmaking.scheduling.problem import compile_problem, evaluate
from modus.matchmaking.scheduling.solver import to_solution
from tests.matchmaking.scheduling.instances import b2b, instances, tiny


def test_first_fit_takes_the_earliest_slot_in_input_order():
    problem = compile_problem(tiny())
    assert first_fit(problem).tolist() == [0, 1, 2, 2]


def test_greedy_places_heavier_meetings_first():
    problem = compile_problem(tiny(tables=["T1"]))
    slot_of = greedy(problem)
    assert slot_of[3] >= 0  # weight 2 goes in first
    assert evaluate(problem, slot_of).weight == 4


def test_greedy_keeps_a_start_schedule():
    problem = compile_problem(tiny())
    start = first_fit(problem)
    start[1:] = -1
    assert greedy(problem, start=start)[0] == 0


def test_greedy_beats_first_fit_on_gaps_of_a_real_event():
    problem = compile_problem(b2b("forum-13.original"))
    assert evaluate(problem, greedy(problem)).gaps < evaluate(problem, first_fit(problem)).gaps


@settings(max_examples=40, deadline=None)
@given(instances())
def test_constructions_are_feasible(data):
    instance = parse_instance(data)
    problem = compile_problem(instance)
    for slot_of in (first_fit(problem), greedy(problem, seed=3)):
        assert check(instance, to_solution(problem, slot_of)) == []
