"""The demo's introductions: every state, through the real services."""

import pytest

from modus.common.models import AuditEntry
from modus.directory.models import IntroductionRequest
from modus.directory.selectors import median_time_to_answer
from tests.demo.test_generator import demo, demo_output  # noqa: F401  (the demo, once here)

pytestmark = pytest.mark.django_db


def test_introductions_are_in_every_state(demo):  # noqa: F811
    introductions = IntroductionRequest.objects.all()
    states = {
        "open, routed": introductions.filter(status="open", routed_to__isnull=False).exists(),
        "open, to route": introductions.filter(status="open", routed_to__isnull=True).exists(),
        "accepted": introductions.filter(status="accepted").exists(),
        "declined": introductions.filter(status="declined").exclude(reason="").exists(),
        "nudged": introductions.filter(nudge_count__gt=0).exists(),
        "at the booth": introductions.filter(channel="booth", event=demo).exists(),
        "from the catalogue": introductions.filter(channel="catalogue").exists(),
    }
    assert states == dict.fromkeys(states, True)
    assert AuditEntry.objects.filter(action="introduction.reassigned").exists()
    assert introductions.filter(status="accepted", suggested_slot__isnull=False).exists()
    assert median_time_to_answer().total_seconds() > 3600


def test_the_demo_manager_has_one_to_answer(demo):  # noqa: F811
    waiting = IntroductionRequest.objects.get(
        status="open", routed_to__user__email="manager@mechatronika.example"
    )
    assert waiting.requester.full_name == "Eva Horáková"
