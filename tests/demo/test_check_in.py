"""The demo's badges and arrivals, on a small event (the whole demo is checked in
test_generator)."""

import zoneinfo
from datetime import datetime

import pytest

from modus.demo.check_in import DESKS, build_check_ins
from modus.events.models import Badge, CheckIn
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def arrivals_of(seed: int) -> list[tuple[int, str, datetime]]:
    event = EventFactory()
    people = ParticipantFactory.create_batch(40, event=event)
    assert build_check_ins(event, seed) == 22  # 55 % of 40
    assert Badge.objects.filter(participant__event=event).count() == 40
    rows = CheckIn.objects.filter(participant__event=event).order_by("participant_id")
    position = {participant.pk: number for number, participant in enumerate(people)}
    return [(position[row.participant_id], row.desk, row.checked_in_at) for row in rows]


def test_arrivals_are_on_the_first_morning_through_the_four_desks_and_repeatable():
    first = arrivals_of(2022)
    prague = zoneinfo.ZoneInfo("Europe/Prague")
    times = [at.astimezone(prague) for _, _, at in first]
    assert min(times) >= datetime(2022, 9, 26, 8, 0, tzinfo=prague)
    assert max(times) <= datetime(2022, 9, 26, 10, 30, tzinfo=prague)
    assert {desk for _, desk, _ in first} <= set(DESKS)
    assert arrivals_of(2022) == first
    assert arrivals_of(7) != first
