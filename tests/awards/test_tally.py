"""The pure tally: examples and properties (order, weights, ties)."""

import itertools
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modus.awards.tally import Configuration, Phase, TallyError, Vote, tally

NOMINEES = (11, 12, 13)


def config(online=50, on_site=50, tie_break="online", nominees=NOMINEES) -> Configuration:
    return Configuration(nominees, (Phase("online", online), Phase("onsite", on_site)), tie_break)


def votes(phase: str, **counts: int) -> list[Vote]:
    return [Vote(phase, int(n[1:])) for n, c in counts.items() for _ in range(c)]


def test_the_weighted_mean_of_shares_decides():
    ballots = votes("online", n11=6, n12=4) + votes("onsite", n12=3, n13=1)
    result = tally(config(), ballots)
    by_nominee = {s.nominee: s for s in result.standings}
    assert by_nominee[11].combined == Fraction(1, 2) * Fraction(6, 10)
    assert by_nominee[12].combined == Fraction(1, 2) * (Fraction(4, 10) + Fraction(3, 4))
    assert result.winners == (12,)
    assert result.totals == {"online": 10, "onsite": 4}
    assert [s.rank for s in result.standings] == [1, 2, 3]


def test_paper_totals_count_with_the_on_site_ballots():
    result = tally(config(0, 100), votes("onsite", n11=2), paper={("onsite", 12): 3})
    assert result.winners == (12,)
    assert result.totals["onsite"] == 5


def test_a_tie_is_broken_by_the_stated_phase_then_shared():
    ballots = votes("online", n11=3, n12=1) + votes("onsite", n11=1, n12=3)
    assert tally(config(tie_break="online"), ballots).winners == (11,)
    assert tally(config(tie_break="onsite"), ballots).winners == (12,)
    shared = tally(config(tie_break="shared"), ballots)
    assert shared.winners == (11, 12)
    assert [s.rank for s in shared.standings] == [1, 1, 3]


def test_bad_ballots_are_refused():
    with pytest.raises(TallyError):
        tally(config(), [Vote("online", 99)])
    with pytest.raises(TallyError):
        tally(config(), [Vote("postal", 11)])
    with pytest.raises(TallyError):
        tally(config(), [], paper={("onsite", 11): -1})


def test_no_ballots_and_no_weights_give_level_nominees():
    result = tally(config(0, 0, tie_break="shared"), [])
    assert [s.rank for s in result.standings] == [1, 1, 1]


ballot_lists = st.lists(
    st.builds(Vote, st.sampled_from(["online", "onsite"]), st.sampled_from(NOMINEES)),
    max_size=60,
)
weights = st.integers(min_value=0, max_value=100)
rules = st.sampled_from(["online", "onsite", "shared"])


@settings(max_examples=150, deadline=None)
@given(ballot_lists, weights, weights, rules, st.randoms())
def test_the_order_of_ballots_does_not_matter(ballots, online, on_site, rule, rng):
    shuffled = list(ballots)
    rng.shuffle(shuffled)
    assert tally(config(online, on_site, rule), ballots) == tally(
        config(online, on_site, rule), shuffled
    )


@settings(max_examples=150, deadline=None)
@given(ballot_lists, weights, weights, st.integers(min_value=1, max_value=9))
def test_only_the_ratio_of_the_weights_matters(ballots, online, on_site, factor):
    assert tally(config(online, on_site), ballots) == tally(
        config(online * factor, on_site * factor), ballots
    )


@settings(max_examples=150, deadline=None)
@given(ballot_lists, weights, weights, rules)
def test_combined_results_sum_to_one_or_nothing(ballots, online, on_site, rule):
    result = tally(config(online, on_site, rule), ballots)
    total = sum(s.combined for s in result.standings)
    counted = [p for p, w in (("online", online), ("onsite", on_site)) if w and result.totals[p]]
    weight_of = {"online": online, "onsite": on_site}
    expected = (
        Fraction(sum(weight_of[p] for p in counted), online + on_site) if counted else Fraction(0)
    )
    assert total == expected


@settings(max_examples=150, deadline=None)
@given(ballot_lists, rules)
def test_a_phase_of_weight_zero_changes_nothing(ballots, rule):
    online_only = [b for b in ballots if b.phase == "online"]
    assert [s.combined for s in tally(config(100, 0, rule), ballots).standings] == [
        s.combined for s in tally(config(100, 0, rule), online_only).standings
    ]


@settings(max_examples=150, deadline=None)
@given(ballot_lists, weights, weights, rules)
def test_ranks_follow_the_combined_result_and_the_rule(ballots, online, on_site, rule):
    standings = tally(config(online, on_site, rule), ballots).standings
    assert standings[0].rank == 1
    for before, after in itertools.pairwise(standings):
        assert before.combined >= after.combined
        if before.rank == after.rank:
            assert before.combined == after.combined
            if rule != "shared":
                assert before.shares[rule] == after.shares[rule]
        else:
            assert after.rank == standings.index(after) + 1


@settings(max_examples=100, deadline=None)
@given(ballot_lists)
def test_renaming_nominees_renames_the_result(ballots):
    rename = dict(zip(NOMINEES, random.Random(1).sample(range(100, 200), 3), strict=True))
    renamed_config = config(nominees=tuple(rename[n] for n in NOMINEES), tie_break="shared")
    renamed = tally(renamed_config, [Vote(b.phase, rename[b.nominee]) for b in ballots])
    original = tally(config(tie_break="shared"), ballots)
    assert {rename[s.nominee]: (s.combined, s.rank) for s in original.standings} == {
        s.nominee: (s.combined, s.rank) for s in renamed.standings
    }
