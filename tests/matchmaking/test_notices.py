"""The words of notifications: whole sentences, times as the pages write them."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from modus.matchmaking.notices import ago, describe
from tests.matchmaking.helpers import DAY_1_STARTS


@pytest.fixture(autouse=True)
def english():
    """English unless a test asks for Czech, whatever an earlier test left active."""
    with translation.override("en"):
        yield


PRAGUE = {"starts_at": DAY_1_STARTS.isoformat(), "time_zone": "Europe/Prague"}


def test_a_meeting_time_reads_like_the_pages_in_the_event_time_zone():
    data = {"name": "Ben Bauer", "table": "T1", "stand": False, **PRAGUE}
    assert describe("meeting-booked", data) == (
        "Your meeting with Ben Bauer is at Mon 26 Sep 14:00, table T1."
    )
    with translation.override("cs"):
        assert describe("meeting-booked", data) == (
            "Vaše schůzka (Ben Bauer) je po 26. 9. 14:00 u stolu T1."
        )


def test_an_acceptance_with_a_time_is_one_sentence():
    data = {"name": "Ben Bauer", "table": "S4", "stand": True, **PRAGUE}
    assert describe("request-accepted", data) == (
        "Ben Bauer accepted your meeting request: you meet at Mon 26 Sep 14:00, stand S4."
    )
    assert describe("request-accepted", {"name": "Ben Bauer"}) == (
        "Ben Bauer accepted your meeting request."
    )


def test_notifications_stored_before_issue_11_keep_their_written_time():
    data = {"name": "Ben Bauer", "when": "Sept. 26, 2022, 2:00"}
    assert describe("meeting-moved", data) == (
        "Your meeting with Ben Bauer moved to Sept. 26, 2022, 2:00."
    )


@pytest.mark.parametrize(
    ("seconds", "english", "czech"),
    [
        (0, "just now", "právě teď"),
        (59, "just now", "právě teď"),
        (5 * 60, "5\xa0minutes ago", "před 5\xa0minutami"),
        (2 * 3600 + 60, "2\xa0hours ago", "před 2\xa0hodinami"),
    ],
)
def test_how_long_ago_is_a_whole_phrase(seconds, english, czech):
    moment = timezone.now() - timedelta(seconds=seconds)
    assert ago(moment) == english
    with translation.override("cs"):
        assert ago(moment) == czech


def test_an_answered_request_names_the_offer_and_its_owner():
    data = {"name": "Ben Bauer", "offer": "Fibre sensors", "request": "Sensors for wells"}
    assert describe("opportunity-answered", data) == (
        "Ben Bauer offers “Fibre sensors”, which answers your request “Sensors for wells”."
    )
    with translation.override("cs"):
        assert describe("opportunity-answered", data) == (
            "Ben Bauer nabízí „Fibre sensors“, což odpovídá vaší poptávce „Sensors for wells“."
        )
