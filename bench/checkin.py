"""Check-in at the desks under load: 600 participants checked in through 4 desks as
concurrent HTTP requests against gunicorn on PostgreSQL, next to the server's ceiling (the
minimal /healthz view under the same load).

    .venv/bin/python bench/checkin.py                   # 600 check-ins, 4 desks, 4 in flight
    .venv/bin/python bench/checkin.py --concurrency 16  # 4 requests in flight at each desk

Each request is what a desk's scanner sends (POST of the badge code to the desk page, which
answers with the person and the live counts). Afterwards the database is checked: exactly
one check-in per participant, each desk's share as sent. Then 2,000 lead scans at 30
stands (bench/leads.py: random stand and visitor, so many pairs are scanned again), after
which each scanned pair must hold exactly one lead counting all its scans. Errors must be 0.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.http_load import (
    Call,
    bench_database,
    ceiling,
    fire,
    print_table,
    serve,
    session_cookie,
)
from bench.leads import build_fair, check_leads, fire_lead_scans

DESKS = ("Entrance A", "Entrance B", "Entrance C", "Entrance D")


def make_event(participants: int):
    """An event with `participants` badge holders and one organiser per desk."""
    from datetime import date

    from modus.accounts.models import User
    from modus.directory.models import Person
    from modus.events import services as events
    from modus.events.models import Participant

    event = events.create_event(
        by=None,
        name="Check-in benchmark",
        slug="checkin-bench",
        start_date=date(2022, 9, 26),
        end_date=date(2022, 9, 27),
    )
    users = User.objects.bulk_create(
        [User(email=f"person{number}@bench.example") for number in range(participants + 4)]
    )
    people = Person.objects.bulk_create(
        [
            Person(user=user, first_name="Person", last_name=f"{number:04}", country="CZ")
            for number, user in enumerate(users)
        ]
    )
    Participant.objects.bulk_create(
        [
            Participant(
                event=event,
                person=person,
                role=Participant.Role.ORGANISER if number >= participants else "delegate",
            )
            for number, person in enumerate(people)
        ]
    )
    events.issue_badges(by=None, event=event)
    organisers = list(User.objects.filter(person__participations__role="organiser").order_by("pk"))
    codes = list(
        event.participants.filter(role="delegate")
        .order_by("pk")
        .values_list("badge__code", flat=True)
    )
    return event, organisers, codes


def desk_session(user, desk: str) -> str:
    """A signed-in session whose desk is named, as the desk page's form leaves it."""
    from django.contrib.sessions.backends.db import SessionStore

    key = session_cookie(user)
    session = SessionStore(session_key=key)
    session["check_in_desk"] = desk
    session.save()
    return key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=len(DESKS))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--scans", type=int, default=2000)
    parser.add_argument("--scan-concurrency", type=int, default=40)
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=0,
        help="seconds the server keeps a database connection (Modus's default 0: one a request)",
    )
    options = parser.parse_args()
    os.environ["CONN_MAX_AGE"] = str(options.conn_max_age)

    with bench_database("checkin") as database:
        event, organisers, codes = make_event(options.participants)
        sessions = [desk_session(user, desk) for user, desk in zip(organisers, DESKS, strict=True)]
        path = f"/events/{event.slug}/check-in/"
        calls = [
            Call("POST", path, sessions[number % len(DESKS)], {"code": code}, "check-in")
            for number, code in enumerate(codes)
        ]
        scans = build_fair(random.Random(2022), options.scans)
        with serve(database, workers=options.workers) as base:
            # Warm every worker's connection and caches, so that neither load pays for it.
            fire(base, [Call("GET", "/healthz")] * 50, concurrency=options.concurrency)
            checked_in = fire(base, calls, concurrency=options.concurrency)
            top = ceiling(base, count=len(calls), concurrency=options.concurrency)
            scanned = fire_lead_scans(base, scans, concurrency=options.scan_concurrency)
            scan_top = ceiling(base, count=len(scans), concurrency=options.scan_concurrency)

        from django.db.models import Count

        from modus.events.models import CheckIn

        arrivals = CheckIn.objects.filter(participant__event=event)
        by_desk = dict(arrivals.values_list("desk").annotate(total=Count("pk")))
        print(
            f"{len(calls)} check-ins at {len(DESKS)} desks, {options.concurrency} requests in "
            f"flight, gunicorn {options.workers} workers × 4 threads, PostgreSQL, "
            f"CONN_MAX_AGE={options.conn_max_age}"
        )
        print_table(
            [("check-in (POST code)", checked_in), ("ceiling GET /healthz", top)], baseline=top
        )
        print(f"\n{len(scans)} lead scans, {options.scan_concurrency} requests in flight")
        print_table(
            [("lead scan (POST code)", scanned), ("ceiling GET /healthz", scan_top)],
            baseline=scan_top,
        )
        pairs, leads, counted = check_leads(scans, scanned)
        print(f"pairs scanned: {pairs}, leads stored: {leads}, scans counted: {counted}")
        if (leads, counted) != (pairs, len(scans)) or scanned.errors:
            sys.exit("FAILED: the leads do not match the scans")
        expected = {desk: len(calls[number :: len(DESKS)]) for number, desk in enumerate(DESKS)}
        print(f"check-ins recorded: {arrivals.count()} (by desk: {by_desk})")
        if arrivals.count() != len(calls) or by_desk != expected or checked_in.errors:
            sys.exit("FAILED: the database does not hold exactly one check-in per request")


if __name__ == "__main__":
    main()
