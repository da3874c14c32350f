"""Badges and check-in services: issuing, reissuing, checking in once, refusing bad codes."""

import zoneinfo
from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied

from modus.common.models import AuditEntry
from modus.events.badges import BadgeError, badge_for
from modus.events.models import Badge, CheckIn, RetiredBadgeCode
from modus.events.selectors import arrivals, is_checked_in
from modus.events.services import (
    AlreadyCheckedIn,
    check_in,
    check_in_badge,
    issue_badges,
    reissue_badge,
)
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_user(organiser):
    return organiser.user


def test_issue_badges_gives_each_participant_one_random_code(event, organiser_user):
    people = ParticipantFactory.create_batch(3, event=event)
    ParticipantFactory()  # another event's participant gets none
    assert issue_badges(by=organiser_user, event=event) == 4  # with the organiser
    assert issue_badges(by=organiser_user, event=event) == 0
    codes = list(Badge.objects.filter(participant__event=event).values_list("code", flat=True))
    assert len(set(codes)) == 4
    # 192 random bits, URL-safe base64: 32 characters of 64 kinds, nothing of the person.
    assert {len(code) for code in codes} == {32}
    assert all(person.person.last_name not in code for person in people for code in codes)
    assert AuditEntry.objects.filter(action="badge.issued").count() == 4


def test_only_organisers_issue_badges(event, delegate):
    with pytest.raises(PermissionDenied):
        issue_badges(by=delegate.user, event=event)
    assert Badge.objects.count() == 0


def test_reissued_badge_retires_the_old_code(event, organiser_user):
    participant = ParticipantFactory(event=event)
    old = badge_for(participant).code
    new = reissue_badge(by=organiser_user, participant=participant).code
    assert new != old
    assert list(RetiredBadgeCode.objects.values_list("code", flat=True)) == [old]
    with pytest.raises(BadgeError) as refusal:
        check_in_badge(by=organiser_user, event=event, code=old, desk="A")
    assert refusal.value.code == "reissued"
    assert CheckIn.objects.count() == 0
    arrival = check_in_badge(by=organiser_user, event=event, code=new, desk="A")
    assert arrival.participant == participant
    assert AuditEntry.objects.filter(action="badge.reissued").count() == 1


def test_check_in_by_badge_records_desk_and_person(event, organiser_user):
    participant = ParticipantFactory(event=event)
    code = badge_for(participant).code
    arrival = check_in_badge(by=organiser_user, event=event, code=f"  {code} ", desk="Entrance A")
    assert (arrival.participant, arrival.desk, arrival.by) == (
        participant,
        "Entrance A",
        organiser_user,
    )
    entry = AuditEntry.objects.get(action="participant.checked_in")
    assert (entry.actor, entry.object_id, entry.data) == (
        organiser_user,
        str(participant.pk),
        {"desk": "Entrance A"},
    )


def test_second_check_in_is_refused_with_the_time_of_the_first(event, organiser_user):
    participant = ParticipantFactory(event=event)
    code = badge_for(participant).code
    first_time = datetime(2022, 9, 26, 7, 14, tzinfo=UTC)
    check_in(by=organiser_user, participant=participant, desk="A", at=first_time)
    with pytest.raises(AlreadyCheckedIn) as refusal:
        check_in_badge(by=organiser_user, event=event, code=code, desk="B")
    # 07:14 UTC is 09:14 in Prague, written as English pages write it.
    assert refusal.value.messages == ["Already checked in at 26 Sep 2022, 09:14, at desk A."]
    assert refusal.value.first.desk == "A"
    assert list(CheckIn.objects.values_list("desk", flat=True)) == ["A"]
    assert AuditEntry.objects.filter(action="participant.checked_in").count() == 1


@pytest.mark.parametrize(
    ("code", "reason"),
    [("", "empty"), ("no-such-code", "unknown"), ("other", "other-event")],
)
def test_bad_codes_are_refused_and_record_nothing(event, organiser_user, code, reason):
    if code == "other":
        code = badge_for(ParticipantFactory(event=EventFactory())).code
    with pytest.raises(BadgeError) as refusal:
        check_in_badge(by=organiser_user, event=event, code=code, desk="A")
    assert refusal.value.code == reason
    assert CheckIn.objects.count() == 0
    assert AuditEntry.objects.filter(action="participant.checked_in").count() == 0


def test_a_delegate_cannot_check_anyone_in(event, delegate):
    participant = ParticipantFactory(event=event)
    with pytest.raises(PermissionDenied):
        check_in(by=delegate.user, participant=participant)
    assert CheckIn.objects.count() == 0


def test_another_events_organiser_cannot_check_in(event):
    participant = ParticipantFactory(event=event)
    other_organiser = ParticipantFactory(role="organiser").person.user
    with pytest.raises(PermissionDenied):
        check_in_badge(by=other_organiser, event=event, code=badge_for(participant).code)
    assert CheckIn.objects.count() == 0


def test_arrivals_count_by_event_hour_and_role(
    event, organiser_user, django_assert_max_num_queries
):
    speakers = ParticipantFactory.create_batch(2, event=event, role="speaker")
    delegates = ParticipantFactory.create_batch(3, event=event)
    times = [
        datetime(2022, 9, 26, 6, 5, tzinfo=UTC),  # 8:05 in Prague
        datetime(2022, 9, 26, 6, 55, tzinfo=UTC),
        datetime(2022, 9, 26, 7, 10, tzinfo=UTC),
    ]
    for participant, at in zip([*speakers[:1], *delegates[:2]], times, strict=True):
        check_in(by=organiser_user, participant=participant, at=at)
    check_in(by=None, participant=ParticipantFactory(), at=times[0])  # another event
    with django_assert_max_num_queries(3):
        counted = arrivals(event)
    prague = zoneinfo.ZoneInfo("Europe/Prague")
    assert counted.total == 3
    assert counted.registered == 6
    assert counted.by_hour == [
        (datetime(2022, 9, 26, 8, 0, tzinfo=prague), 2),
        (datetime(2022, 9, 26, 9, 0, tzinfo=prague), 1),
    ]
    assert counted.by_role == [("Delegate", 2, 3), ("Speaker", 1, 2), ("Organiser", 0, 1)]


def test_is_checked_in_once_the_desk_says_so(event, organiser_user):
    participant = ParticipantFactory(event=event)
    assert is_checked_in(participant) is False
    check_in(by=organiser_user, participant=participant)
    assert is_checked_in(participant) is True
