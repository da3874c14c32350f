"""Matchmaking list pages at one event of 20,000 participants: median time and queries.

    .venv/bin/python bench/matchmaking_lists.py [--participants 20000] [--repeat 9]

A fresh SQLite database in a temporary folder: every participant has two offers, one in
ten a hidden profile; the viewer has 300 requests waiting, 20 of their own, 30 stored
suggestions and 300 notifications. Each page is fetched through the whole Django stack
(test client, signed in); the table gives the median time and the number of queries.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

PAGES = [
    ("marketplace, first page", "marketplace/"),
    ("marketplace, page 500", "marketplace/?page=500"),
    ("marketplace, search", "marketplace/?q=laser"),
    ("marketplace, search in Czech", "marketplace/?q=laserov%C3%A1+optika"),
    ("recommendations", "recommendations/"),
    ("inbox", "meetings/"),
    ("inbox, page 10", "meetings/?page=10"),
    ("notifications", "notifications/"),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="modus.settings", ALLOWED_HOSTS="testserver")
    env["MODUS_DATA_DIR"] = tempfile.mkdtemp(prefix="modus-bench-")
    env.pop("DATABASE_URL", None)
    command = [sys.executable, __file__, "--child", f"--participants={args.participants}"]
    command.append(f"--repeat={args.repeat}")
    output = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    rows = json.loads(output.strip().splitlines()[-1])
    print(f"Matchmaking lists, {args.participants:,} participants, median of {args.repeat} runs")
    print("| page | ms | queries |")
    print("|---|---:|---:|")
    for row in rows:
        print(f"| {row['page']} | {row['ms']:.1f} | {row['queries']} |")
    return 0


def child(args) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # No collectstatic here: serve static names as they are.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TASKS_BACKEND = "inline"

    call_command("migrate", verbosity=0)
    event, viewer = populate(args.participants)
    rows = [
        measure(name, f"/events/{event.slug}/{path}", viewer, args.repeat) for name, path in PAGES
    ]
    print(json.dumps(rows))
    return 0


def populate(count: int):
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from modus.directory.models import Opportunity, Organisation, Person
    from modus.directory.wordforms import document_keys
    from modus.events.models import Event, Participant
    from modus.matchmaking.models import MeetingRequest, Notification, Recommendation
    from modus.matchmaking.services import setup

    User = get_user_model()
    with transaction.atomic():
        event = Event.objects.create(
            name="Bench", slug="bench", start_date="2022-09-26", end_date="2022-09-27"
        )
        setup.add_session(
            by=None,
            event=event,
            name="Day 1",
            starts_at=datetime(2022, 9, 26, 12, tzinfo=UTC),
            slot_count=12,
        )
        setup.add_tables(by=None, event=event, count=40)
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(name=f"Org {i}", slug=f"org-{i}", country="CZ", kind="company")
                for i in range(count // 4)
            ],
            batch_size=5000,
        )
        users = User.objects.bulk_create(
            [User(email=f"p{i}@bench.example", password="!") for i in range(count)],
            batch_size=5000,
        )
        people = Person.objects.bulk_create(
            [
                Person(
                    user=user,
                    first_name="P",
                    last_name=str(i),
                    organisation=organisations[i % len(organisations)],
                    visibility="hidden" if i % 10 == 9 else "participants",
                )
                for i, user in enumerate(users)
            ],
            batch_size=5000,
        )
        participants = Participant.objects.bulk_create(
            [Participant(event=event, person=person) for person in people], batch_size=5000
        )
        # bulk_create skips save(), which keeps the search keys: written here as it would.
        Opportunity.objects.bulk_create(
            [
                Opportunity(
                    person=person,
                    direction=direction,
                    kind="product",
                    title=title,
                    search_keys=document_keys(f"{title} "),
                    title_keys=document_keys(title),
                )
                for i, person in enumerate(people)
                for direction, title in (
                    ("offer", f"Laser optics {i}"),
                    ("request", f"Sensor partner {i}"),
                )
            ],
            batch_size=5000,
        )
        viewer = participants[0]
        expires = datetime.now(UTC) + timedelta(days=7)
        MeetingRequest.objects.bulk_create(
            [
                MeetingRequest(event=event, requester=p, recipient=viewer, expires_at=expires)
                for p in participants[1:301]
            ]
            + [
                MeetingRequest(event=event, requester=viewer, recipient=p, expires_at=expires)
                for p in participants[301:321]
            ]
        )
        Recommendation.objects.bulk_create(
            [
                Recommendation(participant=viewer, other=p, rank=rank, score=1.0 / rank)
                for rank, p in enumerate(participants[400:430], start=1)
            ]
        )
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient=viewer,
                    kind="request-received",
                    data={"name": f"P {i}"},
                    about=participants[i],
                )
                for i in range(1, 301)
            ]
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return event, viewer


def measure(name: str, url: str, viewer, repeat: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(viewer.person.user)
    assert client.get(url).status_code == 200, url  # warm caches and the due-request run
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    return {"page": name, "ms": statistics.median(times), "queries": len(queries)}


if __name__ == "__main__":
    sys.exit(main())
