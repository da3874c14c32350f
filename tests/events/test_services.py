from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from modus.events import services
from modus.events.models import CheckIn, Participant
from modus.matchmaking.models import MeetingRequest
from modus.matchmaking.services.requests import send_request
from tests.factories import EventFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_person_registers_once_per_event(event):
    person = PersonFactory()
    services.register(by=None, event=event, person=person)
    with pytest.raises(ValidationError, match="already registered"):
        services.register(by=None, event=event, person=person)
    services.register(by=None, event=EventFactory(), person=person)
    assert Participant.objects.filter(person=person).count() == 2


def test_unknown_role_is_refused(event):
    with pytest.raises(ValidationError):
        services.register(by=None, event=event, person=PersonFactory(), role="king")
    assert Participant.objects.count() == 0


def test_only_organisers_register_people(event, delegate, organiser):
    with pytest.raises(PermissionDenied):
        services.register(by=delegate.user, event=event, person=PersonFactory())
    services.register(by=organiser.user, event=event, person=PersonFactory())


def test_event_must_end_after_it_starts():
    with pytest.raises(ValidationError):
        services.create_event(
            by=None, name="X", slug="x", start_date=date(2022, 9, 27), end_date=date(2022, 9, 26)
        )


def test_one_who_withdrew_meanwhile_is_neither_checked_in_nor_asked_for_a_meeting():
    """The desk and the asker loaded the person before the withdrawal; their actions are
    refused with words, not failed on the missing row."""
    event = EventFactory()
    organiser = ParticipantFactory(event=event, role="organiser").person.user
    asker = ParticipantFactory(event=event)
    leaving = ParticipantFactory(
        event=event, person__first_name="Nora", person__last_name="Nováková"
    )
    services.withdraw_registration(by=leaving.person.user, participant=leaving)
    with pytest.raises(ValidationError) as refused:
        services.check_in(by=organiser, participant=leaving)
    assert refused.value.messages == ["Nora Nováková is no longer registered at this event."]
    with pytest.raises(ValidationError) as refused:
        send_request(by=asker, recipient=leaving)
    assert refused.value.messages == ["Nora Nováková is no longer registered at this event."]
    assert not CheckIn.objects.exists()
    assert not MeetingRequest.objects.exists()
