"""Background work of matchmaking: run through `modus.tasks` (inline, thread or Celery)."""

from django.core.cache import cache

from modus import tasks
from modus.matchmaking.services import requests


@tasks.task
def process_due_requests() -> None:
    requests.process_due_requests()


def process_due_requests_soon() -> None:
    """Without Celery beat or cron, inbox visits keep reminders and expiry going: at most
    one background run every 15 minutes."""
    if cache.add("modus:due-requests-queued", True, timeout=15 * 60):
        tasks.enqueue(process_due_requests)
