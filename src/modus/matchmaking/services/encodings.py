"""Text encodings kept in the database, with a copy in the process's memory.

The recommendation core asks an `EncodingStore` before it encodes a text; this one answers
from memory first (a worker recomputes the same event many times), then from the
`TextEncoding` table, so a new worker or a restart does not encode the event again.
"""

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from datetime import timedelta

import numpy as np
from django.db.models import TextField, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from modus import tasks
from modus.directory.models import Opportunity, Person
from modus.matchmaking.models import TextEncoding
from modus.matchmaking.recommend import opportunity_text, profile_text

# Rows per query: below SQLite's limit on query parameters.
CHUNK = 500
# Encodings of texts no one uses any more are deleted once they are this old: younger ones
# may belong to an edit whose recomputation is still running.
KEEP_UNUSED = timedelta(days=1)
# Vectors kept in memory per process (384 float32s each: 1.5 kB, so about 75 MB).
MEMORY_LIMIT = 50_000

_memory: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()


def _remember(model: str, key: str, vector: np.ndarray) -> None:
    _memory[(model, key)] = vector
    _memory.move_to_end((model, key))
    while len(_memory) > MEMORY_LIMIT:
        _memory.popitem(last=False)


class DatabaseStore:
    """An EncodingStore on the TextEncoding table."""

    def load(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found = {key: _memory[(model, key)] for key in keys if (model, key) in _memory}
        wanted = [key for key in dict.fromkeys(keys) if key not in found]
        for start in range(0, len(wanted), CHUNK):
            rows = TextEncoding.objects.filter(
                model=model, key__in=wanted[start : start + CHUNK]
            ).values_list("key", "vector")
            for key, vector in rows:
                found[key] = np.frombuffer(bytes(vector), dtype=np.float32)
                _remember(model, key, found[key])
        return found

    def save(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        rows = [
            TextEncoding(model=model, key=key, vector=np.asarray(v, np.float32).tobytes())
            for key, v in vectors.items()
        ]
        # Two recomputations may encode the same new text; the first row stays.
        TextEncoding.objects.bulk_create(rows, batch_size=CHUNK, ignore_conflicts=True)
        for key, vector in vectors.items():
            _remember(model, key, np.asarray(vector, np.float32))


def keys_in_use() -> set[str]:
    """Keys of every text the recommendations may encode: opportunities and profiles as
    they are now, and the backend's own background texts."""
    from modus.matchmaking.recommend.multilingual import BACKGROUND, stored_key

    texts = {
        opportunity_text(title, description).strip()
        for title, description in Opportunity.objects.values_list("title", "description")
        .order_by()
        .iterator(chunk_size=2000)
    }
    people = Person.objects.values_list(
        "job_title", Coalesce("organisation__description", Value(""), output_field=TextField())
    )
    texts |= {profile_text(*row).strip() for row in people.order_by().iterator(chunk_size=2000)}
    return {stored_key(text) for text in texts | set(BACKGROUND) if text}


def prune_encodings(now=None) -> int:
    """Delete the encodings of texts no longer written anywhere, and of models no longer
    used; returns how many. Edited profiles leave their old texts' rows behind otherwise."""
    from modus.matchmaking.recommend.multilingual import MODEL

    keep = keys_in_use()
    cutoff = (now or timezone.now()) - KEEP_UNUSED
    rows = TextEncoding.objects.filter(created_at__lt=cutoff).values_list("pk", "model", "key")
    unused = [
        pk
        for pk, model, key in rows.order_by().iterator(chunk_size=2000)
        if model != MODEL or key not in keep
    ]
    for start in range(0, len(unused), CHUNK):
        TextEncoding.objects.filter(pk__in=unused[start : start + CHUNK]).delete()
    for key in [entry for entry in _memory if entry[0] != MODEL or entry[1] not in keep]:
        del _memory[key]
    return len(unused)


@tasks.task
def sweep_encodings() -> None:
    prune_encodings()
