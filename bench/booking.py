"""600 people booking 5 tours and 40 sessions at once, over HTTP, on PostgreSQL.

    .venv/bin/python bench/booking.py [--people 600] [--concurrency 50] [--workers 4]

gunicorn serves Modus on a fresh PostgreSQL database (bench/http_load.py). Every person
asks for a place on one of five tours (40 places each: most end on a waitlist) and on three
of 40 sessions with 30 seats (four parallel tracks, so some requests clash and are refused
with a message, which is an answer, not an error); then a hundred people with a tour place
cancel while as many newcomers book, so cancellations race promotions. The table gives
throughput, p50/p95 latency and errors (must be 0); then places over capacity (must be 0),
people holding two places on one bookable (must be 0), and free places left while someone
waits (must be 0).
"""

import argparse
import random
import sys
import zoneinfo
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from http_load import Call, bench_database, ceiling, fire, print_table, serve, session_cookie

TOURS, TOUR_PLACES = 5, 40
SESSIONS, SESSION_SEATS, TRACKS = 40, 30, 4
SESSIONS_EACH = 3
CANCELLERS = 100


def build(people: int):
    """The event, its tours and sessions, and `people` participants, through the services."""
    from modus.directory import services as directory
    from modus.directory.models import OrganisationKind
    from modus.events import programme
    from modus.events import services as events
    from modus.visits import services as visits

    first_day = date.today() + timedelta(days=30)
    zone = zoneinfo.ZoneInfo("Europe/Prague")
    event = events.create_event(
        by=None,
        name="Booking benchmark",
        slug="booking-bench",
        start_date=first_day,
        end_date=first_day + timedelta(days=1),
    )
    tours = []
    for number in range(TOURS):
        host = directory.create_organisation(
            by=None, name=f"Cluster {number}", kind=OrganisationKind.CLUSTER, country="CZ"
        )
        tours.append(
            visits.create_visit(
                event=event,
                by=None,
                host=host,
                title=f"Tour {number}",
                starts_at=datetime.combine(first_day + timedelta(days=1), datetime.min.time(), zone)
                + timedelta(hours=13, minutes=30),
                duration_minutes=300,
                meeting_point="Entrance 1",
                capacity=TOUR_PLACES,
            )
        )
    sessions = []
    for number in range(SESSIONS):
        slot, track = divmod(number, TRACKS)
        day, hour = divmod(slot, 5)
        starts = datetime.combine(first_day + timedelta(days=day), datetime.min.time(), zone)
        starts += timedelta(hours=8 + hour)
        sessions.append(
            programme.create_session(
                event=event,
                by=None,
                title=f"Session {number}",
                starts_at=starts,
                ends_at=starts + timedelta(minutes=50),
                track=f"Track {track}",
                capacity=SESSION_SEATS,
            )
        )
    participants = []
    for number in range(people):
        person = directory.create_person(
            by=None, email=f"p{number}@bench.example", first_name="Bench", last_name=f"P{number}"
        )
        participants.append(events.register(by=None, event=event, person=person))
    return event, tours, sessions, participants


def check(tours, sessions) -> dict:
    """What the requests left behind: the rules that must hold however they interleaved."""
    from django.db.models import Count

    over = doubled = starved = 0
    for bookable in [*tours, *sessions]:
        bookable.refresh_from_db()
        booked = bookable.places.filter(status="booked").count()
        waiting = bookable.places.filter(status="waiting").count()
        over += max(0, booked - bookable.capacity)
        # A waiter may be skipped only for a clash; tours clash with no session here.
        if bookable in tours and waiting and booked < bookable.capacity:
            starved += bookable.capacity - booked
        doubled += (
            bookable.places.values("participant").annotate(n=Count("pk")).filter(n__gt=1).count()
        )
    return {"over capacity": over, "two places": doubled, "free while waiting": starved}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with bench_database("booking") as database:
        event, tours, sessions, participants = build(args.people)
        sessions_by_slot = [sessions[i : i + TRACKS] for i in range(0, SESSIONS, TRACKS)]
        cookies = {p.pk: session_cookie(p.person.user) for p in participants}
        base_path = f"/events/{event.slug}"
        calls = []
        for participant in participants[: args.people - CANCELLERS]:
            tour = rng.choice(tours)
            calls.append(
                Call("POST", f"{base_path}/visits/{tour.pk}/book/", cookies[participant.pk])
            )
            for slot in rng.sample(sessions_by_slot, SESSIONS_EACH):
                session = rng.choice(slot)
                calls.append(
                    Call(
                        "POST",
                        f"{base_path}/programme/{session.pk}/attend/",
                        cookies[participant.pk],
                    )
                )
        rng.shuffle(calls)
        with serve(database, workers=args.workers) as base:
            booking = fire(base, calls, concurrency=args.concurrency)
            from modus.visits.models import TourBooking

            holders = list(
                TourBooking.objects.filter(status="booked")
                .select_related("bookable")
                .order_by("pk")[:CANCELLERS]
            )
            racing = [
                Call(
                    "POST",
                    f"{base_path}/visits/{place.bookable_id}/cancel/",
                    cookies[place.participant_id],
                )
                for place in holders
            ]
            racing += [
                Call("POST", f"{base_path}/visits/{rng.choice(tours).pk}/book/", cookies[p.pk])
                for p in participants[args.people - CANCELLERS :]
            ]
            rng.shuffle(racing)
            cancelling = fire(base, racing, concurrency=args.concurrency)
            top = ceiling(base, count=len(calls), concurrency=args.concurrency)
        print(
            f"Booking: {args.people} people, {TOURS} tours of {TOUR_PLACES} places, "
            f"{SESSIONS} sessions of {SESSION_SEATS} seats; {args.concurrency} at a time, "
            f"gunicorn {args.workers} workers on PostgreSQL"
        )
        print_table(
            [
                ("book tours and sessions", booking),
                ("cancel racing bookings", cancelling),
                ("ceiling /healthz", top),
            ],
            baseline=top,
        )
        rules = check(tours, sessions)
        for name, value in rules.items():
            print(f"{name:<28}{value:>9}")
        failed = booking.errors or cancelling.errors or any(rules.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
