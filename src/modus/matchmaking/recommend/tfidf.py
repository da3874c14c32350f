"""TF-IDF text backend (scikit-learn): sparse, always installed, fast enough for 20,000 people.

Words are folded in three steps: a dictionary lemmatiser for Czech and English (simplemma)
turns "optických" into "optický" and "fibres" into "fibre", then accents go and a rough stem
(suffix stripping, six letters) lets "optics" meet "optical" and "čočky" meet "cocky" typed
without accents, and last the letters the two languages spell one sound with are made one, so
that the many words Czech takes from English meet it ("komponenta" and "component", "senzor"
and "sensor", "systém" and "system"), and British spelling meets American. Boilerplate of
matchmaking texts, in either language, is ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import simplemma
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
# Czech function words and matchmaking boilerplate, as unaccented lemmas.
CZECH_STOP_WORDS = frozenset(
    {
        "a", "aby", "ale", "ani", "az", "bez", "by", "byt", "co", "do", "i", "jak", "jako",
        "je", "jeho", "jeji", "jejich", "jen", "jiz", "k", "kde", "kdo", "kdyz", "ktery",
        "mezi", "mit", "moci", "muj", "my", "na", "nad", "nas", "nasi", "ne", "nebo", "nez",
        "o", "od", "on", "ona", "po", "pod", "pro", "pri", "s", "se", "si", "svuj", "ta",
        "tak", "take", "ten", "tento", "to", "u", "uz", "v", "ve", "vsak", "vse", "vsechen",
        "z", "za", "ze", "chtit", "hledat", "hledame", "nabizet", "nabidka", "poptavat",
        "poptavka", "spoluprace", "firma", "spolecnost", "partner", "potrebovat", "zajem",
        "novy", "jsme", "jsou", "vas", "vase", "nase", "ktera", "ktere",
    }
)  # fmt: skip
STOP_WORDS = ENGLISH_STOP_WORDS | MATCHMAKING_STOP_WORDS | CZECH_STOP_WORDS

# Spellings of one sound in Czech and English loanwords, and in British and American English;
# "c" becomes "k" too, except in "ch", a letter of its own in Czech.
SPELLINGS = (("ph", "f"), ("th", "t"), ("qu", "kv"), ("x", "ks"), ("w", "v"), ("y", "i"),
             ("z", "s"))  # fmt: skip
HARD_C = re.compile(r"c(?!h)")
DOUBLE_CONSONANT = re.compile(r"([^aeiou])\1")


def spelt_alike(word: str) -> str:
    """One spelling for the letters Czech and English write one sound with ("senzor",
    "sensor"), and single consonants for double ones ("kontrola", "control")."""
    for spelling, common in SPELLINGS:
        word = word.replace(spelling, common)
    return DOUBLE_CONSONANT.sub(r"\1", HARD_C.sub("k", word))


# Longest first, so "ications" goes before "s"; a stem keeps at least three letters. The
# single vowels fold what the lemmatiser does not know, such as Czech typed without accents.
# Spelt as the words they are stripped from ("ics" as "iks").
SUFFIXES = tuple(
    sorted(
        {spelt_alike(suffix) for suffix in (
            "ational", "ations", "ation", "ments", "ment", "ings", "ing", "ically", "ical",
            "ics", "ic", "iers", "ier", "ies", "ers", "er", "ors", "or", "ed", "es", "al",
            "ovani", "ovat", "ovy", "ova", "ove", "s", "a", "e", "i", "o", "u", "y")},
        key=lambda suffix: (-len(suffix), suffix),
    )
)  # fmt: skip
STEM_LENGTH = 6
# A text keeps its this-many most telling stems: common words then rarely meet, which keeps
# request x offer products sparse at 20,000 participants and makes matches more specific.
MAX_TERMS = 16
# Stems in more than this share of the texts (and more than MIN_COMMON texts) are the field's
# common words ("system", "supplier"): they relate everyone a little and no one in particular.
MAX_SHARE = 0.02
MIN_COMMON = 200
MIN_STEM = 3

# Words start with a letter and have at least two characters; numbers alone are not words.
TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W_]+\b"


LANGUAGES = ("cs", "en")


def unaccent(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """A lowercase word's dictionary form, without accents ("nabízíme": "nabizet")."""
    return unaccent(simplemma.lemmatize(word, lang=LANGUAGES).lower())


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """The key a lowercase word is counted under: lemma, without accents, stemmed (see stem)."""
    return stem(lemma(word))


def is_stop_word(word: str) -> bool:
    """Whether a lowercase word says nothing of what is offered or wanted, in any form."""
    return not STOP_WORDS.isdisjoint((word, unaccent(word), lemma(word), fold(word)))


def stem(word: str) -> str:
    """A rough, language-light stem: spelt alike, up to two common suffixes stripped, six
    letters kept.

    Two, because Czech derives adjectives from nouns ("laser", "laserový"), and the noun's
    own ending must then go as well.
    """
    word = spelt_alike(word)
    for _ in range(2):
        word = strip_suffix(word)
    return word[:STEM_LENGTH]


def strip_suffix(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


class TfidfBackend:
    """Sublinear TF-IDF over stems, L2-normalised rows, as a SciPy CSR matrix."""

    name = "tfidf"
    # Alone, this backend must catch the one or two words a request and its answer share;
    # sixteen stems of about equal weight make one shared stem a similarity of about 0.06.
    noise_floor = 0.05
    # From here an offer answers a request (below, it may). Chosen as the hybrid's (see
    # hybrid.HybridBackend.answer_level): the tuning half's answerable requests' best
    # similarity has its 5th percentile at 0.075, the unanswerable ones' spread 0 to 0.18.
    answer_level = 0.08

    def __init__(self, max_terms: int = MAX_TERMS) -> None:
        self.max_terms = max_terms

    def fit_transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Fit on all `texts` and return one L2-normalised sparse row per text."""
        vectorizer = CountVectorizer(lowercase=True, token_pattern=TOKEN_PATTERN, dtype=np.float64)
        # Each distinct text is read once; repeated texts still count in document frequency.
        row_of: dict[str, int] = {}
        rows_of_texts = [row_of.setdefault(text, len(row_of)) for text in texts]
        try:
            counts = vectorizer.fit_transform(list(row_of))[rows_of_texts]
        except ValueError:  # no word at all in any text
            return sparse.csr_matrix((len(texts), 1), dtype=np.float64)
        words = vectorizer.get_feature_names_out()
        stems: dict[str, int] = {}
        rows, columns = [], []
        for row, word in enumerate(words):
            if is_stop_word(word):
                continue
            key = fold(word)
            rows.append(row)
            columns.append(stems.setdefault(key, len(stems)))
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
        return keep_top_terms(sparse.csr_matrix(vectors, dtype=np.float64), self.max_terms)


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
