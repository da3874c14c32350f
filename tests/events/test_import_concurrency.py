"""Racing imports on PostgreSQL: real threads, real transactions, one winner."""

import functools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from modus.directory.models import Person
from modus.events.models import RegistrationImport
from modus.events.registration_import import apply_import, confirm_import, start_import
from tests.concurrency import race
from tests.factories import EventFactory, ParticipantFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

FILE = b"email,first_name,last_name,country\nnew@example.org,New,Person,CZ\n"


race = functools.partial(race, success="confirmed")


def checked_import(event, organiser) -> RegistrationImport:
    registration_import = start_import(
        by=organiser.user, event=event, uploaded=SimpleUploadedFile("r.csv", FILE)
    )
    registration_import.refresh_from_db()
    assert registration_import.status == "ready"
    return registration_import


def test_two_confirmations_of_one_preview_apply_it_once():
    event = EventFactory()
    organiser = ParticipantFactory(event=event, role="organiser").person
    registration_import = checked_import(event, organiser)
    confirm = lambda: confirm_import(  # noqa: E731
        by=organiser.user,
        registration_import=registration_import,
        digest=registration_import.digest,
    )
    assert race([confirm, confirm]) == ["confirmed", "refused"]
    registration_import.refresh_from_db()
    assert registration_import.status == "done"
    assert Person.objects.filter(user__email="new@example.org").count() == 1


def test_two_imports_of_one_new_person_applied_at_once_write_one_person():
    event = EventFactory()
    organiser = ParticipantFactory(event=event, role="organiser").person
    imports = [checked_import(event, organiser) for _ in range(2)]
    RegistrationImport.objects.update(status="queued")
    for registration_import in imports:
        registration_import.refresh_from_db()
    outcomes = race([lambda i=i: apply_import(registration_import=i) for i in imports])
    assert outcomes == ["confirmed", "confirmed"]  # neither raised: both finished
    statuses = sorted(RegistrationImport.objects.values_list("status", flat=True))
    assert statuses == ["done", "failed"]
    assert Person.objects.filter(user__email="new@example.org").count() == 1
    assert event.participants.count() == 2
