"""Names in the order of the reader's language: "Černá" after "Cibulka", not after "Žák".

Databases compare text by code point unless told otherwise, which puts every name that
starts with an accented letter after Z. `in_reading_order` sorts by the collation of the
active language instead: Czech's (CH after H; Č, Ř, Š and Ž after C, R, S and Z; the other
accents only break ties) for Czech pages, Unicode's default order for the rest.
PostgreSQL has these as ICU collations; SQLite is given the same rules as Python functions
when it connects (`register_sqlite_collations`).
"""

import unicodedata
from functools import lru_cache

from django.db.models import F
from django.db.models.expressions import OrderBy
from django.db.models.functions import Collate
from django.utils import translation

# The collation each database names for a language's order ("" : the default order).
COLLATIONS = {
    "postgresql": {"cs": "cs-x-icu", "": "und-x-icu"},
    "sqlite": {"cs": "modus_cs", "": "modus_und"},
}
# Czech letters of their own, each sorted after the letter it is built on.
CZECH_LETTERS = {"č": "c", "ř": "r", "š": "s", "ž": "z"}
AFTER = "\U0010ffff"  # after every letter


def plain(text: str) -> str:
    """`text` without its accents."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def default_key(text: str) -> tuple[str, str, str]:
    """Letters first, then accents, then case break ties."""
    folded = text.casefold()
    return plain(folded), folded, text


@lru_cache(maxsize=65536)
def czech_key(text: str) -> tuple[str, str, str]:
    folded = text.casefold()
    letters, i = [], 0
    while i < len(folded):
        if folded.startswith("ch", i):
            letters.append("h" + AFTER)
            i += 2
            continue
        letter = folded[i]
        letters.append(CZECH_LETTERS[letter] + AFTER if letter in CZECH_LETTERS else letter)
        i += 1
    return plain("".join(letters)), folded, text


def comparison(key):
    def compare(left: str, right: str) -> int:
        a, b = key(left), key(right)
        return (a > b) - (a < b)

    return compare


def register_sqlite_collations(sender, connection, **kwargs) -> None:
    """Gives a new SQLite connection the collations `in_reading_order` names."""
    if connection.vendor != "sqlite":
        return
    names = COLLATIONS["sqlite"]
    connection.connection.create_collation(names["cs"], comparison(czech_key))
    connection.connection.create_collation(names[""], comparison(default_key))


class ReadingOrder(Collate):
    """`Collate` by the active language's collation, named as the database names it."""

    def __init__(self, expression, language: str):
        self.language = language
        super().__init__(expression, collation=COLLATIONS["sqlite"][language])

    def as_sql(self, compiler, connection, **extra_context):
        names = COLLATIONS.get(connection.vendor)
        if names is None:  # a database without these collations: its own order
            return compiler.compile(self.get_source_expressions()[0])
        extra_context["collation"] = connection.ops.quote_name(names[self.language])
        return super().as_sql(compiler, connection, **extra_context)


def in_reading_order(*fields: str) -> list[OrderBy]:
    """Order-by terms for `fields` (text fields) in the active language's order."""
    language = "cs" if (translation.get_language() or "").startswith("cs") else ""
    return [ReadingOrder(F(field), language).asc() for field in fields]
