"""The demo's text banks keep their structural rules."""

from modus.demo import vocabulary


def test_the_text_banks_keep_their_rules():
    vocabulary.check()  # raises AssertionError with the broken rule


def test_every_activity_stage_has_offers_of_a_company():
    for code, stages in vocabulary.ACTIVITY_STAGES.items():
        offered = {t.stage for t in vocabulary.ECOSYSTEMS[code].offers if t.kind != "investment"}
        assert set(stages) <= offered, code
