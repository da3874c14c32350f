"""The organiser's schedule review at event scale: queries and median time of its pages.

    .venv/bin/python bench/review.py [--people 10000] [--repeat 5]

Makes a fresh SQLite database (or uses DATABASE_URL, which it fills: give it an empty one)
with one event of that many people and 1.5 meetings a person, each placed in one of 3
sessions of 16 slots at one of the tables, written in bulk; then asks the review page
(first page, a later page, a table, a name), one meeting's move dialog and a participant's
agenda through Django's test client.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "modus.settings")
os.environ.setdefault("MODUS_DATA_DIR", tempfile.mkdtemp(prefix="modus-bench-review-"))
os.environ.setdefault("ALLOWED_HOSTS", "*")
os.environ.setdefault("DEBUG", "1")  # static files from the apps, no manifest needed
os.environ.setdefault("TASKS_BACKEND", "inline")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from modus.directory.models import Organisation, Person  # noqa: E402
from modus.events.models import Event, Participant  # noqa: E402
from modus.matchmaking.models import Meeting, MeetingSeat, Table  # noqa: E402
from modus.matchmaking.services import setup  # noqa: E402

SESSIONS, SLOTS = 3, 16


def build(people: int) -> tuple[Event, Participant, Participant, Meeting]:
    call_command("migrate", verbosity=0)
    User = get_user_model()
    event = Event.objects.create(
        name="Bench", slug="bench", start_date="2022-09-26", end_date="2022-09-28"
    )
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    slots = []
    for day in range(SESSIONS):
        starts_at = datetime(2022, 9, 26 + day, 8, tzinfo=UTC)
        session = setup.add_session(
            by=None, event=event, name=f"Day {day + 1}", starts_at=starts_at, slot_count=SLOTS
        )
        slots += list(session.slots.order_by("position"))
    meetings = people * 3 // 2
    per_slot = -(-meetings // len(slots))
    tables = Table.objects.bulk_create(
        Table(event=event, name=f"T{n + 1}") for n in range(per_slot)
    )
    organisation = Organisation.objects.create(
        name="Bench Org", slug="bench-org", country="CZ", kind="company"
    )
    users = User.objects.bulk_create(User(email=f"p{n}@bench.test") for n in range(people + 1))
    persons = Person.objects.bulk_create(
        Person(user=u, first_name="Eva", last_name=f"Person{n}", organisation=organisation)
        for n, u in enumerate(users)
    )
    participants = Participant.objects.bulk_create(
        Participant(event=event, person=p, role="delegate") for p in persons[:-1]
    )
    organiser = Participant.objects.create(event=event, person=persons[-1], role="organiser")
    rows, seats = [], []
    # Meeting m in slot m % slots at table m // slots: pairs chosen so no one meets twice at once.
    for m in range(meetings):
        slot = slots[m % len(slots)]
        rows.append(Meeting(event=event, slot=slot, table=tables[m // len(slots)]))
    rows = Meeting.objects.bulk_create(rows)
    for m, meeting in enumerate(rows):
        first = (2 * m) % people
        second = (2 * m + 1) % people
        for person in (first, second):
            seats.append(
                MeetingSeat(meeting=meeting, participant=participants[person], slot=meeting.slot)
            )
    MeetingSeat.objects.bulk_create(seats, batch_size=5000)
    waiting = Meeting.objects.create(event=event)
    MeetingSeat.objects.bulk_create(
        MeetingSeat(meeting=waiting, participant=participants[n]) for n in (0, 1)
    )
    lonely = Participant.objects.create(
        event=event,
        person=Person.objects.create(
            user=User.objects.create(email="lonely@bench.test"), first_name="No", last_name="One"
        ),
    )
    return event, organiser, lonely, waiting


def timed(client: Client, path: str, repeat: int) -> tuple[int, float, int]:
    headers = {"HX-Request": "true"} if "move" in path else {}
    client.get(path, headers=headers)  # warm up
    times = []
    for _ in range(repeat):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path, headers=headers)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return len(captured.captured_queries), statistics.median(times), len(response.content)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    event, organiser, lonely, waiting = build(args.people)
    meetings = Meeting.objects.filter(event=event).count()
    base = f"/events/{event.slug}/"
    client = Client()
    client.force_login(organiser.person.user)
    table = Table.objects.filter(event=event).order_by("pk").first()
    pages = {
        "review, first page": f"{base}manage/schedule/",
        "review, page 100": f"{base}manage/schedule/?page=100",
        "review, one table": f"{base}manage/schedule/?table={table.pk}",
        "review, a name": f"{base}manage/schedule/?q=Person4242",
        "move dialog": f"{base}manage/schedule/meetings/{waiting.pk}/move/",
    }
    print(
        f"Schedule review, {args.people:,} people, {meetings:,} meetings, "
        f"{connection.vendor}, median of {args.repeat}"
    )
    print("| page | queries | ms | KB |")
    print("|---|---:|---:|---:|")
    for label, path in pages.items():
        queries, ms, size = timed(client, path, args.repeat)
        print(f"| {label} | {queries} | {ms:.0f} | {size / 1024:.0f} |")
    client.force_login(lonely.person.user)
    client.get(f"{base}agenda/")
    queries, ms, size = timed(client, f"{base}agenda/", args.repeat)
    print(f"| agenda, no meeting | {queries} | {ms:.0f} | {size / 1024:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
