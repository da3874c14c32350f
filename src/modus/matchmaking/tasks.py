"""Background work of matchmaking: run through `modus.tasks` (inline, thread or Celery)."""

from django.core.cache import cache

from modus import tasks

# The modules that define tasks, imported so that a Celery worker (which imports this module)
# knows every task name it may be sent.
from modus.matchmaking.services import notifications, recommendations, requests, scheduling

__all__ = ["notifications", "process_due_requests", "recommendations", "scheduling"]


@tasks.task
def process_due_requests() -> None:
    requests.process_due_requests()


def process_due_requests_soon() -> None:
    """Without Celery beat or cron, inbox visits keep reminders and expiry going: at most
    one background run every 15 minutes."""
    if cache.add("modus:due-requests-queued", True, timeout=15 * 60):
        tasks.enqueue(process_due_requests)
