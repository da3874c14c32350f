from modus.directory.search import search_terms


def test_search_terms_are_folded_stemmed_words():
    assert search_terms("  Optické  Laserem ") == ["optik", "laser"]


def test_search_terms_are_capped():
    assert len(search_terms(" ".join(f"w{i}x" for i in range(20)))) == 8


def test_a_query_written_as_a_sentence_looks_for_what_it_is_about():
    assert search_terms("We are looking for laser optics") == ["laser", "optik"]
    czech = search_terms("Hledáme dodavatele optických komponent pro laserové řezání")
    assert czech == search_terms("dodavatel optika komponenty laser řezání")
    # A query of filler words alone still looks for them.
    assert search_terms("for") == ["for"]
