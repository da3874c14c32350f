import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from modus.matchmaking.recommend import Weights, relevance
from modus.matchmaking.recommend import vectors as vector_module
from modus.matchmaking.recommend.features import compile_profiles
from modus.matchmaking.recommend.reasons import (
    OFFER_ANSWERS_REQUEST,
    REQUEST_ANSWERED_BY_OFFER,
    SIMILAR_PROFILE,
    TEXT_MATCH_CODES,
)
from modus.matchmaking.recommend.relevance import (
    above_floor,
    complementary_relevance,
    profile_relevance,
    top_per_row,
)
from modus.matchmaking.recommend.terms import CODE, Multipliers, compute_terms
from modus.matchmaking.recommend.tfidf import TfidfBackend
from modus.matchmaking.recommend.vectors import Hybrid, row_dots
from tests.matchmaking.recommend.strategies import events


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 9), st.sampled_from([0.1, 0.5, 0.9]))),
    st.integers(0, 4),
)
def test_top_per_row_keeps_each_rows_best_by_score_then_column(entries, count):
    entries = sorted({(row, column): score for row, column, score in entries}.items())
    row = np.array([r for (r, _), _ in entries], dtype=np.int64)
    column = np.array([c for (_, c), _ in entries], dtype=np.int64)
    score = np.array([s for _, s in entries])
    chosen, kth = top_per_row(row, column, score, 5, count)
    for r in range(5):
        mine = sorted((-s, c) for (rr, c), s in entries if rr == r)
        assert sorted((-score[i], column[i]) for i in chosen if row[i] == r) == mine[:count]
        assert kth[r] == (-mine[count - 1][0] if 0 < count <= len(mine) else -np.inf)


def test_above_floor_matches_the_dense_product():
    rng = np.random.default_rng(1)
    left = sparse.random(300, 40, density=0.1, format="csr", random_state=rng)
    right = sparse.random(50, 40, density=0.2, format="csr", random_state=rng)
    dense = (left @ right.T).toarray()
    row, column, value = above_floor(left, right, 0.3)
    assert sorted(zip(row.tolist(), column.tolist(), strict=True)) == sorted(
        zip(*np.nonzero(dense > 0.3), strict=True)
    )
    assert np.allclose(value, dense[row, column])
    best_row, best_column, _ = above_floor(left, right, 0.3, per_row=1)
    assert len(best_row) == len(set(best_row.tolist()))
    assert (dense[best_row, best_column] == dense[best_row].max(axis=1)).all()


@settings(max_examples=30, deadline=None)
@given(events())
def test_the_relevance_matrices_are_the_text_terms(event):
    profiles, _, _, _ = event
    compiled = compile_profiles(profiles, TfidfBackend(), {})
    weights, n, floor = Weights(), compiled.size, 0.25
    level = 0.5
    complementary, answers, sure = complementary_relevance(compiled, weights, floor, level)
    profile, similar = profile_relevance(compiled, weights, floor)
    viewers, others = np.divmod(np.arange(n * n), n)
    table = compute_terms(
        compiled,
        viewers,
        others,
        weights,
        Multipliers.neutral(compiled),
        floor,
        answers,
        similar,
        sure,
    )
    text = np.isin(table.code, [CODE[code] for code in TEXT_MATCH_CODES])
    expected = np.bincount(table.pair[text], weights=table.contribution[text], minlength=n * n)
    assert np.allclose(complementary.toarray().ravel(), expected, atol=1e-6)
    assert np.allclose(complementary.toarray(), complementary.toarray().T)
    # Told as answering from the level up, as "may answer" below it.
    similarity = row_dots(
        compiled.opportunity_vectors, table.your_opportunity[text], table.their_opportunity[text]
    )
    codes = table.code[text]
    answering = np.isin(codes, [CODE[OFFER_ANSWERS_REQUEST], CODE[REQUEST_ANSWERED_BY_OFFER]])
    assert (similarity[answering] >= level - 1e-9).all()
    assert (similarity[~answering] < level + 1e-9).all()
    similar_terms = table.code == CODE[SIMILAR_PROFILE]
    expected = np.bincount(
        table.pair[similar_terms], weights=table.contribution[similar_terms], minlength=n * n
    )
    assert np.allclose(profile.toarray().ravel(), expected, atol=1e-6)
    assert (profile.diagonal() == 0).all()


