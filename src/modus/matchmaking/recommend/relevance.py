"""Text relevance between participants, computed in blocks of rows and kept sparse.

Requests are multiplied with offers in blocks; only similarities above the backend's noise
floor are kept, so no n x n dense matrix is ever made. Entry (v, c) of the result is the
complementary part of v's score for c: the relevance of each of v's requests to each of c's
offers plus that of each of v's offers to each of c's requests (so it is symmetric).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from modus.matchmaking.recommend.features import CompiledProfiles, flat
from modus.matchmaking.recommend.terms import Weights, best_of_each, expand
from modus.matchmaking.recommend.vectors import (
    Hybrid,
    Vectors,
    block_product,
    map_blocks,
    prepare_right,
)

# Rows of one block product; its output is at most ROW_BLOCK x (number of columns). Small
# enough that a block of 30,000 columns stays in the processor's cache while its best
# entries are read: larger blocks were a third slower at 20,000 participants.
ROW_BLOCK = 256
# A request is answered by at most this many offers, its best ones above the noise floor:
# at 20,000 participants a common request would otherwise relate its owner to thousands.
ANSWERS_PER_REQUEST = 50
# Likewise a participant's profile counts as similar to at most this many others' profiles.
SIMILAR_PROFILES = 50
# An offer's hubness is its mean similarity to this many of its most similar requests.
HUB_NEIGHBOURS = 10
# Hubness is measured against at most this many requests.
HUB_SAMPLE = 8192
# With fewer requests than this, hubness is discounted in proportion: an offer's distance to
# a handful of requests says more about those requests than about the offer.
HUB_REQUESTS = 100
# Columns of a dense row read as one run when looking for its best entries.
CHUNK = 64


def top_per_row(
    row: np.ndarray, other: np.ndarray, scores: np.ndarray, n_rows: int, count: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the `count` best entries (score descending, then other ascending).

    `row` must be ascending. Returns the chosen entries' indices, ascending, and each row's
    count-th best score (-inf when a row has fewer entries).
    """
    kth = kth_per_row(row, scores, n_rows, count)
    if count <= 0:
        return np.zeros(0, np.int64), kth
    better = scores > kth[row]
    # Entries tied with the count-th fill the places left, lowest `other` first; only they
    # need sorting, and there are few.
    tied = np.flatnonzero(scores == kth[row])
    if len(tied):
        places = count - np.bincount(row[better], minlength=n_rows)
        tied = tied[np.lexsort((other[tied], row[tied]))]
        tied_rows = row[tied]
        rank = np.arange(len(tied)) - np.searchsorted(tied_rows, tied_rows, "left")
        tied = tied[rank < places[tied_rows]]
    chosen = np.concatenate([np.flatnonzero(better), tied])
    chosen.sort()
    return chosen, kth


def kth_per_row(row: np.ndarray, scores: np.ndarray, n_rows: int, count: int) -> np.ndarray:
    """Each row's count-th best score (-inf when it has fewer entries); `row` ascending."""
    lengths = np.bincount(row, minlength=n_rows)
    width = int(lengths.max(initial=0))
    if count <= 0 or width < count:
        return np.full(n_rows, -np.inf)
    padded = np.full((n_rows, width), -np.inf)
    offset = np.arange(len(row)) - (np.cumsum(lengths) - lengths)[row]
    padded[row, offset] = scores
    return -np.partition(-padded, count - 1, axis=1)[:, count - 1]


