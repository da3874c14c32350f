"""Reasons in words: every kind reads as a whole Czech sentence, conjugated for "they" and
"you"."""

import pytest
from django.utils import translation

from modus.matchmaking.reasons import ADJACENT_STAGES, describe

pytestmark = pytest.mark.django_db


def czech(reason: dict) -> str:
    with translation.override("cs"):
        return describe(reason)


def test_each_reason_kind_reads_as_a_czech_sentence():
    titles = {"their_opportunity_title": "Lasery", "your_opportunity_title": "Optika"}
    assert [
        czech({"code": "offer-answers-request", **titles}),
        czech({"code": "request-answered-by-offer", **titles}),
        czech({"code": "offer-may-answer-request", **titles}),
        czech({"code": "request-may-be-answered-by-offer", **titles}),
        czech({"code": "value-chain-adjacent", "your_stage": 4, "their_stage": 3}),
        czech({"code": "same-ecosystem", "ecosystem": "digital"}),
        czech({"code": "cross-border", "country": "DE"}),
        czech({"code": "similar-profile"}),
        czech({"code": "many-pending-requests"}),
    ] == [
        "Nabídka „Lasery“ odpovídá vaší poptávce „Optika“",
        "Vaše nabídka „Optika“ odpovídá poptávce „Lasery“",
        "Nabídka „Lasery“ může odpovídat vaší poptávce „Optika“",
        "Vaše nabídka „Optika“ může odpovídat poptávce „Lasery“",
        "Navazujete v hodnotovém řetězci: druhá strana dodává materiály, vy dodáváte komponenty.",
        "Stejný ekosystém: Digitální technologie",
        "Přeshraniční: Německo",
        "Podobný profil",
        "Už má mnoho čekajících žádostí",
    ]


def test_the_value_chain_reason_conjugates_you_in_czech():
    """Issue 11: it read "vy – dodávají materiály"."""
    assert czech({"code": "value-chain-adjacent", "your_stage": 3, "their_stage": 2}) == (
        "Navazujete v hodnotovém řetězci: druhá strana navrhuje a konstruuje, "
        "vy dodáváte materiály."
    )


def test_every_pair_of_neighbouring_stages_has_its_own_czech_sentence():
    sentences = {
        czech({"code": "value-chain-adjacent", "your_stage": y, "their_stage": t})
        for y, t in ADJACENT_STAGES
    }
    assert len(sentences) == 14
    assert all(s.startswith("Navazujete v hodnotovém řetězci: druhá strana ") for s in sentences)
    assert sorted(ADJACENT_STAGES) == sorted(
        (stage, other)
        for stage in range(1, 9)
        for other in (stage - 1, stage + 1)
        if 1 <= other <= 8
    )


def test_an_unknown_pair_of_stages_still_reads_as_a_sentence():
    assert czech({"code": "value-chain-adjacent", "your_stage": -1, "their_stage": -1}) == (
        "Navazujete v hodnotovém řetězci."
    )
