import numpy as np
import pytest
from scipy import sparse

from modus.matchmaking.recommend import recommend
from modus.matchmaking.recommend.tfidf import TfidfBackend, fold, keep_top_terms, stem
from tests.matchmaking.recommend.examples import offer, participant, request


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("optics", "optical", "optic"), True),
        (("supplier", "suppliers", "supply", "supplies"), True),
        (("components", "component"), True),
        (("sensor", "sensors", "sensing"), True),
        (("manufacturing", "manufacturer"), True),
        (("optics", "opera"), False),
    ],
)
def test_stems_fold_word_forms(words, same):
    assert (len({stem(word) for word in words}) == 1) is same


def similarity(texts):
    vectors = TfidfBackend().fit_transform(texts)
    return (vectors @ vectors.T).toarray()


def test_rows_are_normalised_and_empty_texts_are_zero():
    vectors = TfidfBackend().fit_transform(["precision optics", "", "laser cutting machines"])
    norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
    assert norms.round(12).tolist() == [1.0, 0.0, 1.0]


def test_word_forms_and_accents_meet():
    scores = similarity(["precision optics for lasers", "optical laser components", "bakery"])
    assert scores[0, 1] > 0.2
    assert scores[0, 2] == 0.0
    assert similarity(["kvalitní čočky", "kvalitni cocky"])[0, 1] == pytest.approx(1.0)


def test_a_repeated_text_is_read_once_and_still_counts_as_often_as_it_occurs():
    # Repeated texts are read once; spelt in other case they are read each time: the same.
    others = ["laser welding heads", "fibre sensors downhole", "laser optics design"]
    repeated = TfidfBackend().fit_transform(["laser optics design", *others, *others])
    recased = TfidfBackend().fit_transform(
        ["laser optics design", *others, *(text.upper() for text in others)]
    )
    assert np.array_equal(repeated.toarray(), recased.toarray())
    once = TfidfBackend().fit_transform(["laser optics design", *others])
    # "laser" is in five texts of seven rather than three of four: it weighs less.
    assert not np.allclose(repeated.toarray()[0], once.toarray()[0])


def test_boilerplate_matches_nothing():
    scores = similarity(["We offer a partner company", "Looking for partners, we need a company"])
    assert scores[0, 1] == 0.0


def test_no_words_at_all_gives_zero_rows():
    vectors = TfidfBackend().fit_transform(["", "the and of", "42"])
    assert sparse.issparse(vectors)
    assert vectors.shape[0] == 3
    assert vectors.nnz == 0


def test_keep_top_terms_keeps_the_largest_weights_renormalised():
    matrix = sparse.csr_matrix(np.array([[0.1, 0.5, 0.2, 0.5], [0.0, 0.0, 3.0, 0.0]]))
    kept = keep_top_terms(matrix, 2).toarray()
    assert kept[0].tolist() == pytest.approx([0.0, np.sqrt(0.5), 0.0, np.sqrt(0.5)])
    assert kept[1].tolist() == [0.0, 0.0, 1.0, 0.0]


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("optických", "optický", "optickými"), True),
        (("laser", "laserové", "laserový", "lasery"), True),
        (("čočky", "čočka", "cocky"), True),
        (("testování", "testovat", "testy"), True),
        (("vlákna", "vláken", "vláknem"), True),
        (("laser", "les"), False),
    ],
)
def test_czech_word_forms_fold_together(words, same):
    assert (len({fold(word) for word in words}) == 1) is same


def test_czech_texts_meet_in_other_word_forms_and_boilerplate_does_not():
    scores = similarity(
        [
            "Hledáme dodavatele optických komponent pro laserové řezání",
            "Nabízíme optické komponenty a řezání laserem",
            "Hledáme partnera pro spolupráci",
        ]
    )
    assert scores[0, 1] > 0.3
    assert scores[1, 2] == 0.0


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("komponenta", "komponenty", "component", "components"), True),
        (("senzor", "sensor", "sensors"), True),
        (("kalibrace", "calibration"), True),
        (("certifikace", "certification"), True),
        (("systém", "systémy", "system", "systems"), True),
        (("kontrola", "control"), True),
        (("fotonika", "photonics"), True),
        (("optimisation", "optimization"), True),
        (("chemie", "cement"), False),
    ],
)
def test_loanwords_meet_across_czech_and_english_spelling(words, same):
    assert (len({fold(word) for word in words}) == 1) is same


def test_tfidf_alone_joins_a_czech_request_to_an_english_offer_by_its_loanwords():
    scores = similarity(
        [
            "Hledáme dodavatele senzorů pro kontrolu kvality",
            "Sensors for quality control on production lines",
            "Organic flour from our own mill",
        ]
    )
    assert scores[0, 1] > TfidfBackend.answer_level
    assert scores[0, 2] == 0.0


def test_tfidf_alone_finds_the_answer_that_shares_one_telling_word_with_a_long_request():
    requester = participant(
        1,
        request(
            "Testing of optical fibres for harsh environments",
            "Oil and gas firm needs fibre sensors that survive high temperature downhole, "
            "with data on attenuation drift over months of service in deep wells",
        ),
    )
    answer = participant(
        2,
        offer(
            "Specialty fibre characterisation",
            "We measure attenuation and strength of optical fibres under heat, radiation and "
            "pressure, in our accredited laboratory near Prague",
        ),
    )
    others = [
        participant(10 + n, offer(title), country="DE")
        for n, title in enumerate(
            ["Organic flour from our mill", "Hotel booking software", "Timber frame houses"]
        )
    ]
    first = recommend([requester, answer, *others], backend="tfidf")[1][0]
    assert first.other_id == 2
    assert first.reasons[0].code in {"offer-answers-request", "offer-may-answer-request"}


def test_czech_boilerplate_in_any_form_matches_nothing():
    scores = similarity(
        [
            "Nabízíme spolupráci, potřebujeme partnera pro naši firmu",
            "Hledáme partnery; naše společnosti nabízejí novou spolupráci",
        ]
    )
    assert scores[0, 1] == 0.0