def above_floor(
    left: Vectors,
    right: Vectors,
    noise_floor: float,
    per_row: int | None = None,
    skip_diagonal: bool = False,
    texts: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, similarity) of the entries of left x right^T above the floor.

    With `per_row`, only each row's `per_row` best (similarity descending, column ascending).
    Entries come ordered by row; `skip_diagonal` drops row == column. `texts` labels the
    rows of left and of right by their text: rows of one label must be equal, and each
    distinct text is then multiplied once.
    """
    if texts is None:
        return _each_row(left, right, noise_floor, per_row, skip_diagonal, ties=False)
    return _each_text(left, right, noise_floor, per_row, skip_diagonal, *texts)


def _each_row(
    left: Vectors,
    right: Vectors,
    noise_floor: float,
    per_row: int | None,
    skip_diagonal: bool,
    ties: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`above_floor` by block products; with `ties`, per_row keeps every entry as good as
    each row's per_row-th best as well."""
    right_transposed = prepare_right(right)

    def block(start: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        product = block_product(left[start : start + ROW_BLOCK], right_transposed)
        if sparse.issparse(product):
            row, column, value = _sparse_entries(product, noise_floor, start, skip_diagonal)
        else:
            row, column, value = _dense_entries(product, noise_floor, start, skip_diagonal, per_row)
        if per_row is not None:
            if ties:
                best = np.flatnonzero(
                    value >= kth_per_row(row, value, product.shape[0], per_row)[row]
                )
            else:
                best, _ = top_per_row(row, column, value, product.shape[0], per_row)
            row, column, value = row[best], column[best], value[best]
        return row.astype(np.int32) + start, column.astype(np.int32), value.astype(np.float32)

    blocks = map_blocks(block, range(0, left.shape[0], ROW_BLOCK))
    if not blocks:
        return np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.float32)
    rows, columns, values = zip(*blocks, strict=True)
    return np.concatenate(rows), np.concatenate(columns), np.concatenate(values)


