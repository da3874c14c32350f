"""Text encodings kept in the database, with a copy in the process's memory.

The recommendation core asks an `EncodingStore` before it encodes a text; this one answers
from memory first (a worker recomputes the same event many times), then from the
`TextEncoding` table, so a new worker or a restart does not encode the event again.
"""

from collections import OrderedDict
from collections.abc import Mapping, Sequence

import numpy as np

from modus.matchmaking.models import TextEncoding

# Rows per query: below SQLite's limit on query parameters.
CHUNK = 500
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
