import pytest

from modus.matchmaking.recommend import Reason, describe
from modus.matchmaking.recommend.reasons import REASON_CODES


@pytest.mark.parametrize(
    ("reason", "sentence"),
    [
        (
            Reason(
                "offer-answers-request",
                0.5,
                your_opportunity_title="optical components supplier",
                their_opportunity_title="precision optics for laser systems",
            ),
            "Their offer 'precision optics for laser systems' answers your request "
            "'optical components supplier'",
        ),
        (
            Reason(
                "request-answered-by-offer",
                0.4,
                your_opportunity_title="lenses",
                their_opportunity_title="optics wanted",
            ),
            "Your offer 'lenses' answers their request 'optics wanted'",
        ),
        (
            Reason("value-chain-adjacent", 0.08, your_stage=5, their_stage=4),
            "adjacent in the value chain: they supply components, you integrate",
        ),
        (Reason("same-ecosystem", 0.04, ecosystem="electronics"), "same ecosystem: Electronics"),
        (Reason("cross-border", 0.03, country="LT"), "cross-border: Lithuania"),
        (Reason("cross-border", 0.03, country="QQ"), "cross-border: QQ"),
        (Reason("similar-profile", 0.1), "similar profile"),
        (
            Reason("many-pending-requests", -0.1, pending_requests=12),
            "already has 12 pending meeting requests",
        ),
    ],
)
def test_describe_says_each_reason_in_plain_english(reason, sentence):
    assert describe(reason) == sentence


def test_every_code_can_be_described():
    assert all(describe(Reason(code, 0.1)) for code in REASON_CODES)


def test_an_unknown_code_is_an_error():
    with pytest.raises(ValueError, match="unknown reason code"):
        describe(Reason("astrology", 1.0))
