"""Names in the reader's order, on SQLite and PostgreSQL alike."""

import pytest
from django.urls import reverse
from django.utils import translation

from modus.common.collation import czech_key, default_key, in_reading_order
from modus.directory.models import Person
from modus.events.models import Participant
from tests.factories import ParticipantFactory, PersonFactory

NAMES = ["Žák", "Nováková", "Černá", "Chalupa", "Cibulka", "Hrubý", "Šťastný", "Ševčík",
         "Řezník", "Rada", "zelený", "Ádám", "Adam"]  # fmt: skip
CZECH_ORDER = ["Adam", "Ádám", "Cibulka", "Černá", "Hrubý", "Chalupa", "Nováková", "Rada",
               "Řezník", "Ševčík", "Šťastný", "zelený", "Žák"]  # fmt: skip
DEFAULT_ORDER = ["Adam", "Ádám", "Černá", "Chalupa", "Cibulka", "Hrubý", "Nováková", "Rada",
                 "Řezník", "Ševčík", "Šťastný", "Žák", "zelený"]  # fmt: skip


def test_the_keys_sort_as_czech_and_as_unicodes_default():
    assert sorted(NAMES, key=czech_key) == CZECH_ORDER
    assert sorted(NAMES, key=default_key) == DEFAULT_ORDER


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [("cs", CZECH_ORDER), ("en", DEFAULT_ORDER)])
def test_the_database_sorts_as_the_readers_language(language, expected):
    for name in NAMES:
        PersonFactory(last_name=name)
    with translation.override(language):
        order = in_reading_order("last_name")
        names = list(Person.objects.order_by(*order, "pk").values_list("last_name", flat=True))
    assert names == expected


@pytest.mark.django_db
def test_the_participant_list_puts_accented_names_in_place_on_a_czech_page(client):
    event = ParticipantFactory(person__last_name="Adam").event
    for name in ("Žák", "Černá", "Cibulka", "Dvořák"):
        ParticipantFactory(event=event, person__last_name=name)
    organiser = ParticipantFactory(
        event=event, role=Participant.Role.ORGANISER, person__last_name="Novák"
    )
    client.force_login(organiser.person.user)
    response = client.get(
        reverse("events:participants", args=[event.slug]), HTTP_ACCEPT_LANGUAGE="cs"
    )
    listed = [p.person.last_name for p in response.context["page"]]
    assert listed == ["Adam", "Cibulka", "Černá", "Dvořák", "Novák", "Žák"]
