import numpy as np

from modus.matchmaking.recommend.features import compile_profiles, neighbour_bits, stage_bits
from modus.matchmaking.recommend.tfidf import TfidfBackend
from tests.matchmaking.recommend.examples import offer, participant, photonics_event, request


def test_participants_are_ordered_by_id():
    event = photonics_event()
    compiled = compile_profiles(event[::-1], TfidfBackend(), {})
    assert [p.id for p in compiled.profiles] == [1, 2, 3, 4, 5, 6]
    assert compiled.position == {1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5}


def test_masks_and_indices():
    profiles = [
        participant(
            9,
            request("lenses", stage=5, ecosystems={"electronics"}),
            offer("machines", stage=6),
            country="LT",
            organisation_id="a",
        ),
        participant(4, ecosystems={"aerospace-defence"}, stages={1}, organisation_id="a"),
    ]
    compiled = compile_profiles(profiles, TfidfBackend(), {9: 7, 77: 1})
    assert compiled.countries == ["CZ", "LT"]
    assert compiled.country.tolist() == [0, 1]
    assert compiled.organisation.tolist() == [0, 0]
    assert compiled.ecosystem_bits.tolist() == [1 << 0, 1 << 5]
    assert compiled.stage_bits.tolist() == [0b1, 0b110000]
    assert compiled.pending_requests.tolist() == [0, 7]
    assert [o.title for o in compiled.opportunities] == ["lenses", "machines"]
    assert [r.tolist() for r in compiled.requests_of] == [[], [0]]
    assert [o.tolist() for o in compiled.offers_of] == [[], [1]]


def test_stage_bits_and_their_neighbours():
    assert stage_bits(frozenset({1, 8})) == 0b10000001
    assert neighbour_bits(np.array([0b00010000, 0b10000001])).tolist() == [0b00101000, 0b01000010]
