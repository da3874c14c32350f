"""Celery workers for production.

Run `celery -A modus.celery worker --beat` and set TASKS_BACKEND=celery on the web servers.
"""

import os

from modus.tasks import celery_app as app

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "modus.settings")

# Importing each app's tasks module fills the registry that `modus.run` looks names up in.
app.autodiscover_tasks()
app.conf.beat_schedule = {
    "matchmaking-due-requests": {
        "task": "modus.run",
        "schedule": 15 * 60,
        "args": ["modus.matchmaking.tasks.process_due_requests", []],
    },
}