@pytest.mark.parametrize("skip_diagonal", [False, True])
def test_dense_rows_keep_exactly_their_best_above_the_floor(skip_diagonal):
    """Wide dense rows are cut by a sampled bound first; the result must be the exact best,
    ties broken by column, as if every entry above the floor had been ranked."""
    rng = np.random.default_rng(7)
    vectors = np.round(rng.standard_normal((700, 6)), 1).astype(np.float32)  # many ties
    per_row, floor = 5, 0.2
    row, column, value = above_floor(vectors, vectors, floor, per_row, skip_diagonal)
    dense = vectors @ vectors.T
    for r in range(len(vectors)):
        mine = [(-dense[r, c], c) for c in range(len(vectors)) if dense[r, c] > floor]
        mine = sorted(m for m in mine if not (skip_diagonal and m[1] == r))[:per_row]
        assert sorted(zip((-value[row == r]).tolist(), column[row == r].tolist(), strict=True)) == [
            (pytest.approx(s), c) for s, c in mine
        ]


def _entries(found) -> list[tuple[int, int, float]]:
    return sorted(zip(*(part.tolist() for part in found), strict=True))


@pytest.mark.parametrize("per_row", [None, 1, 3, 12])
@pytest.mark.parametrize("skip_diagonal", [False, True])
@pytest.mark.parametrize("kind", ["dense", "sparse"])
@pytest.mark.parametrize("texts", [30, 380])  # many rows a text; mostly one
def test_shared_texts_are_multiplied_once_with_the_same_result(per_row, skip_diagonal, kind, texts):
    """Rows of one text are equal; ranking them through their texts must give every row
    what ranking the rows themselves gives, ties (many here) broken by column."""
    rng = np.random.default_rng(3)
    # Small integers: exact, tie-heavy products.
    distinct = rng.integers(-2, 3, size=(texts, 5)).astype(np.float32)
    labels = rng.integers(0, texts, size=400)
    vectors = distinct[labels]
    if kind == "sparse":
        vectors = sparse.csr_matrix(vectors)
    plain = above_floor(vectors, vectors, 1.5, per_row, skip_diagonal)
    shared = above_floor(vectors, vectors, 1.5, per_row, skip_diagonal, texts=(labels, labels))
    assert _entries(shared) == _entries(plain)
    assert (np.diff(shared[0]) >= 0).all()  # ordered by row


def test_shared_texts_on_two_sides():
    rng = np.random.default_rng(4)
    distinct = rng.integers(-2, 3, size=(12, 4)).astype(np.float32)
    left_labels, right_labels = rng.integers(0, 6, size=90), rng.integers(4, 12, size=70)
    left, right = distinct[left_labels], distinct[right_labels]
    plain = above_floor(left, right, 0.5, 4)
    shared = above_floor(left, right, 0.5, 4, texts=(left_labels, right_labels))
    assert _entries(shared) == _entries(plain)


@pytest.mark.parametrize("kind", ["dense", "sparse", "hybrid"])
def test_blocks_on_several_threads_give_what_one_thread_gives(monkeypatch, kind):
    rng = np.random.default_rng(5)
    dense = np.round(rng.standard_normal((300, 6)), 1).astype(np.float32)  # ties too
    lexical = sparse.random(300, 40, density=0.1, format="csr", random_state=5, dtype=np.float32)
    vectors = {
        "dense": dense,
        "sparse": lexical,
        "hybrid": Hybrid(dense, lexical),
    }[kind]
    monkeypatch.setattr(relevance, "ROW_BLOCK", 16)
    found = {}
    for workers in (1, 3):
        monkeypatch.setattr(vector_module, "WORKERS", workers)
        found[workers] = above_floor(vectors, vectors, 0.3, 7, skip_diagonal=True)
    assert _entries(found[3]) == _entries(found[1]) and len(found[1][0]) > 300
    assert [part.tolist() for part in found[3]] == [part.tolist() for part in found[1]]
