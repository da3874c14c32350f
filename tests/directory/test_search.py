from modus.directory.search import fold, search_terms


def test_fold_strips_accents_and_case():
    assert fold("Růžička ŠKODA Straße") == "ruzicka skoda strasse"


def test_search_terms_are_folded_words():
    assert search_terms("  Optické  Laser ") == ["opticke", "laser"]


def test_search_terms_are_capped():
    assert len(search_terms(" ".join(f"w{i}" for i in range(20)))) == 8
