"""Texts as people type them are made plain before the embedding model reads them: Czech
typed without diacritics gets them back, sentences typed in capitals sentence case."""

import pytest

pytest.importorskip("wordfreq")

from modus.matchmaking.recommend.spelling import restore, unaccent, unshout


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        (
            "Hledame dodavatele optickych komponent pro laserove rezani",
            "Hledáme dodavatele optických komponent pro laserové řezání",
        ),
        ("Vyroba cocek a zrcadel", "Výroba čoček a zrcadel"),
        ("Zakaznici nam odchazeji ke konkurenci", "Zákazníci nám odcházejí ke konkurenci"),
        ("Levnejsi bydleni pro mlade rodiny", "Levnější bydlení pro mladé rodiny"),
    ],
)
def test_czech_typed_plain_gets_its_diacritics_back(typed, meant):
    assert restore(typed) == meant


def test_the_case_of_each_word_is_kept():
    assert restore("VYROBA Cocek a zrcadel") == "VÝROBA Čoček a zrcadel"


@pytest.mark.parametrize(
    "text",
    [
        "Power-saving retrofit for machine tools",
        "PCB assembly",
        "Lidar operator",  # "operator" is a Czech word too, without its diacritics
        "Post-processing of metal parts",
        "System integration and testing",
        "Robots to pick parts from bins",
        "Sourdough bread for cafes",
        "Do you need a partner to post your parcels?",
        "Hledáme dodavatele optických komponent",  # Czech with its diacritics already
        "Výroba cocek",  # one Czech letter: written with diacritics, typos are the writer's
        "",
        "3D / 2.5D",
    ],
)
def test_english_and_czech_with_diacritics_pass_unchanged(text):
    assert restore(text) == text


def test_unaccent_takes_off_only_czech_diacritics():
    assert unaccent("Řezání ŽELEZA, Müller") == "Rezani ZELEZA, Müller"


def test_without_wordfreq_texts_pass_unchanged(monkeypatch):
    monkeypatch.setattr("modus.matchmaking.recommend.spelling.INSTALLED", False)
    assert restore("Vyroba cocek a zrcadel") == "Vyroba cocek a zrcadel"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("HIGH-POWER LASER OPTICS", "High-power laser optics"),
        (
            "LASER OPTICS. LASER OPTICS. Lenses for cutting heads.",
            "Laser optics. Laser optics. Lenses for cutting heads.",
        ),
        ("HLEDÁME DODAVATELE OPTIKY!  Díky.", "Hledáme dodavatele optiky!  Díky."),
        ("“MDR AND IVDR CONSULTING”", "“Mdr and ivdr consulting”"),
    ],
)
def test_sentences_typed_in_capitals_are_given_in_sentence_case(typed, meant):
    assert unshout(typed) == meant


@pytest.mark.parametrize(
    "text",
    ["PCB assembly", "EASA Part 145 MRO for ATR 72", "CRO", "NDT", "Laser optics. NDT."],
)
def test_acronyms_among_small_letters_are_not_shouting(text):
    assert unshout(text) == text


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Cracks In Turbine Blades Before They Fail", "Cracks in turbine blades before they fail"),
        (
            "Laser Optics. Laser Optics. Lenses for heads.",
            "Laser optics. Laser optics. Lenses for heads.",
        ),
        ("EASA Part-145 Maintenance", "EASA part-145 maintenance"),
        ("Trvanlivost Jahod", "Trvanlivost jahod"),
        ("Testing of Fibres under Heat", "Testing of fibres under heat"),
        ("Lenses with Coatings for Laser Heads", "Lenses with coatings for laser heads"),
    ],
)
def test_titles_in_title_case_are_given_in_sentence_case(typed, meant):
    assert unshout(typed) == meant


@pytest.mark.parametrize(
    "text",
    [
        "Intermodal rail freight between Czechia and North Sea ports",
        "North Sea",
        "Consulting for McKinsey Alumni Network",  # a word with a capital inside: left alone
        "Laser optics",
        "Fibres for heat exchangers at Prague Airport",
        "Automated shuttles for Interreg Central Europe",
    ],
)
def test_names_in_a_sentence_of_small_letters_keep_their_capitals(text):
    assert unshout(text) == text
