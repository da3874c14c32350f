"""Model constraints of directory, events, accounts and common say what is wrong, readably."""

import datetime

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from modus.directory.models import Membership
from modus.events.models import Event, Participant
from tests.common.constraints import constraints_of, constraints_without_a_message
from tests.factories import EventFactory, MembershipFactory, ParticipantFactory

APPS = ("directory", "events", "accounts", "common")


def test_the_apps_have_constraints_to_check():
    assert len(constraints_of(*APPS)) == 11


def test_every_constraint_has_a_readable_translated_message():
    assert constraints_without_a_message(*APPS) == []


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["name", "slug", "start_date", "end_date", "time_zone"]


@pytest.mark.django_db
def test_an_event_ending_before_it_starts_gets_a_field_error_not_the_constraint_name():
    form = EventForm(
        {
            "name": "Conference",
            "slug": "conference",
            "start_date": "2022-09-27",
            "end_date": "2022-09-26",
            "time_zone": "Europe/Prague",
        }
    )
    assert not form.is_valid()
    assert form.errors == {"end_date": ["The last day cannot be before the first day."]}


@pytest.mark.django_db
def test_constraint_messages_reach_a_model_check():
    participant = ParticipantFactory()
    second = Participant(event=participant.event, person=participant.person)
    with pytest.raises(Exception) as raised:
        second.full_clean()
    assert raised.value.message_dict == {
        NON_FIELD_ERRORS: ["This person is already registered at this event."]
    }
    membership = MembershipFactory()
    with pytest.raises(Exception) as raised:
        Membership(member=membership.member, parent=membership.member).full_clean()
    assert raised.value.message_dict == {
        NON_FIELD_ERRORS: ["An organisation cannot be a member of itself."]
    }
    event = EventFactory.build(
        start_date=datetime.date(2022, 9, 27), end_date=datetime.date(2022, 9, 26)
    )
    with pytest.raises(Exception) as raised:
        event.full_clean()
    assert raised.value.message_dict["end_date"] == ["The last day cannot be before the first day."]
