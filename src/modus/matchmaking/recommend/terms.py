"""The terms a score is summed from, computed exactly for given (viewer, other) pairs.

A score is bilinear in the profiles' features, so the blocked search (`scoring`) can rank
everyone with matrix products; this module then recomputes, for the pairs it keeps, each
term on its own: every matched (request, offer) pair of opportunities, the similar profile,
each shared ecosystem, value-chain adjacency, cross-border and the pending-requests penalty.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from modus.matchmaking.recommend.features import CompiledProfiles, flat, neighbour_bits
from modus.matchmaking.recommend.reasons import (
    CROSS_BORDER,
    MANY_PENDING_REQUESTS,
    OFFER_ANSWERS_REQUEST,
    OFFER_MAY_ANSWER_REQUEST,
    REASON_CODES,
    REQUEST_ANSWERED_BY_OFFER,
    REQUEST_MAY_BE_ANSWERED_BY_OFFER,
    SAME_ECOSYSTEM,
    SIMILAR_PROFILE,
    VALUE_CHAIN_ADJACENT,
    Reason,
    Recommendation,
    no_cyclic_collection,
)
from modus.matchmaking.recommend.taxonomy import ECOSYSTEM_CODES
from modus.matchmaking.recommend.vectors import row_dots

CODE = {code: index for index, code in enumerate(REASON_CODES)}


@dataclass(frozen=True)
class Weights:
    """How much each kind of term weighs; a complementary pair outweighs a similar profile."""

    # Per (request, offer) pair that answers, times their text relevance. Pairs that only
    # may answer (below the backend's answer level) count as one, their best: summed, a
    # few offers that each come near some request outweighed one offer that answers one.
    complementary: float = 1.0
    similar_profile: float = 0.15  # times the profiles' text relevance (<= 1)
    value_chain: float = 0.08
    same_ecosystem: float = 0.04  # per shared ecosystem
    cross_border: float = 0.03
    pending_penalty: float = 0.08  # times log(1 + pending requests above the allowance)
    pending_allowance: int = 3
    dismissal_decay: float = 0.5  # a feature's weight for a viewer, per dismissal sharing it
    reason_floor: float = 0.01  # terms below this are not told as reasons

    def relevance(self, similarity: np.ndarray, noise_floor: float) -> np.ndarray:
        """Text relevance in [0, 1]: the part of a cosine similarity above the noise floor."""
        return np.maximum(similarity - noise_floor, 0.0) / (1.0 - noise_floor)

    def penalty(self, pending: np.ndarray) -> np.ndarray:
        """The pending-requests penalty (>= 0) of people with `pending` requests waiting."""
        excess = np.maximum(pending - self.pending_allowance, 0)
        return self.pending_penalty * np.log1p(excess)


@dataclass
class Multipliers:
    """Per-viewer factors on feature weights, learnt from "not interested" (1 = unchanged)."""

    ecosystem: np.ndarray  # (n, 14)
    country: np.ndarray  # (n, number of countries): cross-border towards that country
    value_chain: np.ndarray  # (n,)
    similar_profile: np.ndarray  # (n,)

    @classmethod
    def neutral(cls, compiled: CompiledProfiles) -> Multipliers:
        n = compiled.size
        return cls(
            ecosystem=np.ones((n, len(ECOSYSTEM_CODES))),
            country=np.ones((n, len(compiled.countries))),
            value_chain=np.ones(n),
            similar_profile=np.ones(n),
        )


@dataclass
class TermTable:
    """Terms of many pairs as parallel arrays; -1 marks a parameter a term does not have."""

    pair: np.ndarray
    code: np.ndarray
    contribution: np.ndarray
    your_opportunity: np.ndarray
    their_opportunity: np.ndarray
    your_stage: np.ndarray
    their_stage: np.ndarray
    ecosystem: np.ndarray
    country: np.ndarray
    pending: np.ndarray


def expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For per-pair counts, the pair of each item and the item's rank within its pair."""
    pair = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    return pair, np.arange(len(pair)) - starts[pair]


