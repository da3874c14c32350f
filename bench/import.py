"""Registration import of 20,000 rows: checking, applying, and the old per-row path.

    .venv/bin/python bench/import.py [--rows 20000] [--postgres URL]

Runs on SQLite, and on PostgreSQL too when --postgres (or DATABASE_URL) names a server (a
fresh database `modus_bench_import` is created there). Each measurement runs in a fresh
database in its own process. Modus checks the file (read, validate, plan: what the preview
shows) and applies it with bulk writes in one transaction; the baseline, measured in the
same run on the same rows, is the old path: the same check, then one service call per row
(create_person, register) in one transaction. The ratio is baseline / Modus.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HEADER = "email,first_name,last_name,organisation,country,role,job_title,phone,languages\n"
ORGANISATIONS = 200


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--postgres", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--child", choices=["modus", "baseline"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    backends = [("SQLite", "")]
    if args.postgres.startswith(("postgres://", "postgresql://")):
        backends.append(("PostgreSQL", args.postgres))
    print(f"Registration import, {args.rows:,} new people at {ORGANISATIONS} organisations")
    print("| database | path | check s | apply s | total s | rows/s | ratio |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for label, url in backends:
        modus = run(url, "modus", args)
        baseline = run(url, "baseline", args)
        for name, row in (("Modus: bulk, one transaction", modus), ("old: per row", baseline)):
            total = row["check"] + row["apply"]
            ratio = (baseline["check"] + baseline["apply"]) / total
            print(
                f"| {label} | {name} | {row['check']:.2f} | {row['apply']:.2f} | {total:.2f} "
                f"| {args.rows / total:,.0f} | {ratio:.1f}× |"
            )
    return 0


def run(postgres_url: str, path: str, args) -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="modus.settings", TASKS_BACKEND="inline")
    env["MODUS_DATA_DIR"] = tempfile.mkdtemp(prefix="modus-bench-")
    env.pop("DATABASE_URL", None)
    if postgres_url:
        env["DATABASE_URL"] = fresh_postgres_database(postgres_url)
    command = [sys.executable, __file__, f"--child={path}", f"--rows={args.rows}"]
    output = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def fresh_postgres_database(url: str) -> str:
    import psycopg

    name = "modus_bench_import"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name


def synthetic_csv(rows: int) -> bytes:
    lines = [
        f"person{n}@bench.example,Person,Number {n},Organisation {n % ORGANISATIONS},CZ,"
        f"{'speaker' if n % 50 == 0 else ''},Engineer,+420 777 {n:06d},English\n"
        for n in range(rows)
    ]
    return (HEADER + "".join(lines)).encode()


def child(args) -> int:
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from modus.directory.models import Organisation
    from modus.events.models import Event
    from modus.events.registration_import import (
        load_existing,
        plan_rows,
        read_rows,
        validate,
        write,
    )

    call_command("migrate", verbosity=0)
    event = Event.objects.create(
        name="Bench", slug="bench", start_date="2026-05-01", end_date="2026-05-02"
    )
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Organisation {n}", slug=f"organisation-{n}", kind="company", country="CZ"
            )
            for n in range(ORGANISATIONS)
        ]
    )
    upload = SimpleUploadedFile("bench.csv", synthetic_csv(args.rows))

    started = time.perf_counter()
    valid, errors = validate(read_rows(upload))
    assert not errors, errors[:3]
    plan, errors = plan_rows(
        by=None, event=event, valid=valid, existing=load_existing(event, valid)
    )
    assert not errors, errors[:3]
    checked = time.perf_counter()
    if args.child == "modus":
        write(by=None, event=event, valid=valid, expected=plan)
    else:
        per_row(event, valid)
    applied = time.perf_counter()
    assert event.participants.count() == args.rows
    print(json.dumps({"check": checked - started, "apply": applied - checked}))
    return 0


def per_row(event, valid) -> None:
    """The import as it was: a lookup and a service call per row, in one transaction."""
    from django.db import transaction

    from modus.directory import services as directory_services
    from modus.directory.models import Person
    from modus.events import services as event_services
    from modus.events.models import Participant

    with transaction.atomic():
        organisations = {}
        for _number, data in valid:
            name = data["organisation"]
            if name.casefold() not in organisations:
                organisations[name.casefold()] = event_services.organisation_named(name)
            organisation = organisations[name.casefold()]
            person = Person.objects.filter(user__email__iexact=data["email"]).first()
            if person is None:
                person = directory_services.create_person(
                    by=None,
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    organisation=organisation,
                    country=data["country"],
                    job_title=data["job_title"],
                    phone=data["phone"],
                    languages=data["languages"],
                )
            if not Participant.objects.filter(event=event, person=person).exists():
                event_services.register(
                    by=None, event=event, person=person, role=data["role"] or "delegate"
                )


if __name__ == "__main__":
    sys.exit(main())
