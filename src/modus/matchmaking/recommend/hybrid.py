"""The default text backend: multilingual embeddings and Czech-aware TF-IDF, fused.

Embeddings join texts that mean the same in other words or another language ("electricity
bill" and "power-saving"); the lexical side keeps what embeddings blur, such as a rare
part name or a standard both texts cite. The fused similarity is a weighted sum of the two
cosines, so a hybrid row's dot product is still a similarity in [-1, 1].
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from modus.matchmaking.recommend.multilingual import EncodingStore, MultilingualBackend
from modus.matchmaking.recommend.tfidf import TfidfBackend
from modus.matchmaking.recommend.vectors import Hybrid

# The embeddings' share of the fused similarity; the lexical side has the rest.
DENSE_WEIGHT = 0.8
# Beside the embeddings the lexical side is there for a text's rarest words, so it keeps
# fewer stems than TF-IDF alone (chosen on the tuning half of bench/recommend_quality.py).
LEXICAL_TERMS = 8


class HybridBackend:
    name = "hybrid"
    noise_floor = 0.12
    # A similarity this high is as good an answer as texts tell (see scoring.scaled_to).
    full_match = 0.5
    # An offer this similar to a request answers it; below, down to the floor, it may, and
    # the request is told no offer answers it yet. "Answers" is a claim, and a new offer
    # that answers is announced, so the level favours saying less over saying wrongly.
    # On the tuning half of bench/recommend_quality.py, at 0.22, 21 of its 23 requests that
    # nothing answers were told an offer answers them (and QA saw a circus-elephant show
    # announced as answering a request for e-bikes, at 0.24); at 0.26, 14 of 23, while 11 %
    # of the answerable requests are told no offer answers them yet, their answers still
    # listed as ones that may. The ranking, and so recall, is the same at both levels.
    answer_level = 0.26
    # Weight of an offer's hubness, taken off its similarities (see relevance.discount_hubs).
    hubness = 0.5

    def __init__(self, store: EncodingStore | None = None) -> None:
        self.dense = MultilingualBackend(store)
        self.lexical = TfidfBackend(max_terms=LEXICAL_TERMS)

    @property
    def encoded(self) -> int:
        return self.dense.encoded

    def fit_transform(self, texts: Sequence[str]) -> Hybrid:
        dense = self.dense.fit_transform(texts) * np.float32(math.sqrt(DENSE_WEIGHT))
        lexical = self.lexical.fit_transform(texts) * math.sqrt(1.0 - DENSE_WEIGHT)
        # Single precision: the dense products dominate the time at 20,000 people, and
        # similarities need no more than three decimals.
        return Hybrid(dense.astype(np.float32), sparse.csr_matrix(lexical, dtype=np.float32))
