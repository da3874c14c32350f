import gc
import weakref

import pytest

from modus.matchmaking.recommend import (
    FILLER_CODES,
    Reason,
    describe,
    is_filler_only,
    recommend,
    without_filler,
)
from modus.matchmaking.recommend.reasons import REASON_CODES, no_cyclic_collection
from tests.matchmaking.recommend.examples import offer, participant, request


@pytest.mark.parametrize(
    ("reason", "sentence"),
    [
        (
            Reason(
                "offer-answers-request",
                0.5,
                your_opportunity_title="optical components supplier",
                their_opportunity_title="precision optics for laser systems",
            ),
            "Their offer 'precision optics for laser systems' answers your request "
            "'optical components supplier'",
        ),
        (
            Reason(
                "request-answered-by-offer",
                0.4,
                your_opportunity_title="lenses",
                their_opportunity_title="optics wanted",
            ),
            "Your offer 'lenses' answers their request 'optics wanted'",
        ),
        (
            Reason("value-chain-adjacent", 0.08, your_stage=5, their_stage=4),
            "adjacent in the value chain: they supply components, you integrate",
        ),
        (Reason("same-ecosystem", 0.04, ecosystem="electronics"), "same ecosystem: Electronics"),
        (Reason("cross-border", 0.03, country="LT"), "cross-border: Lithuania"),
        (Reason("cross-border", 0.03, country="QQ"), "cross-border: QQ"),
        (Reason("similar-profile", 0.1), "similar profile"),
        (
            Reason("many-pending-requests", -0.1, pending_requests=12),
            "already has 12 pending meeting requests",
        ),
    ],
)
def test_describe_says_each_reason_in_plain_english(reason, sentence):
    assert describe(reason) == sentence


def test_every_code_can_be_described():
    assert all(describe(Reason(code, 0.1)) for code in REASON_CODES)


def test_an_unknown_code_is_an_error():
    with pytest.raises(ValueError, match="unknown reason code"):
        describe(Reason("astrology", 1.0))


def test_filler_is_never_shown_beside_a_text_match():
    buyer = participant(
        1, request("optical components supplier"), ecosystems={"electronics"}, country="CZ"
    )
    event = [
        buyer,
        participant(2, offer("optical components for lasers"), country="CZ"),
        participant(3, offer("organic bakery flour"), country="AT"),
        participant(4, ecosystems={"electronics"}, country="CZ"),
        participant(5, country="PL"),
    ]
    lists = recommend(event)
    assert [is_filler_only(s) for s in lists[1]] == [False, False, True, True]
    kept = without_filler(lists, event)
    assert [s.other_id for s in kept[1]] == [2, 4]
    for viewer in (1, 2, 3, 4):
        for suggestion in kept[viewer]:
            assert any(reason.code not in FILLER_CODES for reason in suggestion.reasons)
    # Someone whose offer no one asks for sees no filler either.
    assert [s.other_id for s in kept[3]] == []
    # Nothing but the ecosystem to go on: that, and no filler.
    assert [s.other_id for s in kept[4]] == [1]
    # Nothing at all to go on: better someone than no one.
    assert kept[5] == lists[5]
    assert [s.other_id for s in kept[5]] == [1, 2, 3, 4]


def test_an_empty_profile_keeps_its_list_while_there_is_nothing_better():
    event = [participant(1), participant(2, country="AT"), participant(3, country="PL")]
    lists = recommend(event)
    assert [s.other_id for s in lists[1]] == [2, 3]
    assert without_filler(lists, event) == lists
    event.append(participant(4, ecosystems={"digital"}))
    event[0] = participant(1, ecosystems={"digital"})
    assert [s.other_id for s in without_filler(recommend(event), event)[1]] == [4]


def test_what_is_made_without_cyclic_collection_is_old_at_once_and_still_collectable():
    class Node:
        def __init__(self):
            self.me = self  # a cycle: only the cyclic collector frees it

    gc.collect()
    assert gc.isenabled()
    with no_cyclic_collection():
        assert not gc.isenabled()
        kept = [Node() for _ in range(50_000)]
        lost = weakref.ref(Node())
    assert gc.isenabled() and gc.get_freeze_count() == 0
    # The young generation does not hold them: its next collection will not rescan them.
    assert gc.get_count()[0] < 1_000
    assert lost() is not None  # not collected yet: in the oldest generation
    gc.collect()
    assert lost() is None and len(kept) == 50_000


def test_a_nested_pause_leaves_collection_to_the_outer_one():
    with no_cyclic_collection():
        with no_cyclic_collection():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
