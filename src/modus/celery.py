"""Celery workers for production.

Set TASKS_BACKEND=celery on the web servers and run a worker for each queue of
`modus.tasks`, so that e-mails never wait behind a scheduler run:

    celery -A modus.celery worker -Q short --beat
    celery -A modus.celery worker -Q long --concurrency 1
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
        "options": {"queue": "short"},
    },
    "matchmaking-stale-runs": {
        "task": "modus.run",
        "schedule": 5 * 60,
        "args": ["modus.matchmaking.services.scheduling.sweep_stale_runs", []],
        "options": {"queue": "short"},
    },
    "matchmaking-unused-encodings": {
        "task": "modus.run",
        "schedule": 24 * 60 * 60,
        "args": ["modus.matchmaking.services.encodings.sweep_encodings", []],
        "options": {"queue": "short"},
    },
    "events-stale-badge-prints": {
        "task": "modus.run",
        "schedule": 5 * 60,
        "args": ["modus.events.badge_print.sweep_stale_prints", []],
        "options": {"queue": "short"},
    },
    "events-stale-and-old-imports": {
        "task": "modus.run",
        "schedule": 5 * 60,
        "args": ["modus.events.registration_import.sweep_imports", []],
        "options": {"queue": "short"},
    },
}
