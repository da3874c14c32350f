"""Offers near every request are discounted (CSLS), and dense vectors keep their principal
directions: both change similarities, so both are checked against the plain products."""

import numpy as np
import pytest

from modus.matchmaking.recommend import OpportunityInput, ProfileInput
from modus.matchmaking.recommend.features import compile_profiles
from modus.matchmaking.recommend.multilingual import principal
from modus.matchmaking.recommend.relevance import HUB_REQUESTS, discount_hubs
from modus.matchmaking.recommend.vectors import row_dots


class Given:
    """A dense backend whose vectors are given per text."""

    name = "given"
    noise_floor = 0.1

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors

    def fit_transform(self, texts):
        width = len(next(iter(self.vectors.values())))
        return np.array([self.vectors.get(t, np.zeros(width)) for t in texts], np.float32)


def one(number: int, direction: str, title: str) -> ProfileInput:
    return ProfileInput(
        id=number,
        organisation_id=number,
        country="CZ",
        organisation_kind="company",
        opportunities=(
            OpportunityInput(id=number, direction=direction, kind="service", title=title),
        ),
    )


def event(requests: int):
    """`requests` requests spread around one direction, an offer along it (near all) and an
    offer near the first request only."""
    rng = np.random.default_rng(3)
    base = np.zeros(16)
    base[0] = 1.0
    vectors, profiles = {}, []
    for number in range(requests):
        vector = base + 0.6 * rng.standard_normal(16)
        vectors[f"r{number}"] = vector / np.linalg.norm(vector)
        profiles.append(one(number, "request", f"r{number}"))
    specific = vectors["r0"] + 0.3 * rng.standard_normal(16)
    vectors["hub"], vectors["specific"] = base, specific / np.linalg.norm(specific)
    profiles += [one(1000, "offer", "hub"), one(1001, "offer", "specific")]
    texts = {f"{title}. {title}. ": vector for title, vector in vectors.items()}
    return profiles, Given(texts)


def plain_and_discounted(requests: int, weight: float):
    profiles, backend = event(requests)
    compiled = compile_profiles(profiles, backend, {})
    hub, specific = compiled.offers_of[-2][0], compiled.offers_of[-1][0]
    request_index = np.concatenate(compiled.requests_of)
    left = np.concatenate([request_index, request_index])
    right = np.repeat([hub, specific], len(request_index))
    plain = row_dots(compiled.opportunity_vectors, left, right)
    compiled.opportunity_vectors = discount_hubs(compiled, weight)
    return plain, row_dots(compiled.opportunity_vectors, left, right), len(request_index)


def test_an_offer_near_every_request_loses_more_than_a_specific_one():
    plain, discounted, n = plain_and_discounted(2 * HUB_REQUESTS, 0.5)
    change = discounted - plain
    # One discount per offer, the same for all requests, and the hub's is the larger.
    assert np.allclose(change[:n], change[0]) and np.allclose(change[n:], change[n])
    assert change[0] < 0 < change[n]
    assert change[n] - change[0] == pytest.approx(0.5 * (plain[:n] - plain[n:]).mean(), rel=0.5)


def test_a_small_event_is_discounted_in_proportion_and_a_zero_weight_not_at_all():
    plain, small, _ = plain_and_discounted(HUB_REQUESTS // 10, 0.5)
    plain_full, full, _ = plain_and_discounted(HUB_REQUESTS, 0.5)
    assert 0 < abs(small[0] - plain[0]) < abs(full[0] - plain_full[0])
    plain, same, _ = plain_and_discounted(HUB_REQUESTS, 0.0)
    assert np.array_equal(plain, same)


def test_principal_directions_keep_products_when_they_span_the_rows():
    rng = np.random.default_rng(5)
    rows = (rng.standard_normal((40, 3)) @ rng.standard_normal((3, 24))).astype(np.float32)
    reduced = principal(rows, 8)
    assert reduced.shape == (40, 8)
    assert np.allclose(reduced @ reduced.T, rows @ rows.T, atol=1e-3)


def test_principal_directions_drop_the_weakest_direction():
    rng = np.random.default_rng(6)
    rows = rng.standard_normal((500, 3)) * np.array([3.0, 2.0, 0.01])
    reduced = principal(rows.astype(np.float32), 2)
    kept = np.linalg.norm(reduced, axis=1) ** 2 / np.linalg.norm(rows, axis=1) ** 2
    assert kept.mean() > 0.999