def _each_text(
    left: Vectors,
    right: Vectors,
    noise_floor: float,
    per_row: int | None,
    skip_diagonal: bool,
    left_text: np.ndarray,
    right_text: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`above_floor` on the distinct texts, spread to the rows that share them.

    Colleagues share a profile text and templates repeat offers: at 20,000 participants
    there are a quarter as many distinct profile texts as people. A row's best are found
    among the rows of its text's best texts, taking texts until they hold enough rows
    (one more with `skip_diagonal`, which may be the row itself) and every text tied with
    the last, so the ranking by similarity, then column, stays exact.
    """
    _, left_first, left_label = np.unique(left_text, return_index=True, return_inverse=True)
    _, right_first, right_label = np.unique(right_text, return_index=True, return_inverse=True)
    need = None if per_row is None else per_row + int(skip_diagonal)
    row, column, value = _each_row(
        left[left_first], right[right_first], noise_floor, need, False, ties=True
    )
    right_size = np.bincount(right_label, minlength=len(right_first))
    right_start = np.cumsum(right_size) - right_size
    if need is not None:
        # Rows of one text tie, and ties go to the lowest rows: only a text's first `need`
        # rows can ever be chosen.
        right_size = np.minimum(right_size, need)
        # Trimming sorts every entry; worth it only where texts hold several rows each.
        if right_size[column].sum() > 2 * len(column):
            row, column, value = _enough_rows(row, column, value, right_size, need)
    # Every (left text, right text) entry, once per right row of that text, by left text.
    entry, rank = expand(right_size[column])
    right_rows = np.argsort(right_label, kind="stable")
    spread_column = right_rows[right_start[column[entry]] + rank]
    spread_value = value[entry]
    # Then once per left row of the left text.
    per_text = np.bincount(row[entry], minlength=len(left_first))
    text_start = np.cumsum(per_text) - per_text
    out_row, rank = expand(per_text[left_label])
    index = text_start[left_label[out_row]] + rank
    out_column, out_value = spread_column[index], spread_value[index]
    if skip_diagonal:
        off_diagonal = out_row != out_column
        out_row, out_column, out_value = (
            out_row[off_diagonal],
            out_column[off_diagonal],
            out_value[off_diagonal],
        )
    if per_row is not None:
        best, _ = top_per_row(out_row, out_column, out_value, len(left_text), per_row)
        out_row, out_column, out_value = out_row[best], out_column[best], out_value[best]
    return out_row.astype(np.int32), out_column.astype(np.int32), out_value.astype(np.float32)


def _enough_rows(row, column, value, size: np.ndarray, need: int):
    """Per left text, its best right texts until they hold `need` rows, and those tied with
    the last one taken."""
    order = np.lexsort((column, -value, row))
    row, column, value = row[order], column[order], value[order]
    held = np.cumsum(size[column])
    first = np.searchsorted(row, row, "left")
    held -= held[first] - size[column[first]]
    reached = np.flatnonzero(held >= need)
    _, first_reached = np.unique(row[reached], return_index=True)
    cut = np.full(int(row.max(initial=-1)) + 1, -np.inf, dtype=value.dtype)
    cut[row[reached[first_reached]]] = value[reached[first_reached]]
    keep = value >= cut[row]
    return row[keep], column[keep], value[keep]


def _sparse_entries(product, noise_floor: float, start: int, skip_diagonal: bool):
    product = sparse.csr_matrix(product)
    keep = product.data > noise_floor
    row = np.repeat(np.arange(product.shape[0], dtype=np.int32), np.diff(product.indptr))
    row, column, value = row[keep], product.indices[keep], product.data[keep]
    if skip_diagonal:
        off_diagonal = row.astype(np.int64) + start != column
        row, column, value = row[off_diagonal], column[off_diagonal], value[off_diagonal]
    return row, column, value


def _dense_entries(
    product: np.ndarray, noise_floor: float, start: int, skip_diagonal: bool, per_row: int | None
):
    """The entries of a dense block worth ranking: above the floor, and with `per_row`, at
    least as good as a lower bound of each row's per_row-th best.

    Rows are cut into runs of CHUNK columns. The per_row-th best of the runs' maxima is such
    a bound (per_row runs each hold an entry that good), and only runs whose maximum reaches
    it are read again: some per_row x CHUNK entries a row instead of all, and the ranking
    after it stays exact.
    """
    if skip_diagonal:
        diagonal = np.arange(min(product.shape[0], product.shape[1] - start))
        product[diagonal, diagonal + start] = -np.inf
    rows, width = product.shape
    whole = width // CHUNK
    # The last columns, fewer than CHUNK, are read as they are: padding would copy the block.
    # Run r is the columns r, r + whole, r + 2 whole...: a maximum over the middle axis is
    # taken a whole row of runs at a time, several times faster than over runs of neighbours.
    chunked = product[:, : whole * CHUNK].reshape(rows, CHUNK, whole)
    tail = product[:, whole * CHUNK :]
    maxima = chunked.max(axis=1)
    threshold = np.full(rows, np.nextafter(np.float32(noise_floor), np.inf), product.dtype)
    if per_row is not None and whole > per_row:
        kth = np.partition(maxima, whole - per_row, axis=1)[:, whole - per_row]
        threshold = np.maximum(threshold, kth)
    row, run = np.nonzero(maxima >= threshold[:, None])
    values = chunked[row, :, run]
    entry, offset = np.nonzero(values >= threshold[row][:, None])
    tail_row, tail_column = np.nonzero(tail >= threshold[:, None])
    row = np.concatenate([row[entry], tail_row])
    column = np.concatenate([offset * whole + run[entry], whole * CHUNK + tail_column])
    value = np.concatenate([values[entry, offset], tail[tail_row, tail_column]])
    order = np.argsort(row, kind="stable")
    return row[order], column[order], value[order]


def discount_hubs(compiled: CompiledProfiles, weight: float) -> Vectors:
    """The opportunity vectors, with each request . offer product less the offer's hubness.

    Some offers are near every request (broad wording, a common field) and would crowd the
    lists of requests a more specific offer answers. An offer's hubness is its mean
    similarity to its HUB_NEIGHBOURS most similar requests after the closest (among up to
    HUB_SAMPLE requests spread over the event); `weight` times its excess over the offers'
    mean is taken off its similarity to every request (CSLS, as in bilingual word retrieval).
    It is written into one more dense column, 1 for requests and minus the discount for
    offers, so the similarity stays one dot product everywhere it is read. Dense vectors
    only: a lexical backend's hubs are its common words, which IDF already discounts.
    """
    vectors = compiled.opportunity_vectors
    dense = vectors.dense if isinstance(vectors, Hybrid) else vectors
    request_index, offer_index = flat(compiled.requests_of), flat(compiled.offers_of)
    if weight == 0 or sparse.issparse(dense) or not len(request_index) or not len(offer_index):
        return vectors
    # Evenly spread requests stand for all in a large event: the products with every
    # request would cost as much again as the answers themselves.
    sample = request_index[:: -(-len(request_index) // HUB_SAMPLE)]
    labels = compiled.opportunity_texts
    offer, _, similarity = above_floor(
        vectors[offer_index],
        vectors[sample],
        -np.inf,
        HUB_NEIGHBOURS + 1,
        texts=(labels[offer_index], labels[sample]),
    )
    # Without each offer's closest request: being near one request is answering it; a hub
    # is near many. In a small event that one would otherwise be most of the mean.
    closest = np.full(len(offer_index), -np.inf)
    np.maximum.at(closest, offer, similarity)
    counts = np.bincount(offer, minlength=len(offer_index)) - 1
    total = np.bincount(offer, weights=similarity, minlength=len(offer_index)) - closest
    hubness = np.where(counts > 0, total / np.maximum(counts, 1), 0.0)
    column = np.zeros((dense.shape[0], 1), dtype=dense.dtype)
    column[request_index, 0] = 1.0
    weight *= min(1.0, len(request_index) / HUB_REQUESTS)
    column[offer_index, 0] = -weight * (hubness - hubness.mean())
    widened = np.hstack([dense, column])
    return Hybrid(widened, vectors.lexical) if isinstance(vectors, Hybrid) else widened


def complementary_relevance(
    compiled: CompiledProfiles, weights: Weights, noise_floor: float, answer_level: float
) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """n x n sparse, symmetric: the request <-> offer part of each pair's score.

    Also the sorted keys request * m + offer (opportunity indices, m of them) of the
    (request, offer) pairs that count: each request's best answers above the floor; and
    the keys of those that reach `answer_level`, the ones that answer their request.
    """
    n = compiled.size
    request_index, offer_index = flat(compiled.requests_of), flat(compiled.offers_of)
    request_owner = np.repeat(np.arange(n, dtype=np.int32), [len(r) for r in compiled.requests_of])
    offer_owner = np.repeat(np.arange(n, dtype=np.int32), [len(o) for o in compiled.offers_of])
    vectors = compiled.opportunity_vectors
    labels = compiled.opportunity_texts
    request, offer, similarity = above_floor(
        vectors[request_index],
        vectors[offer_index],
        noise_floor,
        ANSWERS_PER_REQUEST,
        texts=(labels[request_index], labels[offer_index]),
    )
    m = len(compiled.opportunities)
    keys = request_index[request] * m + offer_index[offer]
    answering = similarity >= answer_level
    answers, sure = np.sort(keys), np.sort(keys[answering])
    value = (weights.complementary * weights.relevance(similarity, noise_floor)).astype(np.float32)
    asker, offerer = request_owner[request], offer_owner[offer]
    # Answers summed per pair, one direction each (duplicates add up), then both people see
    # them; of a pair's near misses, both ways, only the best counts (terms.compute_terms).
    near = ~answering
    low, high = np.minimum(asker, offerer)[near], np.maximum(asker, offerer)[near]
    best = best_of_each(low.astype(np.int64) * n + high, value[near])
    one_way = sparse.csr_matrix(
        (value[answering], (asker[answering], offerer[answering])), shape=(n, n)
    )
    missed = sparse.csr_matrix((value[near][best], (low[best], high[best])), shape=(n, n))
    # Off the diagonal both ways; on it (one's own request and offer) once, as a term.
    both = missed + missed.T - sparse.diags(missed.diagonal())
    return sparse.csr_matrix(one_way + one_way.T + both), answers, sure


def profile_relevance(
    compiled: CompiledProfiles, weights: Weights, noise_floor: float
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """n x n sparse: the similar-profile term of each viewer for their most similar others,
    before what dismissals taught (scale row v by v's multiplier).

    Also the sorted keys viewer * n + other of the pairs where the term counts.
    """
    n = compiled.size
    viewer, other, similarity = above_floor(
        compiled.profile_vectors,
        compiled.profile_vectors,
        noise_floor,
        SIMILAR_PROFILES,
        skip_diagonal=True,
        texts=(compiled.profile_texts, compiled.profile_texts),
    )
    value = weights.similar_profile * weights.relevance(similarity, noise_floor)
    keys = np.sort(viewer.astype(np.int64) * n + other)
    matrix = sparse.csr_matrix((value.astype(np.float32), (viewer, other)), shape=(n, n))
    return matrix, keys
