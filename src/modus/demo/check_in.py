"""The demo's badges and its first morning's arrivals: every participant has a badge, and
about half came through the four entrance desks between 8:00 and 10:30 on the first day."""

import random
import zoneinfo
from datetime import datetime, timedelta

from modus.events import services as events
from modus.events.models import Badge, Event

DESKS = ("Entrance A", "Entrance B", "Entrance C", "Entrance D")
SHARE_ARRIVED = 0.55


def build_check_ins(event: Event, seed: int, first=()) -> int:
    """Badges for all, then the arrivals, through the real services; how many arrived.
    Its own random stream, so the rest of the demo does not shift when this changes."""
    rng = random.Random(f"check-in-{seed}")
    events.issue_badges(by=None, event=event)
    opens = datetime.combine(event.start_date, datetime.min.time()).replace(
        hour=8, tzinfo=zoneinfo.ZoneInfo(event.time_zone)
    )
    # Printed the week before, as organisers do (the demo is built after its event).
    Badge.objects.filter(participant__event=event).update(issued_at=opens - timedelta(days=7))
    participants = list(event.participants.select_related("event").order_by("pk"))
    # The demo accounts (`first`) are among the arrivals, so they can try what check-in
    # opens (the on-site vote); the rest are drawn.
    early = [p for p in participants if p.person_id in {person.pk for person in first}]
    others = [p for p in participants if p not in early]
    drawn = rng.sample(others, round(len(participants) * SHARE_ARRIVED) - len(early))
    arrived = sorted(early + drawn, key=lambda p: p.pk)
    for participant in arrived:
        # Most come before the opening at 9:00: a triangle peaking at 8:40.
        minutes = rng.triangular(0, 150, 40)
        events.check_in(
            by=None,
            participant=participant,
            desk=rng.choice(DESKS),
            at=opens + timedelta(minutes=minutes),
        )
    return len(arrived)
