"""SQLite's index for directory search: an FTS5 table over the two search texts.

A query key matches a stored text when it begins one of the text's word keys
(`LIKE '% key%'`). PostgreSQL serves that LIKE from a trigram index (migration 0003); SQLite
has none, so it scanned every organisation. Here an external-content FTS5 table, kept in
step by triggers whatever writes the columns (services, the demo, bulk_create, the admin),
answers `"key"*` (a token that begins with the key) from its index. It only narrows the
rows: search still applies the LIKE, so results and ranking stay exactly the PostgreSQL
ones, and a key the tokenizer might split is simply left to the LIKE.
"""

import unicodedata

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In

TABLE = "directory_organisation_fts"
MIGRATION = ("directory", "0010_sqlite_search_index")
COLUMNS = ("search_text", "public_search_text")

# The stored texts are word keys after single spaces (wordforms.document_keys): with no
# accent folding of its own and "_" a word character, as in Python's \w, each key is one
# token.
CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "search_text, public_search_text, "
    "content='directory_organisation', content_rowid='id', "
    "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")"
)
TRIGGERS = {
    f"{TABLE}_insert": (
        f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON directory_organisation BEGIN "
        f"INSERT INTO {TABLE}(rowid, search_text, public_search_text) "
        "VALUES (new.id, new.search_text, new.public_search_text); END"
    ),
    f"{TABLE}_delete": (
        f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON directory_organisation BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, search_text, public_search_text) "
        "VALUES ('delete', old.id, old.search_text, old.public_search_text); END"
    ),
    # Saving an organisation writes every column; only a changed text touches the index.
    f"{TABLE}_update": (
        f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF id, search_text, public_search_text "
        "ON directory_organisation WHEN old.id IS NOT new.id "
        "OR old.search_text IS NOT new.search_text "
        "OR old.public_search_text IS NOT new.public_search_text BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, search_text, public_search_text) "
        "VALUES ('delete', old.id, old.search_text, old.public_search_text); "
        f"INSERT INTO {TABLE}(rowid, search_text, public_search_text) "
        "VALUES (new.id, new.search_text, new.public_search_text); END"
    ),
}
SCHEMA = {TABLE: CREATE_TABLE, **TRIGGERS}


def installed(connection) -> bool:
    """Whether the table and triggers exist exactly as this version defines them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'trigger')",
        )
        return {name: sql for name, sql in cursor.fetchall() if name in SCHEMA} == SCHEMA


def install(connection) -> None:
    """Create the table and triggers afresh and index every organisation."""
    if connection.vendor != "sqlite":
        return
    uninstall(connection)
    with connection.cursor() as cursor:
        for sql in SCHEMA.values():
            cursor.execute(sql)
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")


def uninstall(connection) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def repair(using: str = "default", **kwargs) -> None:
    """After every migrate: SQLite rebuilds a table to alter it, which drops its triggers,
    so a later migration of directory_organisation would leave the index behind. Not
    before the migration that made it, or after going back past it."""
    connection = connections[using]
    if connection.vendor != "sqlite" or installed(connection):
        return
    if MIGRATION in MigrationRecorder(connection).applied_migrations():
        install(connection)


def indexable(key: str) -> bool:
    """A key the tokenizer keeps whole: letters and digits its Unicode 6.1 tables know
    (anything Unicode 3.2 had), and "_". Others are matched by the LIKE alone."""
    return bool(key) and all(
        char == "_" or unicodedata.ucd_3_2_0.category(char)[0] in "LN" for char in key
    )


def candidates(column: str, keys: list[str], *, lead: bool = True, any_key: bool = False) -> Q:
    """Organisations whose `column` has a word beginning with each indexable key (with
    `any_key`, with one of the keys): a superset of the LIKE matches, found in the index.

    SQLite guesses 25 rows for any such list and so always starts from it. When other
    filters pick a small slice (an ecosystem, a stage, a cluster's members) it should
    start there instead, as a plain scan would: `lead=False` writes `id + 0`, which the
    list can test but not lead."""
    phrases = ['"' + key.replace('"', '""') + '"*' for key in keys if indexable(key)]
    # Any of the keys: a key left to the LIKE alone could match rows the others do not.
    if not phrases or (any_key and len(phrases) < len(keys)):
        return Q()
    expression = f"{{{column}}} : ({(' OR ' if any_key else ' AND ').join(phrases)})"
    rows = RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [expression])
    return Q(In(F("pk") + 0, rows)) if not lead else Q(pk__in=rows)
