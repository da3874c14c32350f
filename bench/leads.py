"""2,000 badge scans fired at once at stands through HTTP, on gunicorn and PostgreSQL.

    PYTHONPATH=src .venv/bin/python bench/leads.py [--scans 2000] [--concurrency 40]

Twenty stands' staff scan 400 visitors, many of them twice or more at the same stand at
the same moment; afterwards every (stand, visitor) pair must be exactly one lead and the
leads' scan counts must add up to the scans that succeeded. The table compares the scans
with the server's ceiling (/healthz under the same load).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.http_load import (
    Call,
    LoadResult,
    bench_database,
    ceiling,
    fire,
    print_table,
    serve,
    session_cookie,
)

STANDS = 20
VISITORS = 400


@dataclass(frozen=True)
class Scan:
    """One scan: the stand's address, its staff's session, the visitor's badge code."""

    event_slug: str
    stand_id: int
    session: str
    code: str


def fire_lead_scans(base: str, scans: Sequence[Scan], *, concurrency: int = 40) -> LoadResult:
    """POST every scan to its stand's scanner on the running server at `base`, `concurrency`
    at a time; a scan that does not end in the redirect to its lead counts as an error."""
    calls = [
        Call(
            "POST",
            f"/events/{scan.event_slug}/stands/{scan.stand_id}/scan/",
            session=scan.session,
            data={"code": scan.code},
            label=f"stand {scan.stand_id}",
        )
        for scan in scans
    ]
    return fire(base, calls, concurrency=concurrency)


def build_fair(rng: random.Random, scan_count: int) -> list[Scan]:
    """An event with STANDS stands (one staff member each) and VISITORS badges; the scans
    pick a stand and a visitor at random, so many pairs are scanned more than once."""
    from datetime import date

    from modus.accounts.models import User
    from modus.directory.models import Organisation, Person
    from modus.events.badges import badge_for
    from modus.events.models import Event, Participant
    from modus.stands import services

    event = Event.objects.create(
        name="Lead bench",
        slug="lead-bench",
        start_date=date(2022, 9, 26),
        end_date=date(2022, 9, 27),
    )
    organisation = Organisation.objects.create(
        name="Bench Ltd", slug="bench-ltd", kind="company", country="CZ"
    )
    users = User.objects.bulk_create(
        User(email=f"fair-person{n}@bench.example") for n in range(STANDS + VISITORS)
    )
    people = Person.objects.bulk_create(
        Person(user=user, first_name="Bench", last_name=f"Person {n}", organisation=organisation)
        for n, user in enumerate(users)
    )
    participants = Participant.objects.bulk_create(
        Participant(event=event, person=person, role="exhibitor" if n < STANDS else "delegate")
        for n, person in enumerate(people)
    )
    hall = services.save_hall(by=None, event=event, name="Hall", width=100, height=10)
    stands = [
        (
            services.add_stand(
                by=None,
                event=event,
                number=f"S{n + 1}",
                name=f"Stand {n + 1}",
                hall=hall,
                x=5 * n,
                staff=[participants[n]],
            ),
            session_cookie(users[n]),
        )
        for n in range(STANDS)
    ]
    codes = [badge_for(visitor).code for visitor in participants[STANDS:]]
    scans = []
    for _ in range(scan_count):
        stand, session = rng.choice(stands)
        scans.append(Scan(event.slug, stand.pk, session, rng.choice(codes)))
    return scans


def check_leads(scans: Sequence[Scan], result: LoadResult) -> tuple[int, int, int]:
    """(distinct pairs scanned, leads stored, scans counted on them)."""
    from django.db.models import Sum

    from modus.stands.models import Lead

    pairs = len({(scan.stand_id, scan.code) for scan in scans})
    leads = Lead.objects.count()
    counted = Lead.objects.aggregate(total=Sum("scans"))["total"] or 0
    return pairs, leads, counted


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scans", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=40)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    with bench_database("leads") as database:
        scans = build_fair(random.Random(2022), args.scans)
        with serve(database, workers=args.workers) as base:
            top = ceiling(base, count=args.scans, concurrency=args.concurrency)
            result = fire_lead_scans(base, scans, concurrency=args.concurrency)
        pairs, leads, counted = check_leads(scans, result)
        print(
            f"{args.scans} scans at {STANDS} stands of {VISITORS} visitors, "
            f"{args.concurrency} at a time, {args.workers} gunicorn workers"
        )
        print_table([("ceiling /healthz", top), ("lead scans", result)], baseline=top)
        succeeded = result.count - len(result.errors)
        print(
            f"pairs scanned {pairs}, leads stored {leads}, "
            f"scans counted {counted} of {succeeded} that succeeded"
        )
        consistent = leads == pairs and counted == succeeded
        print("consistent" if consistent else "INCONSISTENT")
        return 0 if consistent and not result.errors else 1


if __name__ == "__main__":
    sys.exit(main())
