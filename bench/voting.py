"""1,000 voters submitting their ballots at once against a running server on PostgreSQL.

    .venv/bin/python bench/voting.py [--voters 1000] [--concurrency 50] [--workers 4]

Each voter is an invited community member with a signed-in session; all send their online
ballot for one category at the same moment. Prints throughput, p50/p95 latency and errors
(must be 0), then the ballots and vote records counted in the database (must equal voters),
beside the server's ceiling (/healthz under the same load).
"""

import argparse
import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
# The server process imports this checkout's code too, not whichever `modus` is installed.
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])
)

from bench.http_load import (  # noqa: E402
    Call,
    bench_database,
    ceiling,
    fire,
    print_table,
    serve,
    session_cookie,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--voters", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    options = parser.parse_args()

    with bench_database("voting") as database:
        from django.contrib.auth import get_user_model
        from django.utils import timezone

        from modus.awards import services
        from modus.awards.models import Ballot, CommunityVoter, VoteRecord
        from modus.events.models import Participant
        from tests.factories import EventFactory, ParticipantFactory

        event = EventFactory(slug="voting-bench")
        organiser = ParticipantFactory(event=event, role=Participant.Role.ORGANISER).person.user
        award = services.add_award(by=organiser, event=event, name="Cluster Manager of the Year")
        nominees = [
            services.add_nominee(by=organiser, award=award, name=name, kind="person").pk
            for name in ("Alena Nováková", "Boris Beran", "Cecílie Černá")
        ]
        now = timezone.now()
        services.configure_phase(
            by=organiser,
            event=event,
            kind="online",
            opens_at=now - timedelta(minutes=5),
            closes_at=now + timedelta(hours=2),
            weight=50,
        )
        User = get_user_model()
        voters = User.objects.bulk_create(
            [User(email=f"voter{i}@community.example", password="!") for i in range(options.voters)]
        )
        CommunityVoter.objects.bulk_create(
            [CommunityVoter(event=event, email=user.email) for user in voters]
        )
        path = f"/events/{event.slug}/awards/{award.pk}/vote/"
        calls = [
            Call(
                "POST",
                path,
                session_cookie(user),
                {"phase": "online", "nominee": nominees[i % 3]},
                label=f"voter {i}",
            )
            for i, user in enumerate(voters)
        ]
        with serve(database, workers=options.workers) as base:
            top = ceiling(base, count=options.voters, concurrency=options.concurrency)
            result = fire(base, calls, concurrency=options.concurrency)
        print(
            f"{options.voters} voters, {options.concurrency} at a time, "
            f"{options.workers} gunicorn workers on PostgreSQL"
        )
        print_table([("ceiling /healthz", top), ("ballots", result)], baseline=top)
        ballots, records = Ballot.objects.count(), VoteRecord.objects.count()
        print(f"ballots counted: {ballots} (voters: {options.voters}); vote records: {records}")
        ok = not result.errors and ballots == records == options.voters
        print("OK" if ok else "FAILED")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
