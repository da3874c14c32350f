"""The task interface: the same call runs inline, on the thread pool, or through Celery."""

import os
import subprocess
import sys
import threading

import pytest

from modus import tasks
from modus.matchmaking.services import notifications, scheduling

seen: list = []


@tasks.task
def remember(value, where=None) -> None:
    seen.append((value, threading.current_thread().name))


@pytest.fixture(autouse=True)
def clear():
    seen.clear()


def test_inline_runs_after_commit(settings, django_capture_on_commit_callbacks, db):
    settings.TASKS_BACKEND = "inline"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tasks.enqueue(remember, 1)
        assert seen == []
    assert len(callbacks) == 1
    assert seen == [(1, threading.current_thread().name)]


def test_thread_backend_runs_off_the_request_thread(
    settings, django_capture_on_commit_callbacks, db
):
    settings.TASKS_BACKEND = "thread"
    with django_capture_on_commit_callbacks(execute=True):
        tasks.enqueue(remember, 2)
    tasks.thread_pool().submit(lambda: None).result(timeout=10)  # waits for the queue to drain
    assert [value for value, _ in seen] == [2]
    assert seen[0][1].startswith("modus-task")


def test_celery_backend_goes_through_the_celery_task(
    settings, django_capture_on_commit_callbacks, db
):
    settings.TASKS_BACKEND = "celery"
    tasks.celery_app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            tasks.enqueue(remember, 3)
    finally:
        tasks.celery_app.conf.task_always_eager = False
    assert [value for value, _ in seen] == [3]


def test_only_registered_functions_can_be_enqueued(db):
    with pytest.raises(ValueError, match="not a registered task"):
        tasks.enqueue(print, 1)


started = threading.Event()
release = threading.Event()


@tasks.task(queue=tasks.LONG)
def hold() -> None:
    started.set()
    release.wait(timeout=30)


def test_a_short_task_runs_while_a_long_one_is_busy(
    settings, django_capture_on_commit_callbacks, db
):
    settings.TASKS_BACKEND = "thread"
    started.clear()
    release.clear()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            tasks.enqueue(hold)
        assert started.wait(timeout=10)
        with django_capture_on_commit_callbacks(execute=True):
            tasks.enqueue(remember, 4)
        tasks.thread_pool(tasks.SHORT).submit(lambda: None).result(timeout=10)
        # The long task is still running: the short one did not wait for it.
        assert not release.is_set()
        assert [value for value, _ in seen] == [4]
        assert seen[0][1].startswith("modus-task-short")
    finally:
        release.set()
    tasks.thread_pool(tasks.LONG).submit(lambda: None).result(timeout=10)


def test_celery_sends_each_task_to_its_queue(settings, monkeypatch, db):
    settings.TASKS_BACKEND = "celery"
    sent = []
    monkeypatch.setattr(tasks.run, "apply_async", lambda args, queue: sent.append((args[0], queue)))
    tasks.dispatch(tasks.name_of(hold), ())
    tasks.dispatch(tasks.name_of(remember), (5,))
    assert sent == [("tests.test_tasks.hold", "long"), ("tests.test_tasks.remember", "short")]


def test_the_scheduler_runs_on_the_long_queue():
    assert tasks.QUEUE_OF[tasks.name_of(scheduling.run_scheduler)] == "long"
    assert tasks.QUEUE_OF[tasks.name_of(notifications.send_notification_email)] == "short"


def in_a_celery_worker(expression: str) -> str:
    """What `expression` prints in a fresh process that imports what a worker imports: each
    app's tasks module, nothing else (`c` is modus.celery, `tasks` modus.tasks)."""
    code = (
        "import django; django.setup(); import modus.celery as c;"
        "c.app.loader.import_default_modules();"
        f"from modus import tasks; print({expression})"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "modus.settings"},
    ).stdout.strip()


def test_a_celery_worker_knows_every_matchmaking_task():
    out = in_a_celery_worker("sorted(n for n in tasks.REGISTRY if 'matchmaking' in n)")
    assert out == str(
        [
            "modus.matchmaking.services.encodings.sweep_encodings",
            "modus.matchmaking.services.notifications.send_notification_email",
            "modus.matchmaking.services.recommendations.recompute_recommendations",
            "modus.matchmaking.services.scheduling.run_scheduler",
            "modus.matchmaking.services.scheduling.sweep_stale_runs",
            "modus.matchmaking.tasks.process_due_requests",
        ]
    )


def test_every_periodic_task_is_known_to_a_celery_worker():
    unknown = in_a_celery_worker(
        "sorted(e['args'][0] for e in c.app.conf.beat_schedule.values()"
        " if e['args'][0] not in tasks.REGISTRY)"
    )
    assert unknown == "[]"
