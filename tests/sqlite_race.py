"""Run by tests/test_settings.py in a fresh process, on a FILE-based SQLite database made
with the real settings (the test database is in memory, where SQLite locks differently).

Two threads confirm one import preview through the real service at once, each on its own
connection. Both read the import before either writes (the window is widened: each waits
for the other after its read, or gives up waiting when the other cannot start). Prints the
outcomes as JSON, and the options every connection got, the background pool's included.
"""

import contextlib
import json
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor

import django

django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from modus import tasks  # noqa: E402
from modus.events.models import RegistrationImport  # noqa: E402
from modus.events.registration_import import confirm_import, start_import  # noqa: E402
from tests.factories import EventFactory, ParticipantFactory  # noqa: E402

WAIT_FOR_THE_OTHER = 3  # seconds; reached only when the other thread cannot begin at all


def connection_options() -> dict:
    with connection.cursor() as cursor:
        journal = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        busy = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
    return {"journal_mode": journal, "busy_timeout_ms": busy, "begin": connection.transaction_mode}


def main() -> None:
    call_command("migrate", verbosity=0)
    event = EventFactory()
    organiser = ParticipantFactory(event=event, role="organiser").person
    upload = SimpleUploadedFile("r.csv", b"email,first_name,last_name\nnew@example.org,Ne,W\n")
    registration_import = start_import(by=organiser.user, event=event, uploaded=upload)
    registration_import.refresh_from_db()
    assert registration_import.status == "ready", registration_import.errors

    both_read = threading.Barrier(2)
    save = RegistrationImport.save

    def save_after_the_other_read(self, *args, **kwargs):
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait(timeout=WAIT_FOR_THE_OTHER)
        return save(self, *args, **kwargs)

    RegistrationImport.save = save_after_the_other_read
    start = threading.Barrier(2)

    def confirm() -> str:
        start.wait()
        try:
            confirm_import(
                by=organiser.user,
                registration_import=registration_import,
                digest=registration_import.digest,
            )
            return "confirmed"
        except ValidationError:
            return "refused"
        except Exception as error:  # what the page would answer with a 500
            traceback.print_exc()
            return f"{type(error).__name__}: {error}"
        finally:
            both_read.abort()  # the other need not wait once this one is done
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(lambda _: confirm(), range(2)))
    RegistrationImport.save = save
    registration_import.refresh_from_db()
    print(
        json.dumps(
            {
                "outcomes": outcomes,
                "status": registration_import.status,
                "main": connection_options(),
                "pool": tasks.thread_pool().submit(connection_options).result(),
            }
        )
    )


main()
