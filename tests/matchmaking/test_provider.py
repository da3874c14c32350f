"""Meetings as a kind of the personal agenda (matchmaking/provider.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from modus.agenda.providers import entries_for, notes_for, providers
from modus.matchmaking.provider import MeetingProvider
from modus.matchmaking.services import publishing, requests, setup
from tests.factories import ParticipantFactory
from tests.matchmaking.helpers import meet

pytestmark = pytest.mark.django_db


def slots_of(session):
    return list(session.slots.order_by("position"))


def name(participant) -> str:
    return f"{participant.person} ({participant.person.organisation})"


def test_matchmaking_registers_meetings_as_a_kind():
    assert [p.kind for p in providers() if isinstance(p, MeetingProvider)] == ["meeting"]


def test_each_person_sees_the_placed_meeting_with_the_others_and_the_place(fair):
    event, session, anna, ben, cyril = fair
    slot = slots_of(session)[1]
    meeting = meet(anna, ben, slot)
    found = MeetingProvider().entries([anna.pk, ben.pk, cyril.pk])
    (annas,) = found[anna.pk]
    assert (annas.kind, annas.key, annas.starts_at, annas.ends_at) == (
        "meeting",
        f"meeting:{meeting.pk}",
        slot.starts_at,
        slot.ends_at,
    )
    assert annas.title == f"Meeting with {name(ben)}"
    assert (annas.place, annas.detail, annas.url) == (
        "Table T1",
        "Day 1",
        f"/events/{event.slug}/meetings/",
    )
    assert (annas.busy, annas.shown) == (True, True)  # the participants picked the slot
    assert [e.title for e in found[ben.pk]] == [f"Meeting with {name(anna)}"]
    assert cyril.pk not in found


def test_a_cancelled_meeting_leaves_the_agenda(fair):
    event, session, anna, ben, cyril = fair
    meeting = meet(anna, ben, slots_of(session)[0])
    requests.cancel_meeting(meeting=meeting, by=anna)
    assert MeetingProvider().entries([anna.pk, ben.pk]) == {}


def test_a_drafted_meeting_takes_time_but_stays_hidden_until_published(fair):
    event, session, anna, ben, cyril = fair
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    meeting = meet(anna, ben)
    meet(anna, cyril)  # accepted, not placed: not in the agenda
    publishing.move_meeting(by=None, meeting=meeting, slot=slots_of(session)[2])
    (entry,) = MeetingProvider().entries([anna.pk])[anna.pk]
    assert (entry.busy, entry.shown) == (True, False)
    assert notes_for(anna.pk) == [
        "The organisers are drafting the time and table of 1 of your meetings; it appears "
        "here once they publish the schedule. You will get a notification."
    ]
    publishing.publish(by=None, event=event, state="provisional")
    (entry,) = entries_for([anna.pk])[anna.pk]
    assert entry.shown is True
    assert notes_for(anna.pk) == [
        "This schedule is provisional: times and tables may still change."
    ]
    publishing.publish(by=None, event=event, state="final")
    assert notes_for(anna.pk) == []


def test_many_people_take_the_same_queries_as_two(fair):
    event, session, anna, ben, cyril = fair
    meet(anna, ben, slots_of(session)[0])

    def queries(people) -> int:
        with CaptureQueriesContext(connection) as captured:
            MeetingProvider().entries([p.pk for p in people])
        return len(captured)

    two = queries([anna, ben])
    others = [ParticipantFactory(event=event) for _ in range(6)]
    for position, other in enumerate(others[:3], start=1):
        meet(anna, other, slots_of(session)[position])
    meet(others[3], others[4], slots_of(session)[0])
    everyone = [anna, ben, cyril, *others]
    assert queries(everyone) == two == 4  # meetings, their people, tables, settings
    assert sum(map(len, MeetingProvider().entries([p.pk for p in everyone]).values())) == 10
