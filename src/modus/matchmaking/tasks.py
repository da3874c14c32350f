"""Background work of matchmaking: run through `modus.tasks` (inline, thread or Celery)."""

from modus import tasks
from modus.matchmaking.services import requests


@tasks.task
def process_due_requests() -> None:
    requests.process_due_requests()
