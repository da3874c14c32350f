import pytest

from modus.directory.wordforms import (
    SYNONYMS,
    contains,
    document_keys,
    excerpt,
    fold,
    highlight,
    key_of,
    matched_keys,
    query_keys,
    stem,
)


def test_fold_strips_accents_and_case():
    assert fold("Růžička ŠKODA Straße") == "ruzicka skoda strasse"


def test_czech_case_endings_are_stripped_to_one_stem():
    forms = ["optika", "optiky", "optikou", "optiku", "optikám"]
    assert {stem(fold(word)) for word in forms} == {"optik"}
    assert {stem(word) for word in ["laser", "lasery", "laserem", "laseru", "laserove"]} == {
        "laser"
    }


def test_a_stem_keeps_at_least_three_letters():
    assert [stem(word) for word in ["oka", "les", "ama", "dny"]] == ["oka", "les", "ama", "dny"]


def test_adjectives_in_icky_go_with_nouns_in_ika():
    assert query_keys("optický optické Elektronický elektronika") == ["optik", "elektronik"]


def test_synonyms_join_czech_and_english_domain_words():
    assert query_keys("optika optics optical") == ["optik"]
    assert query_keys("výzkum research výzkumný vyzkumu") == ["vyzkum"]


def test_each_synonym_group_is_one_key_and_no_word_is_in_two_groups():
    owner = {}
    for group in SYNONYMS:
        words = group.split()
        assert len({key_of(word) for word in words}) == 1, group
        for word in words:
            assert owner.setdefault(stem(fold(word)), words[0]) == words[0], word


@pytest.mark.parametrize(
    ("czech", "english"),
    [
        ("tepelná čerpadla", "heat pumps"),
        ("odlitky ze slévárny", "castings foundry"),
        ("skladování energie", "energy storage"),
        ("stroje a nástroje", "machines tools"),
        ("osvětlení budov", "lighting buildings"),
        ("překlady", "translation"),
        ("svářeči", "welders"),
    ],
)
def test_common_industrial_words_join_across_the_two_languages(czech, english):
    assert sorted(query_keys(czech)) == sorted(query_keys(english))


def test_a_key_begins_a_word_and_does_not_match_inside_one():
    document = document_keys("Princip laserwelding")
    assert (contains(document, "laser"), contains(document, "cip")) == (True, False)


def test_matched_keys_compare_as_search_does():
    assert matched_keys("Optické soustavy a lasery", query_keys("laser optics zinc")) == {
        "laser",
        "optik",
    }


def test_highlight_escapes_and_marks_matched_words():
    assert highlight("<b>Laserové</b> řezání & optika", query_keys("laser optics")) == (
        "&lt;b&gt;<mark>Laserové</mark>&lt;/b&gt; řezání &amp; <mark>optika</mark>"
    )


def test_excerpt_is_a_window_around_the_first_match():
    text = " ".join(f"w{i}" for i in range(40)) + " laser " + " ".join(f"v{i}" for i in range(40))
    window = excerpt(text, ["laser"], words=9)
    assert window == "…w37 w38 w39 laser v0 v1 v2 v3 v4…"


def test_people_who_do_a_trade_find_the_trade_and_back():
    """A query of "welders" strips to "welder", which "weld" does not begin: the group joins
    them."""
    assert contains(document_keys("Robotic welding cells"), query_keys("welders")[0])
    assert contains(document_keys("Certified welders for hire"), query_keys("welding")[0])
