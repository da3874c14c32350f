"""Hybrid vectors behave as the concatenation of their dense and sparse parts."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from modus.matchmaking.recommend.vectors import Hybrid, block_product, prepare_right, row_dots


def hybrid(seed: int, rows: int) -> Hybrid:
    rng = np.random.default_rng(seed)
    dense = rng.normal(size=(rows, 5)).astype(np.float32)
    lexical = sparse.random(rows, 9, density=0.3, random_state=seed, dtype=np.float32)
    return Hybrid(dense, sparse.csr_matrix(lexical))


def joined(vectors: Hybrid) -> np.ndarray:
    return np.hstack([vectors.dense, vectors.lexical.toarray()])


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 12), st.integers(1, 12))
def test_products_equal_those_of_the_concatenation(seed, left_rows, right_rows):
    left, right = hybrid(seed, left_rows), hybrid(seed + 1, right_rows)
    product = block_product(left, prepare_right(right))
    assert np.allclose(product, joined(left) @ joined(right).T, atol=1e-5)
    assert left.shape == joined(left).shape


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.integers(0, 7), min_size=1, max_size=10))
def test_row_dots_equal_those_of_the_concatenation(seed, picks):
    vectors = hybrid(seed, 8)
    left, right = np.array(picks), np.array(picks[::-1])
    expected = np.einsum("ij,ij->i", joined(vectors)[left], joined(vectors)[right])
    assert np.allclose(row_dots(vectors, left, right), expected, atol=1e-5)
    assert np.allclose(joined(vectors[left]), joined(vectors)[left])
