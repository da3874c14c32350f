"""Text vectors of three shapes, and the two products scoring takes of them.

A backend returns sparse rows (lexical), dense rows (embeddings) or both side by side
(`Hybrid`): a hybrid's dot product is the sum of its parts' dot products, with each part
scaled beforehand so that the sum is the fused similarity.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from scipy import sparse
from threadpoolctl import threadpool_limits

# Pairs whose dense rows are gathered at once by `row_dots`.
DOT_CHUNK = 16384
# Threads that take blocks of a product side by side: one per core this process may use.
WORKERS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1

Result = TypeVar("Result")


@dataclass(frozen=True)
class Hybrid:
    """Dense and sparse rows of the same texts; row i of each describes text i."""

    dense: np.ndarray
    lexical: sparse.csr_matrix

    @property
    def shape(self) -> tuple[int, int]:
        return (self.dense.shape[0], self.dense.shape[1] + self.lexical.shape[1])

    def __getitem__(self, rows) -> Hybrid:
        return Hybrid(self.dense[rows], sparse.csr_matrix(self.lexical[rows]))


Vectors = sparse.csr_matrix | np.ndarray | Hybrid


def empty_vectors() -> Vectors:
    return sparse.csr_matrix((0, 1), dtype=np.float64)


def prepare_right(right: Vectors):
    """The right operand of `block_product`, transposed once for all blocks."""
    if isinstance(right, Hybrid):
        return Hybrid(np.ascontiguousarray(right.dense.T), right.lexical.T.tocsr())
    if sparse.issparse(right):
        return right.T.tocsr()
    return np.ascontiguousarray(right.T)


def block_product(left: Vectors, right_transposed) -> sparse.csr_matrix | np.ndarray:
    """left @ right^T, from `prepare_right(right)`: sparse stays sparse, else dense."""
    if isinstance(left, Hybrid):
        # Contiguous, so that ravel() below is a view and the sum lands in the block.
        product = np.ascontiguousarray(left.dense @ right_transposed.dense)
        lexical = sparse.csr_matrix(left.lexical @ right_transposed.lexical)
        # Added at its entries only: densifying it would double the memory of the block.
        # A product's entries are unique, so plain fancy indexing adds each once; flat
        # positions index faster than (row, column) pairs.
        rows = np.repeat(np.arange(lexical.shape[0]) * product.shape[1], np.diff(lexical.indptr))
        product.ravel()[rows + lexical.indices] += lexical.data.astype(product.dtype)
        return product
    return left @ right_transposed


def row_dots(vectors: Vectors, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Dot products vectors[left[i]] . vectors[right[i]] in float64."""
    if len(left) == 0:
        return np.zeros(0)
    if isinstance(vectors, Hybrid):
        return row_dots(vectors.dense, left, right) + row_dots(vectors.lexical, left, right)
    if sparse.issparse(vectors):
        product = vectors[left].multiply(vectors[right])
        return np.asarray(product.sum(axis=1), dtype=np.float64).ravel()
    dots = np.empty(len(left))
    # In chunks: the gathered rows of a million pairs would not stay in cache.
    for start in range(0, len(left), DOT_CHUNK):
        chunk = slice(start, start + DOT_CHUNK)
        dots[chunk] = np.einsum("ij,ij->i", vectors[left[chunk]], vectors[right[chunk]])
    return dots


def map_blocks(work: Callable[[int], Result], starts: Iterable[int]) -> list[Result]:
    """`work(start)` for each start, in order, on WORKERS threads with one BLAS thread each.

    A block's product keeps every core busy, but reading its best entries is NumPy on one
    core: two blocks at a time keep both busy throughout (a quarter less time at 20,000
    participants). One BLAS thread each, or the threads would crowd the cores.
    """
    starts = list(starts)
    workers = min(WORKERS, len(starts))
    if workers <= 1:
        return [work(start) for start in starts]
    with threadpool_limits(1, user_api="blas"), ThreadPoolExecutor(workers) as pool:
        return list(pool.map(work, starts))
