"""Everyone's top-k people to meet, exactly, without an n x n matrix.

A score is text relevance plus structure. Text relevance (`relevance`) is sparse: request x
offer and profile x profile products in blocks of rows keep only similarities above the
backend's noise floor (each request's 50 best offers, each profile's 50 most similar).
Structure (`structure`: ecosystems, value chain, border, pending requests) is bounded and
cheap. For each viewer the pairs with text relevance are scored and the k best kept; if the
k-th of them beats the best score structure alone could give anyone else, that is the exact
top k. Otherwise (few text matches) the viewer is scored against everyone in a dense block
of rows. The kept pairs are then split into their terms (`terms`), so the reasons are the
terms the score is made of.

Dismissals ("not interested") hide a person and teach: each feature the dismissed person
shared with the viewer weighs `dismissal_decay` times less for that viewer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import numpy as np
from scipy import sparse

from modus.matchmaking.recommend.backends import TextBackend, get_backend
from modus.matchmaking.recommend.features import (
    CompiledProfiles,
    compile_profiles,
    neighbour_bits,
)
from modus.matchmaking.recommend.profiles import Filters, Id, ProfileInput
from modus.matchmaking.recommend.reasons import (
    CROSS_BORDER,
    SAME_ECOSYSTEM,
    SIMILAR_PROFILE,
    VALUE_CHAIN_ADJACENT,
    Recommendation,
    no_cyclic_collection,
)
from modus.matchmaking.recommend.relevance import (
    complementary_relevance,
    discount_hubs,
    profile_relevance,
    top_per_row,
)
from modus.matchmaking.recommend.structure import structural_bound, structural_scores
from modus.matchmaking.recommend.taxonomy import ECOSYSTEM_CODES
from modus.matchmaking.recommend.terms import (
    CODE,
    Multipliers,
    Weights,
    build_recommendations,
    compute_terms,
)
from modus.matchmaking.recommend.vectors import row_dots

# Scored pairs handled at once (float64 arrays of this length, a few at a time).
PAIR_BLOCK = 2_000_000
# Elements of one dense block of fallback rows.
DENSE_BLOCK = 4_000_000


def recommend(
    profiles: Sequence[ProfileInput],
    *,
    k: int = 10,
    exclusions: Iterable[tuple[Id, Id]] = (),
    pending_requests: Mapping[Id, int] | None = None,
    dismissals: Iterable[tuple[Id, Id]] = (),
    filters: Filters | None = None,
    viewer_ids: Iterable[Id] | None = None,
    candidate_ids: Iterable[Id] | None = None,
    backend: str | TextBackend = "tfidf",
    weights: Weights | None = None,
    max_reasons: int = 3,
    answers: dict[Id, list[Id]] | None = None,
) -> dict[Id, list[Recommendation]]:
    """For each viewer, the top-`k` others to meet, best first, each with its reasons.

    `exclusions` are unordered pairs of participant ids never to suggest to each other
    (already requested, declined); people of the same organisation are never suggested.
    `dismissals` are (viewer, dismissed) pairs: hidden from that viewer and learnt from.
    `pending_requests` counts the meeting requests waiting for each participant's answer.
    `filters` restrict who may be suggested; `viewer_ids` whose lists to compute (all by
    default); `candidate_ids` who may be suggested at all (everyone by default: a hidden
    profile still gets its own list but is never suggested). Ids not among `profiles` in
    exclusions, dismissals or counts are ignored.

    `answers`, when given, is filled with what the viewers' requests found: request id ->
    the ids of the offers that answer it (text relevance at the backend's `answer_level`, the
    noise floor if it has none), best first,
    counting only offers of people who may be suggested and are not of the requester's
    organisation. A viewer's request missing from it has no answer in the event.
    """
    if k < 0:
        raise ValueError("k must be >= 0")
    text_backend = get_backend(backend) if isinstance(backend, str) else backend
    weights = scaled_to(text_backend, weights or Weights())
    compiled = compile_profiles(profiles, text_backend, pending_requests or {})
    compiled.opportunity_vectors = discount_hubs(compiled, getattr(text_backend, "hubness", 0.0))
    position = compiled.position

    if viewer_ids is None:
        viewers = np.arange(compiled.size)
    else:
        wanted = set(viewer_ids)
        unknown = sorted(repr(i) for i in wanted if i not in position)
        if unknown:
            raise ValueError(f"unknown viewer id(s): {', '.join(unknown)}")
        viewers = np.array(sorted(position[i] for i in wanted), dtype=np.int64)
    allowed = None if candidate_ids is None else set(candidate_ids)
    candidates = np.array(
        [
            i
            for i, p in enumerate(compiled.profiles)
            if (filters is None or filters.admits(p)) and (allowed is None or p.id in allowed)
        ],
        dtype=np.int64,
    )

    floor = text_backend.noise_floor
    dismissed = _known_pairs(dismissals, position)
    # Relevance counts from the floor up; a request counts as answered from this level.
    level = max(floor, getattr(text_backend, "answer_level", floor))
    complementary, answer_keys, sure_keys = complementary_relevance(compiled, weights, floor, level)
    if answers is not None:
        answers.update(answers_by_request(compiled, sure_keys, viewers, candidates))
    profile, similar = profile_relevance(compiled, weights, floor)
    multipliers = learn_from_dismissals(compiled, dismissed, weights, floor, answer_keys, similar)
    profile = sparse.diags(multipliers.similar_profile.astype(np.float32)) @ profile
    hidden = _hidden_keys(compiled, exclusions, dismissed)
    text = _without(sparse.csr_matrix(complementary + profile), hidden)

    chosen_viewers, chosen_others = _top_k(
        compiled, viewers, candidates, text, hidden, weights, multipliers, k
    )
    table = compute_terms(
        compiled,
        chosen_viewers,
        chosen_others,
        weights,
        multipliers,
        floor,
        answer_keys,
        similar,
        sure_keys,
    )
    with no_cyclic_collection():
        found = build_recommendations(
            compiled, chosen_viewers, chosen_others, table, max_reasons, weights.reason_floor
        )
        ids = [profile.id for profile in compiled.profiles]
        result: dict[Id, list[Recommendation]] = {ids[v]: [] for v in viewers.tolist()}
        for recommendation in found:
            result[recommendation.participant_id].append(recommendation)
        for suggestions in result.values():
            suggestions.sort(key=lambda r: (-r.score, position[r.other_id]))
    return result


def scaled_to(backend: TextBackend, weights: Weights) -> Weights:
    """Weights whose text terms reach full weight at the backend's `full_match` similarity.

    Backends differ in range: TF-IDF cosines of a good match come near 1, centred sentence
    embeddings of the same match near 0.5. Relevance counts from the noise floor up to 1, so
    without this a backend of narrow range would let structure (borders, ecosystems)
    outweigh what the texts say.
    """
    full = getattr(backend, "full_match", 1.0)
    if full >= 1.0:
        return weights
    factor = (1.0 - backend.noise_floor) / (full - backend.noise_floor)
    return replace(
        weights,
        complementary=weights.complementary * factor,
        similar_profile=weights.similar_profile * factor,
    )


def answers_by_request(
    compiled: CompiledProfiles, answer_keys: np.ndarray, viewers: np.ndarray, candidates: np.ndarray
) -> dict[Id, list[Id]]:
    """The viewers' answered requests: request id -> answering offer ids, best first.

    `answer_keys` are the sorted keys request * m + offer of the (request, offer) pairs that
    count (see `relevance`); only offers of `candidates` outside the requester's organisation
    are kept, since no one else is ever suggested to the requester.
    """
    m = len(compiled.opportunities)
    if m == 0 or len(answer_keys) == 0:
        return {}
    owner = np.zeros(m, dtype=np.int64)
    for person, indices in enumerate(compiled.requests_of):
        owner[indices] = person
    for person, indices in enumerate(compiled.offers_of):
        owner[indices] = person
    is_viewer = np.zeros(compiled.size, dtype=bool)
    is_viewer[viewers] = True
    is_candidate = np.zeros(compiled.size, dtype=bool)
    is_candidate[candidates] = True
    request, offer = answer_keys // m, answer_keys % m
    asker, answerer = owner[request], owner[offer]
    keep = (
        is_viewer[asker]
        & is_candidate[answerer]
        & (compiled.organisation[asker] != compiled.organisation[answerer])
    )
    request, offer = request[keep], offer[keep]
    similarity = row_dots(compiled.opportunity_vectors, request, offer)
    order = np.lexsort((offer, -similarity, request))
    found: dict[Id, list[Id]] = {}
    opportunities = compiled.opportunities
    for r, o in zip(request[order].tolist(), offer[order].tolist(), strict=True):
        found.setdefault(opportunities[r].id, []).append(opportunities[o].id)
    return found


def _known_pairs(pairs: Iterable[tuple[Id, Id]], position: Mapping[Id, int]) -> np.ndarray:
    known = [(position[a], position[b]) for a, b in pairs if a in position and b in position]
    return np.array(sorted(set(known)), dtype=np.int64).reshape(-1, 2)


def learn_from_dismissals(
    compiled: CompiledProfiles,
    dismissed: np.ndarray,
    weights: Weights,
    noise_floor: float,
    answers: np.ndarray,
    similar: np.ndarray,
) -> Multipliers:
    """Lower, for each viewer, the weight of every feature a dismissed person shared with them."""
    multipliers = Multipliers.neutral(compiled)
    if len(dismissed) == 0:
        return multipliers
    neutral = Multipliers.neutral(compiled)
    table = compute_terms(
        compiled, dismissed[:, 0], dismissed[:, 1], weights, neutral, noise_floor, answers, similar
    )
    viewer = dismissed[table.pair, 0]
    positive = table.contribution > 0
    decay = weights.dismissal_decay
    for code, target, column in (
        (SAME_ECOSYSTEM, multipliers.ecosystem, table.ecosystem),
        (CROSS_BORDER, multipliers.country, table.country),
    ):
        taught = positive & (table.code == CODE[code])
        np.multiply.at(target, (viewer[taught], column[taught]), decay)
    chain = positive & (table.code == CODE[VALUE_CHAIN_ADJACENT])
    np.multiply.at(multipliers.value_chain, viewer[chain], decay)
    similar = (table.code == CODE[SIMILAR_PROFILE]) & (table.contribution >= weights.reason_floor)
    np.multiply.at(multipliers.similar_profile, viewer[similar], decay)
    return multipliers


def _hidden_keys(
    compiled: CompiledProfiles, exclusions: Iterable[tuple[Id, Id]], dismissed: np.ndarray
) -> np.ndarray:
    """Sorted keys viewer * n + other of the pairs never to suggest, one way.

    Same organisation (oneself included), exclusions both ways, dismissals one way.
    """
    n = compiled.size
    excluded = _known_pairs(exclusions, compiled.position)
    order = np.argsort(compiled.organisation, kind="stable")
    sorted_organisation = compiled.organisation[order]
    low = np.searchsorted(sorted_organisation, compiled.organisation, "left")
    high = np.searchsorted(sorted_organisation, compiled.organisation, "right")
    counts = high - low
    viewer = np.repeat(np.arange(n), counts)
    offset = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    colleague = order[np.repeat(low, counts) + offset]
    keys = np.concatenate(
        [
            viewer * n + colleague,
            excluded[:, 0] * n + excluded[:, 1],
            excluded[:, 1] * n + excluded[:, 0],
            dismissed[:, 0] * n + dismissed[:, 1],
        ]
    )
    return np.unique(keys)


def _without(matrix: sparse.csr_matrix, keys: np.ndarray) -> sparse.csr_matrix:
    """`matrix` without the entries at keys row * n + column."""
    n = matrix.shape[1]
    mask = sparse.csr_matrix(
        (np.ones(len(keys), dtype=matrix.dtype), (keys // n, keys % n)), shape=matrix.shape
    )
    return sparse.csr_matrix(matrix - matrix.multiply(mask))


def _top_k(
    compiled: CompiledProfiles,
    viewers: np.ndarray,
    candidates: np.ndarray,
    text: sparse.csr_matrix,
    hidden: np.ndarray,
    weights: Weights,
    multipliers: Multipliers,
    k: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(viewer, other) positions of each viewer's k best visible candidates."""
    n = compiled.size
    if k == 0 or len(viewers) == 0 or len(candidates) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    is_candidate = np.zeros(n, dtype=bool)
    is_candidate[candidates] = True
    bound = structural_bound(compiled, viewers, candidates, weights, multipliers)

    chosen_viewers, chosen_others, fallback = [], [], []
    lengths = np.diff(text.indptr)[viewers]
    start = 0
    while start < len(viewers):
        # A block of viewers whose text pairs add up to about PAIR_BLOCK.
        stop = start + 1 + int(np.searchsorted(np.cumsum(lengths[start:]), PAIR_BLOCK))
        stop = min(stop, len(viewers))
        block = viewers[start:stop]
        rows_of = text[block]
        row = np.repeat(np.arange(len(block)), np.diff(rows_of.indptr))
        viewer, other = block[row], rows_of.indices.astype(np.int64)
        visible = is_candidate[other]  # hidden pairs are no longer in `text`
        row, viewer, other = row[visible], viewer[visible], other[visible]
        scores = rows_of.data[visible].astype(np.float64)
        scores += structural_scores(compiled, viewer, other, weights, multipliers)

        best, kth = top_per_row(row, other, scores, len(block), k)
        # Settled when no one without text relevance could beat the k-th on structure alone;
        # the others go dense.
        exact = kth > bound[start:stop]
        keep = exact[row[best]]
        chosen_viewers.append(viewer[best[keep]])
        chosen_others.append(other[best[keep]])
        fallback.append(block[~exact])
        start = stop

    pending = np.concatenate(fallback)
    if len(pending):
        dense_viewers, dense_others = _dense_top_k(
            compiled, pending, candidates, text, hidden, weights, multipliers, k
        )
        chosen_viewers.append(dense_viewers)
        chosen_others.append(dense_others)
    return np.concatenate(chosen_viewers), np.concatenate(chosen_others)


