"""Model constraints of directory, events, accounts and common say what is wrong, readably."""

import datetime

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from modus.accounts.models import SignInToken
from modus.directory.models import Membership, OrganisationJoinRequest
from modus.events.models import Event, Participant
from tests.common.constraints import constraints_of, constraints_without_a_message
from tests.factories import (
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    ParticipantFactory,
    PersonFactory,
    UserFactory,
)

APPS = ("directory", "events", "accounts", "common")


def test_the_apps_have_constraints_to_check():
    assert len(constraints_of(*APPS)) == 19


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
        "person": ["This person is already registered at this event."]
    }
    membership = MembershipFactory()
    with pytest.raises(Exception) as raised:
        Membership(member=membership.member, parent=membership.member).full_clean()
    assert raised.value.message_dict == {
        "parent": ["An organisation cannot be a member of itself."]
    }
    event = EventFactory.build(
        start_date=datetime.date(2022, 9, 27), end_date=datetime.date(2022, 9, 26)
    )
    with pytest.raises(Exception) as raised:
        event.full_clean()
    assert raised.value.message_dict["end_date"] == ["The last day cannot be before the first day."]


def test_every_constraint_names_the_field_its_message_belongs_to():
    unplaced = [
        name
        for name, constraint in constraints_of(*APPS)
        if not hasattr(model := apps.get_model(*name.split(".")[:2]), "constraint_fields")
        or constraint.name not in model.constraint_fields
        or model._meta.get_field(model.constraint_fields[constraint.name]) is None
    ]
    assert unplaced == []


def taken_email() -> dict:
    UserFactory(email="anna@example.org")
    return {"email": "Anna@Example.org", "usable_password": "false"}


def own_parent() -> dict:
    member = MembershipFactory().member
    return {"member": member.pk, "parent": member.pk}


def same_membership() -> dict:
    membership = MembershipFactory()
    return {"member": membership.member.pk, "parent": membership.parent.pk}


def registered_twice() -> dict:
    participant = ParticipantFactory()
    return {"event": participant.event.pk, "person": participant.person.pk, "role": "delegate"}


ADMIN_CASES = {
    "e-mail taken in other case": (
        "accounts_user",
        taken_email,
        "email",
        (
            "An account with this e-mail address already exists.",
            "Účet s touto e-mailovou adresou už existuje.",
        ),
    ),
    "own parent": (
        "directory_membership",
        own_parent,
        "parent",
        (
            "An organisation cannot be a member of itself.",
            "Organizace nemůže být členem sama sebe.",
        ),
    ),
    "membership twice": (
        "directory_membership",
        same_membership,
        "parent",
        ("This organisation is already a member there.", "Tato organizace tam už je členem."),
    ),
    "registered twice": (
        "events_participant",
        registered_twice,
        "person",
        (
            "This person is already registered at this event.",
            "Tato osoba už je na tuto akci registrována.",
        ),
    ),
}
LANGUAGES = {"en": 0, "cs": 1}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", ADMIN_CASES)
def test_a_posted_value_that_breaks_a_constraint_gets_the_message_on_its_field(
    client, staff_user, case, language
):
    model, bad_data, field, messages = ADMIN_CASES[case]
    data = bad_data()
    objects = apps.get_model(*model.split("_", 1)).objects.count()
    client.force_login(staff_user)
    response = client.post(
        reverse(f"admin:{model}_add"), data, headers={"accept-language": language}
    )
    assert response.status_code == 200, "the form was accepted"
    assert response.context["adminform"].form.errors == {field: [messages[LANGUAGES[language]]]}
    assert apps.get_model(*model.split("_", 1)).objects.count() == objects


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_check_constraints_report_on_their_field(language):
    # Forms refuse these values through their choices first; the constraints still guard
    # every other way in, and say which field is wrong.
    organisation = OrganisationFactory.build(country="X", kind="cosmetics")
    person = PersonFactory()
    open_request = OrganisationJoinRequest.objects.create(
        person=person, organisation=OrganisationFactory()
    )
    second_request = OrganisationJoinRequest(person=person, organisation=OrganisationFactory())
    lost_request = OrganisationJoinRequest(
        person=PersonFactory(), organisation=OrganisationFactory(), status="lost"
    )
    now = timezone.now()
    token = SignInToken(user=person.user, token_hash="x", created_at=now, expires_at=now)
    with translation.override(language):
        errors = [
            caught(organisation.validate_constraints),
            caught(second_request.validate_constraints),
            caught(lost_request.validate_constraints),
            caught(token.validate_constraints),
        ]
    english = [
        {
            "country": ["Enter the country as a two-letter ISO code, such as CZ."],
            "kind": ["Choose a kind of organisation from the list."],
        },
        {
            "organisation": [
                "You already have an open request to join an organisation; withdraw it "
                "before asking again."
            ],
        },
        {"status": ["Unknown status of a request to join."]},
        {"expires_at": ["A sign-in link must expire after it is made."]},
    ]
    with translation.override(language):
        expected = [
            {
                field: [translation.gettext(message) for message in messages]
                for field, messages in error.items()
            }
            for error in english
        ]
    assert errors == expected
    if language == "cs":
        assert expected[0]["country"] == ["Zadejte zemi dvoupísmenným kódem ISO, například CZ."]
    assert open_request.status == "pending"


def caught(check) -> dict:
    with pytest.raises(ValidationError) as raised:
        check()
    return raised.value.message_dict
