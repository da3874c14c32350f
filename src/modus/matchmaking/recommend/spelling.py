"""Texts as people type them, made plain for the embedding model before it reads them.

Capitals. A title or sentence typed in capitals ("HIGH-POWER LASER OPTICS") or in Title
Case ("High-Power Laser Optics For Cutting Heads", as English titles often are) is read by
the model as other words than the same in small letters, and a request so written finds
its answers far less often, across languages most. Such a sentence is given in sentence
case; an acronym ("PCB assembly"), and a name in a sentence of small letters ("ports of the
North Sea"), stay as they are.

Czech without diacritics. Many people write Czech on a keyboard without the Czech layout:
"Hledame dodavatele optickych komponent" for "Hledáme dodavatele optických komponent".
The model reads such text as a poorer kind of Czech, and a request written so finds its
answers far less often. Each word is given the most frequent Czech word spelt the same
without diacritics (wordfreq's Czech list, installed with its package: nothing is
fetched), which gets nine in ten of the words that need diacritics right; the model
forgives the rest.

Only a text with no Czech letter at all whose words are more Czech than English is touched,
so English text and Czech typed with diacritics pass unchanged. Where wordfreq is not
installed, no text is.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.util import find_spec

CZECH = "áčďéěíňóřšťúůýž"
PLAIN = "acdeeinorstuuyz"
UNACCENT = str.maketrans(CZECH + CZECH.upper(), PLAIN + PLAIN.upper())
CZECH_LETTERS = frozenset(CZECH + CZECH.upper())
# Short Czech words that are no English word, and ones both languages write (no vote).
CZECH_ONLY_WORDS = frozenset(
    "k o s u v z na od po se ve ze je pro pri pod nad jsme jsou nebo take ktery".split()  # noqa: SIM905
)
BOTH = frozenset({"a", "i", "do", "to", "no"})
# How many of English's most frequent words count as English when a text is weighed.
ENGLISH_WORDS = 30_000
WORD = re.compile(r"[^\W\d_]+")
SENTENCE_END = re.compile(r"((?<=[.!?])\s+)")
# A sentence shouts when this many of its words of three letters or more are in capitals
# (and all of them are): an acronym or two among small letters is no shouting.
SHOUTED_WORDS = 2
# A sentence is in Title Case when this many of its words of four letters or more, and all
# of them but acronyms, begin with a capital ("Laser Optics for Cutting Heads").
TITLE_WORDS = 2
# Words that English Title Case leaves in small letters ("Lenses with Coatings"), of four
# letters or more (shorter ones tell nothing either way).
TITLE_SMALL = frozenset(
    {
        "with", "from", "into", "onto", "over", "upon", "than", "that", "under", "near",
        "like", "about", "after", "before", "between", "through", "without", "within",
        "across", "along", "among", "around", "behind", "below", "beside", "beyond",
        "during", "except", "inside", "outside", "since", "toward", "towards", "until",
    }
)  # fmt: skip
# Three capitals in a row, or two words of one sentence that begin with one, in the Latin
# letters of English, Czech and their neighbours: a text without either is in neither
# capitals nor Title Case anywhere and is not split into sentences (it is fast).
CAPITAL = "[A-ZÀ-ÖØ-ÞČĎĚŇŘŠŤŮŽ]"
CAPITALS = re.compile(f"{CAPITAL}{{3}}|{CAPITAL}[^.!?]*?[^\\w.!?]{CAPITAL}")
# A word of four letters or more that begins with a small one: a sentence with one is in
# neither capitals nor Title Case (the most sentences; looked for first, as it is fast).
SMALL_WORD = re.compile(f"\\b[^\\W\\d_{CAPITAL[1:-1]}][^\\W\\d_]{{3,}}")
INSTALLED = find_spec("wordfreq") is not None


def unaccent(text: str) -> str:
    """`text` with the Czech letters' diacritics taken off."""
    return text.translate(UNACCENT)


@cache
def accented() -> dict[str, str]:
    """Plain spelling -> the most frequent Czech word so spelt, where that word has
    diacritics (about 300,000 words, some 50 MB; built once, in a second or two)."""
    import wordfreq

    best: dict[str, str] = {}
    seen: set[str] = set()
    # Most frequent first, so the first word of each plain spelling is the one kept.
    for word in wordfreq.iter_wordlist("cs", wordlist="large"):
        plain = word.translate(UNACCENT)
        if plain in seen:
            continue
        seen.add(plain)
        if plain != word:
            best[plain] = word
    # The list itself stays cached inside wordfreq otherwise; the map is all we need.
    wordfreq.get_frequency_list.cache_clear()
    return best


@cache
def english() -> frozenset[str]:
    import wordfreq

    words = frozenset(wordfreq.top_n_list("en", ENGLISH_WORDS, wordlist="small"))
    wordfreq.get_frequency_list.cache_clear()
    return words


def looks_czech(words: list[str]) -> bool:
    """More of the lowercase `words` are Czech (want diacritics, or are short Czech words)
    than common English words."""
    best, common = accented(), english()
    czech = english_words = 0
    for word in words:
        # A word both languages write ("operator", "system") tells neither.
        if word in CZECH_ONLY_WORDS or (word in best and word not in common):
            czech += 1
        elif word in common and word not in best and word not in BOTH:
            english_words += 1
    return czech > english_words


def restore(text: str) -> str:
    """`text` with its diacritics given back if it is Czech typed without them; else as is."""
    if not INSTALLED or not CZECH_LETTERS.isdisjoint(text):
        return text
    words = WORD.findall(text)
    if not words or not looks_czech([word.lower() for word in words]):
        return text
    best = accented()
    return WORD.sub(lambda found: with_accents(found.group(), best), text)


def with_accents(word: str, best: dict[str, str]) -> str:
    """The Czech word `word` stands for, in `word`'s case (lower, Capitalised or UPPER)."""
    found = best.get(word.lower())
    if found is None:
        return word
    if word.isupper() and len(word) > 1:
        return found.upper()
    return found[0].upper() + found[1:] if word[0].isupper() else found


def unshout(text: str) -> str:
    """`text` with each sentence typed in capitals or in Title Case in sentence case."""
    if not CAPITALS.search(text):
        return text
    # Split with the spaces kept: sentences at even places, the spaces between at odd.
    parts = SENTENCE_END.split(text)
    return "".join(part if i % 2 else sentence_case(part) for i, part in enumerate(parts))


def sentence_case(sentence: str) -> str:
    """`sentence` in sentence case if it is typed in capitals or in Title Case; else as is."""
    small = SMALL_WORD.search(sentence)
    if small and small.group().lower() not in TITLE_SMALL:
        return sentence
    words = [word for word in WORD.findall(sentence) if len(word) >= 3]
    if len(words) >= SHOUTED_WORDS and all(word.isupper() for word in words):
        lowered = sentence.lower()
        first = next((i for i, c in enumerate(lowered) if c.isalpha()), 0)
        return lowered[:first] + lowered[first : first + 1].upper() + lowered[first + 1 :]
    # Acronyms ("PCB") tell nothing of how the rest is written.
    long_words = [
        word for word in words if len(word) >= 4 and not word.isupper() and word not in TITLE_SMALL
    ]
    if len(long_words) < TITLE_WORDS or not all(word.istitle() for word in long_words):
        return sentence
    # After the first word, each word with one capital, its first letter, in small letters.
    end = WORD.search(sentence).end()
    return sentence[:end] + WORD.sub(small_if_title, sentence[end:])


def small_if_title(found: re.Match) -> str:
    word = found.group()
    return word.lower() if word.istitle() else word
