"""Whether SQLite's search index (directory/search_index.py) holds exactly the stored texts."""

from collections import defaultdict

from django.db import connection

from modus.directory.models import Organisation
from modus.directory.search_index import COLUMNS, TABLE


def index_mismatches() -> list:
    """(organisation, column, words) pairs that the index and the columns disagree on."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.organisation_search_words "
            f"USING fts5vocab(main, {TABLE}, instance)"
        )
        cursor.execute(
            "SELECT doc, col, term FROM temp.organisation_search_words ORDER BY doc, col, offset"
        )
        indexed = defaultdict(list)
        for organisation, column, word in cursor.fetchall():
            indexed[organisation, column].append(word)
        cursor.execute("DROP TABLE temp.organisation_search_words")
    stored = {
        (row["pk"], column): row[column].split()
        for row in Organisation.objects.values("pk", *COLUMNS)
        for column in COLUMNS
        if row[column].split()
    }
    indexed_set = {(*where, tuple(words)) for where, words in indexed.items()}
    stored_set = {(*where, tuple(words)) for where, words in stored.items()}
    return sorted(indexed_set ^ stored_set)