def _structure_factors(
    compiled: CompiledProfiles, weights: Weights, multipliers: Multipliers, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """U (for `rows`) and W (everyone) with ecosystems + cross-border - penalty = U . W."""
    n, n_countries = compiled.size, len(compiled.countries)
    bits = np.arange(len(ECOSYSTEM_CODES))
    ecosystems = ((compiled.ecosystem_bits[:, None] >> bits) & 1).astype(np.float64)
    own_country = np.zeros((n, n_countries))
    own_country[np.arange(n), compiled.country] = 1.0
    u = np.hstack(
        [
            weights.same_ecosystem * multipliers.ecosystem[rows] * ecosystems[rows],
            weights.cross_border * multipliers.country[rows] * (1.0 - own_country[rows]),
            np.ones((len(rows), 1)),
        ]
    )
    w = np.hstack([ecosystems, own_country, -weights.penalty(compiled.pending_requests)[:, None]])
    return u, w


def _dense_top_k(
    compiled: CompiledProfiles,
    viewers: np.ndarray,
    candidates: np.ndarray,
    text: sparse.csr_matrix,
    hidden: np.ndarray,
    weights: Weights,
    multipliers: Multipliers,
    k: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Top k of viewers with few text matches: every term against every candidate.

    A dense block of rows: structure by one matrix product (U . W^T), value chain from
    stage bit masks, plus the sparse text and profile rows.
    """
    n, n_candidates = compiled.size, len(candidates)
    text_of_candidates = text[:, candidates].tocsr()
    u, w = _structure_factors(compiled, weights, multipliers, viewers)
    w_candidates = np.ascontiguousarray(w[candidates].T)
    candidate_stages = compiled.stage_bits[candidates].astype(np.uint8)
    neighbours = neighbour_bits(compiled.stage_bits[viewers]).astype(np.uint8)
    chain = weights.value_chain * multipliers.value_chain[viewers]
    column_of = np.full(n, -1, dtype=np.int64)
    column_of[candidates] = np.arange(n_candidates)
    block = max(1, DENSE_BLOCK // n_candidates)
    chosen_viewers, chosen_others = [], []
    for start in range(0, len(viewers), block):
        rows = viewers[start : start + block]
        scores = u[start : start + block] @ w_candidates
        adjacent = (neighbours[start : start + block, None] & candidate_stages) != 0
        np.add(scores, chain[start : start + block, None], out=scores, where=adjacent)
        scores += text_of_candidates[rows].toarray()
        # Hidden pairs of these rows lie in one run of the sorted keys, among others'.
        low, high = np.searchsorted(hidden, [rows[0] * n, (rows[-1] + 1) * n])
        keys = hidden[low:high]
        local = np.minimum(np.searchsorted(rows, keys // n), len(rows) - 1)
        column = column_of[keys % n]
        mine = (rows[local] == keys // n) & (column >= 0)
        scores[local[mine], column[mine]] = -np.inf

        kept = min(k, n_candidates)
        threshold = np.partition(scores, n_candidates - kept, axis=1)[:, n_candidates - kept]
        row, column = np.nonzero((scores >= threshold[:, None]) & np.isfinite(scores))
        best, _ = top_per_row(row, candidates[column], scores[row, column], len(rows), k)
        chosen_viewers.append(rows[row[best]])
        chosen_others.append(candidates[column[best]])
    return np.concatenate(chosen_viewers), np.concatenate(chosen_others)