def _opportunity_pairs(
    viewers: np.ndarray,
    others: np.ndarray,
    viewer_side: list[np.ndarray],
    other_side: list[np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All (viewer opportunity, other opportunity) index pairs of the given sides."""
    mine_flat, mine_start, mine_length = _flattened(viewer_side)
    theirs_flat, theirs_start, theirs_length = _flattened(other_side)
    mine_count, theirs_count = mine_length[viewers], theirs_length[others]
    pair, rank = expand(mine_count * theirs_count)
    width = theirs_count[pair]
    your = mine_flat[mine_start[viewers[pair]] + rank // width]
    their = theirs_flat[theirs_start[others[pair]] + rank % width]
    return pair, your, their


def best_of_each(group: np.ndarray, value: np.ndarray) -> np.ndarray:
    """A mask keeping, of each group's entries, one of its largest values (ties: the first;
    lexsort is stable)."""
    order = np.lexsort((-value, group))
    first = np.ones(len(order), dtype=bool)
    first[1:] = group[order][1:] != group[order][:-1]
    mask = np.zeros(len(group), dtype=bool)
    mask[order[first]] = True
    return mask


def _flattened(lists: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-participant index lists as (all indices, each one's start, each one's length)."""
    length = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    return flat(lists), np.cumsum(length) - length, length


def _contains(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    if len(sorted_keys) == 0:
        return np.zeros(len(keys), dtype=bool)
    found = np.searchsorted(sorted_keys, keys)
    return sorted_keys[np.minimum(found, len(sorted_keys) - 1)] == keys


def compute_terms(
    compiled: CompiledProfiles,
    viewers: np.ndarray,
    others: np.ndarray,
    weights: Weights,
    multipliers: Multipliers,
    noise_floor: float,
    answers: np.ndarray | None = None,
    similar: np.ndarray | None = None,
    sure: np.ndarray | None = None,
) -> TermTable:
    """Every non-zero term of each pair (viewers[i], others[i]), positions into `compiled`.

    `answers`, sorted keys request * m + offer, restricts which (request, offer) pairs
    count, and `similar`, sorted keys viewer * n + other, for which pairs the profile
    similarity counts (see `relevance`); None counts all. `sure`, keys like `answers`,
    tells which of those answer their request; the others are told as "may answer".
    None: all do.
    """
    sections: list[dict[str, np.ndarray]] = []

    def add(pair: np.ndarray, code: str, contribution: np.ndarray, **params: np.ndarray):
        keep = contribution != 0
        section = {"pair": pair[keep], "contribution": contribution[keep]}
        section["code"] = np.full(int(keep.sum()), CODE[code], dtype=np.int64)
        for name, values in params.items():
            section[name] = np.broadcast_to(values, pair.shape)[keep]
        sections.append(section)

    vectors = compiled.opportunity_vectors
    near = []
    for code, maybe, mine, theirs in (
        (OFFER_ANSWERS_REQUEST, OFFER_MAY_ANSWER_REQUEST, compiled.requests_of, compiled.offers_of),
        (
            REQUEST_ANSWERED_BY_OFFER,
            REQUEST_MAY_BE_ANSWERED_BY_OFFER,
            compiled.offers_of,
            compiled.requests_of,
        ),
    ):
        pair, your, their = _opportunity_pairs(viewers, others, mine, theirs)
        relevance = weights.relevance(row_dots(vectors, your, their), noise_floor)
        request, offer = (your, their) if code == OFFER_ANSWERS_REQUEST else (their, your)
        keys = request * len(compiled.opportunities) + offer
        if answers is not None:
            relevance *= _contains(answers, keys)
        answered = np.ones(len(keys), dtype=bool) if sure is None else _contains(sure, keys)
        add(
            pair[answered],
            code,
            weights.complementary * relevance[answered],
            your_opportunity=your[answered],
            their_opportunity=their[answered],
        )
        missed = ~answered
        near.append((maybe, pair[missed], relevance[missed], your[missed], their[missed]))
    # Of a pair's near misses, both ways, only the best counts (see Weights.complementary).
    best = best_of_each(
        np.concatenate([item[1] for item in near]), np.concatenate([item[2] for item in near])
    )
    start = 0
    for maybe, pair, relevance, your, their in near:
        kept = best[start : start + len(pair)]
        start += len(pair)
        add(
            pair,
            maybe,
            weights.complementary * relevance * kept,
            your_opportunity=your,
            their_opportunity=their,
        )

    pairs = np.arange(len(viewers))
    profile = weights.relevance(row_dots(compiled.profile_vectors, viewers, others), noise_floor)
    if similar is not None:
        profile *= _contains(similar, viewers * compiled.size + others)
    add(
        pairs,
        SIMILAR_PROFILE,
        weights.similar_profile * multipliers.similar_profile[viewers] * profile,
    )

    shared = compiled.ecosystem_bits[viewers] & compiled.ecosystem_bits[others]
    for bit in range(len(ECOSYSTEM_CODES)):
        has = ((shared >> bit) & 1).astype(bool)
        contribution = weights.same_ecosystem * multipliers.ecosystem[viewers, bit] * has
        add(pairs, SAME_ECOSYSTEM, contribution, ecosystem=np.int64(bit))

    your_bits, their_bits = compiled.stage_bits[viewers], compiled.stage_bits[others]
    adjacent = (neighbour_bits(your_bits) & their_bits) != 0
    your_stage = np.full(len(pairs), -1, dtype=np.int64)
    their_stage = np.full(len(pairs), -1, dtype=np.int64)
    # The first adjacent pair of stages, yours ascending, theirs supplying you first.
    for stage in range(1, 9):
        for other in (stage - 1, stage + 1):
            if not 1 <= other <= 8:
                continue
            found = (
                (your_stage < 0)
                & ((your_bits >> (stage - 1)) & 1).astype(bool)
                & ((their_bits >> (other - 1)) & 1).astype(bool)
            )
            your_stage[found], their_stage[found] = stage, other
    add(
        pairs,
        VALUE_CHAIN_ADJACENT,
        weights.value_chain * multipliers.value_chain[viewers] * adjacent,
        your_stage=your_stage,
        their_stage=their_stage,
    )

    their_country = compiled.country[others]
    border = compiled.country[viewers] != their_country
    contribution = weights.cross_border * multipliers.country[viewers, their_country] * border
    add(pairs, CROSS_BORDER, contribution, country=their_country)

    pending = compiled.pending_requests[others]
    add(pairs, MANY_PENDING_REQUESTS, -weights.penalty(pending), pending=pending)

    columns = {}
    for name in TermTable.__dataclass_fields__:
        parts = [section.get(name) for section in sections]
        length = [len(section["pair"]) for section in sections]
        columns[name] = np.concatenate(
            [
                part if part is not None else np.full(size, -1, dtype=np.int64)
                for part, size in zip(parts, length, strict=True)
            ]
        )
    return TermTable(**columns)


def build_recommendations(
    compiled: CompiledProfiles,
    viewers: np.ndarray,
    others: np.ndarray,
    table: TermTable,
    max_reasons: int,
    reason_floor: float,
) -> list[Recommendation]:
    """One Recommendation per pair, its terms largest first and score = their exact sum."""
    with no_cyclic_collection():
        return _build(compiled, viewers, others, table, max_reasons, reason_floor)


def _build(
    compiled: CompiledProfiles,
    viewers: np.ndarray,
    others: np.ndarray,
    table: TermTable,
    max_reasons: int,
    reason_floor: float,
) -> list[Recommendation]:
    order = term_order(table)
    ordered_pair = table.pair[order]
    bounds = np.searchsorted(ordered_pair, np.arange(len(viewers) + 1)).tolist()
    source = OrderedTerms(compiled, table, order)

    # The told reasons of a pair are its leading terms of at least the floor: its terms are
    # sorted by contribution, so those of rank below max_reasons that reach the floor.
    rank = np.arange(len(order)) - np.asarray(bounds[:-1], dtype=np.int64)[ordered_pair]
    worth = (rank < max_reasons) & (table.contribution[order] >= reason_floor)
    told = np.bincount(ordered_pair[worth], minlength=len(viewers))
    told_reasons = source.reasons(np.flatnonzero(worth))
    told_starts = (np.cumsum(told) - told).tolist()
    contributions = table.contribution[order].tolist()
    ids = [profile.id for profile in compiled.profiles]
    return [
        Recommendation(
            participant_id=ids[viewer],
            other_id=ids[other],
            score=math.fsum(contributions[start:stop]),
            reasons=told_reasons[first : first + count],
            source=source,
            start=start,
            stop=stop,
        )
        for viewer, other, start, stop, first, count in zip(
            viewers.tolist(),
            others.tolist(),
            bounds[:-1],
            bounds[1:],
            told_starts,
            told.tolist(),
            strict=True,
        )
    ]


def term_order(table: TermTable) -> np.ndarray:
    """The order of the terms: by pair, largest first, then by code, ecosystem and the two
    opportunities (so that equal contributions keep one order)."""
    ties = (table.code, table.ecosystem, table.your_opportunity, table.their_opportunity)
    # Parameters are -1 or an index: shifted by one, each fits its bits.
    widths = [int(column.max(initial=0) + 1).bit_length() for column in ties]
    if sum(widths) > 62:
        return np.lexsort((*reversed(ties), -table.contribution, table.pair))
    # The tie-breakers packed into one key: a sort of three keys instead of six.
    packed = np.zeros(len(table.pair), dtype=np.int64)
    for column, width in zip(ties, widths, strict=True):
        packed = (packed << width) | (column + 1)
    return np.lexsort((packed, -table.contribution, table.pair))


class OrderedTerms:
    """The rows of a term table in the order of `order`, made into Reasons when asked for."""

    def __init__(self, compiled: CompiledProfiles, table: TermTable, order: np.ndarray) -> None:
        # Lookups whose last element answers index -1 ("no such parameter"), as object
        # arrays: they look a million values up in C rather than in a Python loop.
        opportunity_ids = _objects([o.id for o in compiled.opportunities] + [None])
        opportunity_titles = _objects([o.title for o in compiled.opportunities] + [""])
        stages = _objects([None, *range(1, 9), None])
        yours, theirs = table.your_opportunity[order], table.their_opportunity[order]
        self.columns = (
            (_objects(list(REASON_CODES)), table.code[order]),
            (None, table.contribution[order]),
            (opportunity_ids, yours),
            (opportunity_titles, yours),
            (opportunity_ids, theirs),
            (opportunity_titles, theirs),
            (stages, table.your_stage[order]),
            (stages, table.their_stage[order]),
            (_objects([*ECOSYSTEM_CODES, ""]), table.ecosystem[order]),
            (_objects([*compiled.countries, ""]), table.country[order]),
            (None, np.maximum(table.pending[order], 0)),
        )

    def reasons(self, rows: slice | np.ndarray) -> list[Reason]:
        values = [
            (column[rows] if lookup is None else lookup[column[rows]]).tolist()
            for lookup, column in self.columns
        ]
        return list(map(Reason, *values))


def _objects(values: list) -> np.ndarray:
    return np.fromiter(values, dtype=object, count=len(values))
