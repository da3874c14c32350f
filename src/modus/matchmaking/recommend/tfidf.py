"""TF-IDF text backend (scikit-learn): sparse, always installed, fast enough for 20,000 people.

Words are folded to rough stems (suffix stripping, then six letters) so that "optics" meets
"optical" and "supplier" meets "supplies"; boilerplate of matchmaking texts is ignored.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfTransformer

# Words every offer or request says; they tell nothing about what is offered or wanted.
MATCHMAKING_STOP_WORDS = frozenset(
    {
        "offer", "offers", "offered", "offering", "request", "requests", "requested",
        "looking", "seeking", "seek", "seeks", "searching", "search", "want", "wants",
        "need", "needs", "needed", "partner", "partners", "company", "companies",
        "provide", "provides", "provided", "providing", "interested", "cooperation",
        "collaboration", "opportunity", "opportunities", "new", "able", "based", "help",
    }
)  # fmt: skip
STOP_WORDS = ENGLISH_STOP_WORDS | MATCHMAKING_STOP_WORDS

# Longest first, so "ications" goes before "s"; a stem keeps at least three letters.
SUFFIXES = tuple(
    sorted(
        ("ational", "ations", "ation", "ments", "ment", "ings", "ing", "ically", "ical",
         "ics", "ic", "iers", "ier", "ies", "ers", "er", "ors", "or", "ed", "es", "al",
         "s", "e", "y"),
        key=len,
        reverse=True,
    )
)  # fmt: skip
STEM_LENGTH = 6
# A text keeps its this-many most telling stems: common words then rarely meet, which keeps
# request x offer products sparse at 20,000 participants and makes matches more specific.
MAX_TERMS = 8
# Stems in more than this share of the texts (and more than MIN_COMMON texts) are the field's
# common words ("system", "supplier"): they relate everyone a little and no one in particular.
MAX_SHARE = 0.02
MIN_COMMON = 200
MIN_STEM = 3

# Words start with a letter and have at least two characters; numbers alone are not words.
TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W_]+\b"


def stem(word: str) -> str:
    """A rough, language-light stem: strip one common English suffix, keep six letters."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)]
            break
    return word[:STEM_LENGTH]


class TfidfBackend:
    """Sublinear TF-IDF over stems, L2-normalised rows, as a SciPy CSR matrix."""

    name = "tfidf"
    noise_floor = 0.25

    def fit_transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Fit on all `texts` and return one L2-normalised sparse row per text."""
        vectorizer = CountVectorizer(
            lowercase=True, strip_accents="unicode", token_pattern=TOKEN_PATTERN, dtype=np.float64
        )
        try:
            counts = vectorizer.fit_transform(texts)
        except ValueError:  # no word at all in any text
            return sparse.csr_matrix((len(texts), 1), dtype=np.float64)
        words = vectorizer.get_feature_names_out()
        stems: dict[str, int] = {}
        rows, columns = [], []
        for row, word in enumerate(words):
            if word in STOP_WORDS:
                continue
            rows.append(row)
            columns.append(stems.setdefault(stem(word), len(stems)))
        if not stems:
            return sparse.csr_matrix((len(texts), 1), dtype=np.float64)
        folding = sparse.csr_matrix(
            (np.ones(len(rows)), (rows, columns)), shape=(len(words), len(stems))
        )
        stem_counts = (counts @ folding).tocsr()
        texts_with = np.bincount(stem_counts.indices, minlength=len(stems))
        common = texts_with > max(MAX_SHARE * len(texts), MIN_COMMON)
        stem_counts = stem_counts @ sparse.diags((~common).astype(np.float64))
        stem_counts.eliminate_zeros()
        vectors = TfidfTransformer(sublinear_tf=True, norm=None).fit_transform(stem_counts)
        return keep_top_terms(sparse.csr_matrix(vectors, dtype=np.float64), MAX_TERMS)


def keep_top_terms(vectors: sparse.csr_matrix, limit: int) -> sparse.csr_matrix:
    """Each row's `limit` largest weights (ties: lower column first), then L2-normalised."""
    rows = np.repeat(np.arange(vectors.shape[0]), np.diff(vectors.indptr))
    order = np.lexsort((vectors.indices, -vectors.data, rows))
    rank = np.arange(len(order)) - vectors.indptr[rows[order]]
    kept = np.sort(order[rank < limit])
    pruned = sparse.csr_matrix(
        (vectors.data[kept], (rows[kept], vectors.indices[kept])), shape=vectors.shape
    )
    norms = np.sqrt(np.asarray(pruned.multiply(pruned).sum(axis=1)).ravel())
    return sparse.csr_matrix(sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ pruned)
