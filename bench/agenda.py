"""The personal agenda and busy times at event scale: queries and median time.

    .venv/bin/python bench/agenda.py [--people 20000] [--repeat 3]

Builds the event of bench/review.py (that many people, 1.5 placed meetings a person), adds
a made-up kind of entry ("tour": two a person, in memory, as a provider answers) and
measures a participant's agenda page, the meeting provider asked for everyone at once, and
the scheduler's instance built with and without the other kind's busy times.
"""

import argparse
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

# bench/review.py sets Django up (settings, django.setup()) as it is imported.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from review import build, timed

from modus.agenda import providers
from modus.agenda.providers import Entry
from modus.events.models import Participant
from modus.matchmaking.models import Slot
from modus.matchmaking.provider import MeetingProvider
from modus.matchmaking.services.scheduling import build_instance


class Tours:
    """Two tours a person, kept in memory: what a provider answers, without its queries."""

    kind = "tour"
    label = "Tour"

    def __init__(self, ids: list[int], slots: list[Slot]) -> None:
        self.by_participant = {}
        for n, pk in enumerate(ids):
            first, second = slots[n % len(slots)], slots[(n * 7 + 3) % len(slots)]
            self.by_participant[pk] = [
                Entry(
                    "tour",
                    f"tour:{pk}:{k}",
                    s.starts_at,
                    s.starts_at + timedelta(minutes=45),
                    "Tour",
                )
                for k, s in enumerate((first, second))
            ]

    def entries(self, participant_ids):
        return {pk: self.by_participant[pk] for pk in participant_ids if pk in self.by_participant}


def measured(function, repeat: int) -> tuple[int, float]:
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            function()
            times.append((time.perf_counter() - started) * 1000)
    return len(captured.captured_queries), statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    event = build(args.people)[0]
    ids = list(Participant.objects.filter(event=event).values_list("pk", flat=True))
    slots = list(Slot.objects.filter(session__event=event).order_by("starts_at"))
    print(f"Agenda, {args.people:,} people, {connection.vendor}, median of {args.repeat}")
    print("| what | queries | ms |")
    print("| --- | ---: | ---: |")
    queries, ms = measured(lambda: MeetingProvider().entries(ids), args.repeat)
    print(f"| meeting entries of everyone | {queries} | {ms:.0f} |")
    queries, ms = measured(lambda: build_instance(event), args.repeat)
    print(f"| scheduler instance, meetings only | {queries} | {ms:.0f} |")
    providers.register(Tours(ids, slots))
    queries, ms = measured(lambda: build_instance(event), args.repeat)
    print(f"| scheduler instance, with two tours a person | {queries} | {ms:.0f} |")
    client = Client()
    someone = Participant.objects.select_related("person__user").get(pk=ids[0])
    client.force_login(someone.person.user)
    queries, ms, _size = timed(client, f"/events/{event.slug}/agenda/", args.repeat)
    print(f"| agenda page, meetings and tours | {queries} | {ms:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
