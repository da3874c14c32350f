"""The shape of the hand-written evaluation set of bench/recommend_quality.py, and its split."""

import hashlib
import importlib.util
import re
from collections import Counter
from pathlib import Path

import pytest

from modus.directory.taxonomy import ECOSYSTEMS

BENCH = Path(__file__).parents[3] / "bench" / "recommend_quality.py"
CODES = {code for code, _ in ECOSYSTEMS}
CZECH_LETTERS = re.compile("[áčďéěíňóřšťúůýž]", re.IGNORECASE)


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("recommend_quality", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def data(bench):
    return bench.load()


def test_provenance_and_license_are_stated(data):
    assert "written by hand" in data["provenance"].lower()
    assert "2026-12-02" in data["provenance"]
    assert data["license"]


def test_counts_per_language_group(data):
    groups = Counter((p["request_language"], p["offer_language"]) for p in data["pairs"])
    assert set(groups) <= {("en", "en"), ("cs", "cs"), ("cs", "en"), ("en", "cs")}
    assert len(data["pairs"]) >= 320
    assert groups["en", "en"] >= 150
    assert groups["cs", "cs"] + groups["cs", "en"] >= 80
    # Many Czech requests are answered in Czech, many in English (the second batch added
    # Czech-Czech pairs only, to narrow that group's interval).
    assert min(groups["cs", "cs"], groups["cs", "en"]) >= 40
    assert 25 <= len(data["unanswerable"]) <= 40
    assert {u["request_language"] for u in data["unanswerable"]} == {"en", "cs"}


def test_ids_are_unique_across_pairs_and_unanswerable_requests(data):
    ids = [p["id"] for p in data["pairs"]] + [u["id"] for u in data["unanswerable"]]
    assert len(ids) == len(set(ids))


def texts(data):
    for pair in data["pairs"]:
        yield pair["request_language"], pair["request"]
        yield pair["offer_language"], pair["offer"]
    for item in data["unanswerable"]:
        yield item["request_language"], item["request"]


def typed_without_diacritics(data) -> set[str]:
    """Requests written as someone typed them without the Czech keyboard (their note says)."""
    return {p["request"]["title"] for p in data["pairs"] if "bez diakritiky" in p.get("note", "")}


def test_texts_are_not_empty_and_czech_is_written_with_diacritics(data):
    for _, text in texts(data):
        assert text["title"].strip(), text
        assert isinstance(text["description"], str)
    # --typed without-diacritics strips them from every Czech text; a few are so already.
    exceptions = typed_without_diacritics(data)
    assert len(exceptions) <= 3
    czech = [
        f"{t['title']} {t['description']}"
        for language, t in texts(data)
        if language == "cs" and t["title"] not in exceptions
    ]
    assert all(CZECH_LETTERS.search(text) for text in czech), [
        text for text in czech if not CZECH_LETTERS.search(text)
    ]


def test_ecosystem_codes_are_the_directorys_and_all_fourteen_are_covered(data):
    for _, text in texts(data):
        assert set(text["ecosystems"]) <= CODES, text
    covered = Counter(p["ecosystem"] for p in data["pairs"])
    assert set(covered) == CODES
    assert min(covered.values()) >= 15
    ticked = sum(bool(p["request"]["ecosystems"]) for p in data["pairs"])
    # Many requests tick no ecosystem, as newcomers write them; some do.
    assert 0.1 * len(data["pairs"]) < ticked < 0.5 * len(data["pairs"])


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) >= 5}


def test_most_english_requests_and_offers_do_not_share_their_key_words(data):
    shared = [
        p["id"]
        for p in data["pairs"]
        if (p["request_language"], p["offer_language"]) == ("en", "en")
        and content_words(p["request"]["title"]) & content_words(p["offer"]["title"])
    ]
    english = sum(
        (p["request_language"], p["offer_language"]) == ("en", "en") for p in data["pairs"]
    )
    assert len(shared) < 0.2 * english, shared


def test_the_split_is_about_half_and_half_in_every_group(bench, data):
    items = [(p["id"], (p["request_language"], p["offer_language"])) for p in data["pairs"]]
    items += [(u["id"], "unanswerable") for u in data["unanswerable"]]
    for group in {g for _, g in items}:
        halves = Counter(bench.half_of(i) for i, g in items if g == group)
        assert set(halves) == set(bench.HALVES), group
        assert abs(halves["held-out"] - halves["tuning"]) <= 0.3 * sum(halves.values()), group
    total = Counter(bench.half_of(i) for i, _ in items)
    assert abs(total["held-out"] - total["tuning"]) <= 0.1 * len(items)


def test_the_split_is_stable(bench):
    # A pair's half depends only on its id: never on order, on other pairs, or on the run.
    assert [bench.half_of(i) for i in ("en-en-ad-01", "cs-cs-el-01", "none-cs-01")] == [
        "held-out",
        "tuning",
        "held-out",
    ]
    for pair_id in ("en-en-ad-01", "cs-en-to-03", "whatever"):
        parity = hashlib.sha256(pair_id.encode()).digest()[0] % 2
        assert bench.half_of(pair_id) == ("held-out", "tuning")[parity]


def test_placing_a_half_adds_a_requester_and_an_offerer_per_pair(bench, data):
    profiles, pairs, lonely = bench.place(data, "held-out")
    assert len(profiles) == 2 * len(pairs) + len(lonely)
    by_id = {p.id: p for p in profiles}
    for pair, requester, offerer in pairs:
        assert [o.direction for o in by_id[requester].opportunities] == ["request"]
        assert [o.direction for o in by_id[offerer].opportunities] == ["offer"]
        assert by_id[offerer].opportunities[0].title == pair["offer"]["title"]
        assert by_id[requester].organisation_id != by_id[offerer].organisation_id
        if pair["request_language"] == "cs":
            assert by_id[requester].country == "CZ"
    assert all(bench.half_of(pair["id"]) == "held-out" for pair, _, _ in pairs)


def test_retyping_changes_only_what_its_way_of_typing_changes(bench, data):
    plain = bench.retyped(data, "without-diacritics")
    for before, after in zip(data["pairs"], plain["pairs"], strict=True):
        for side in ("request", "offer"):
            if before[f"{side}_language"] == "en":
                assert after[side] == before[side]
            else:
                assert not CZECH_LETTERS.search(after[side]["title"] + after[side]["description"])
    shouted = bench.retyped(data, "titles-in-capitals")
    first, retyped = data["unanswerable"][0]["request"], shouted["unanswerable"][0]["request"]
    assert retyped == {**first, "title": first["title"].upper()}
    titled = bench.retyped(data, "titles-in-title-case")["unanswerable"][0]["request"]["title"]
    assert all(word[0].isupper() for word in titled.split(" ") if word)
    assert bench.retyped(data, "as-written") is data
