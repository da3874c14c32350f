import subprocess
import sys

import pytest

from modus.matchmaking.recommend import (
    BackendUnavailableError,
    available_backends,
    backends,
    get_backend,
)
from modus.matchmaking.recommend.backends import TextBackend
from modus.matchmaking.recommend.tfidf import TfidfBackend


def test_tfidf_is_always_there():
    backend = get_backend("tfidf")
    assert isinstance(backend, TfidfBackend)
    assert isinstance(backend, TextBackend)
    assert "tfidf" in available_backends()


def test_an_unknown_name_says_which_exist():
    with pytest.raises(BackendUnavailableError, match=r"unknown text backend 'bert'.*tfidf"):
        get_backend("bert")


def test_a_backend_whose_library_is_missing_says_what_to_install(monkeypatch):
    monkeypatch.setitem(backends.BACKENDS, "embedding", "modus_no_such_module:Backend")
    monkeypatch.setitem(backends.REQUIREMENTS, "embedding", ("modus_no_such_module",))
    with pytest.raises(BackendUnavailableError, match=r"not installed.*modus\[embedding\]"):
        get_backend("embedding")
    assert "embedding" not in available_backends()


def test_the_tfidf_path_never_imports_torch():
    script = (
        "import sys\n"
        "from modus.matchmaking.recommend import recommend, available_backends\n"
        "from tests.matchmaking.recommend.examples import photonics_event\n"
        "available_backends()\n"
        "recommend(photonics_event(), backend='tfidf')\n"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    assert output.strip() == "False False"
