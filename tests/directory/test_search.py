from modus.directory.search import search_terms


def test_search_terms_are_folded_stemmed_words():
    assert search_terms("  Optické  Laserem ") == ["optik", "laser"]


def test_search_terms_are_capped():
    assert len(search_terms(" ".join(f"w{i}x" for i in range(20)))) == 8
