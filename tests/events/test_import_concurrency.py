"""Racing imports on PostgreSQL: real threads, real transactions, one winner."""

import functools
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from modus.directory.models import Person
from modus.events import registration_import as registration_import_module
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


def test_an_import_marked_failed_while_it_writes_writes_nothing(monkeypatch):
    event = EventFactory()
    organiser = ParticipantFactory(event=event, role="organiser").person
    registration_import = checked_import(event, organiser)
    RegistrationImport.objects.filter(pk=registration_import.pk).update(status="queued")
    registration_import.refresh_from_db()
    writing, swept = threading.Event(), threading.Event()
    create_people = registration_import_module.create_people

    def create_people_then_wait(**kwargs):
        people = create_people(**kwargs)
        writing.set()
        assert swept.wait(timeout=60)
        return people

    monkeypatch.setattr(registration_import_module, "create_people", create_people_then_wait)

    def apply() -> None:
        try:
            apply_import(registration_import=registration_import)
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as pool:
        applying = pool.submit(apply)
        assert writing.wait(timeout=60)
        # The sweep, on its own connection, while the writer's transaction is open.
        assert registration_import_module.fail_stale_imports(every=True) == 1
        swept.set()
        applying.result()
    registration_import.refresh_from_db()
    assert registration_import.status == "failed"
    assert not Person.objects.filter(user__email="new@example.org").exists()
