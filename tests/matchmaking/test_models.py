"""Every table-wide rule of matchmaking says what is wrong in words, in both languages."""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from modus.matchmaking.forms import SettingsForm
from modus.matchmaking.services.setup import settings_for
from tests.factories import ParticipantFactory


def matchmaking_constraints():
    return [
        (model.__name__, constraint)
        for model in apps.get_app_config("matchmaking").get_models()
        for constraint in model._meta.constraints
    ]


def test_every_matchmaking_constraint_has_its_own_message():
    constraints = matchmaking_constraints()
    assert len(constraints) == 22
    plain = [
        f"{model}.{constraint.name}"
        for model, constraint in constraints
        if constraint.violation_error_message == constraint.default_violation_error_message
    ]
    assert plain == []


def test_every_constraint_message_is_in_czech():
    def messages(language: str) -> list[str]:
        with translation.override(language):
            return [str(c.violation_error_message) for _model, c in matchmaking_constraints()]

    english, czech = messages("en"), messages("cs")
    assert [en for en, cs in zip(english, czech, strict=True) if en == cs] == []


SETTINGS = {
    "request_mode": "opt-in",
    "scheduling_mode": "participants",
    "max_pending_requests": 20,
    "max_meetings_per_session": 8,
    "min_meetings_per_session": 0,
    "remind_after_hours": 200,
    "expire_after_hours": 100,
}
EXPIRY = (
    "A pending request must expire later than its reminder is sent: give more hours until "
    "expiry than until the reminder."
)


@pytest.mark.django_db
def test_a_reminder_after_the_expiry_is_a_field_error(fair):
    event, *_ = fair
    form = SettingsForm(SETTINGS, instance=settings_for(event))
    assert not form.is_valid()
    assert form.errors == {"expire_after_hours": [EXPIRY]}


@pytest.mark.django_db
def test_the_organisers_rules_form_shows_the_reminder_rule_and_changes_nothing(client, fair):
    event, *_ = fair
    organiser = ParticipantFactory(event=event, role="organiser")
    client.force_login(organiser.person.user)
    response = client.post(reverse("matchmaking:organiser", args=[event.slug]), SETTINGS)
    assert response.context["form"].errors == {"expire_after_hours": [EXPIRY]}
    page = response.content.decode()
    assert "matchmaking_expiry_after_reminder" not in page
    assert "is violated" not in page
    event.matchmaking.refresh_from_db()
    assert (event.matchmaking.remind_after_hours, event.matchmaking.expire_after_hours) == (48, 168)
