"""The one interface for background work.

`enqueue(function, *args)` runs a registered task after the current transaction commits:
inline (tests, `TASKS_BACKEND=inline`), on small in-process thread pools (the default, so
page requests never wait for it), or on Celery workers (`TASKS_BACKEND=celery` with
`CELERY_BROKER_URL`). Tasks take ids, load what they need and call a service.

Work goes to one of two queues, so that a short task (an e-mail) never waits behind a long
one (a scheduler run of up to 300 s): `SHORT`, the default, and `LONG`, named when the task
is registered (`@task(queue=LONG)`). Each queue is its own thread pool in thread mode and its
own Celery queue in Celery mode, served by its own worker:

    celery -A modus.celery worker -Q short --beat
    celery -A modus.celery worker -Q long --concurrency 1
"""

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from celery import Celery
from django.apps import apps
from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import Max

log = logging.getLogger(__name__)
SHORT, LONG = "short", "long"
QUEUES = (SHORT, LONG)
# The models whose rows are the long queue's work; each writes `heartbeat_at` when its task
# claims it, as it goes and when it ends (see long_queue_seen).
LONG_QUEUE_JOBS = ("matchmaking.ScheduleRun", "events.BadgePrint")
REGISTRY: dict[str, Callable] = {}
QUEUE_OF: dict[str, str] = {}
_pools: dict[str, ThreadPoolExecutor] = {}
_pools_lock = threading.Lock()

# Configured lazily from the CELERY_* settings; used only when TASKS_BACKEND is "celery".
celery_app = Celery("modus")
celery_app.config_from_object("django.conf:settings", namespace="CELERY")
# Whatever names no queue (Celery beat's entries) is short work.
celery_app.conf.task_default_queue = SHORT


def task(function: Callable | None = None, *, queue: str = SHORT) -> Callable:
    """Register a function as a task under its dotted name, on the given queue."""
    if queue not in QUEUES:
        raise ValueError(f"unknown queue {queue!r}")

    def register(function: Callable) -> Callable:
        name = f"{function.__module__}.{function.__name__}"
        REGISTRY[name] = function
        QUEUE_OF[name] = queue
        return function

    return register(function) if function is not None else register


def name_of(function: Callable) -> str:
    name = f"{function.__module__}.{function.__name__}"
    if REGISTRY.get(name) is not function:
        raise ValueError(f"{name} is not a registered task")
    return name


def enqueue(function: Callable, *args) -> None:
    name = name_of(function)
    transaction.on_commit(lambda: dispatch(name, args))


def dispatch(name: str, args: tuple) -> None:
    backend = settings.TASKS_BACKEND
    queue = QUEUE_OF[name]
    if backend == "inline":
        run(name, args)
    elif backend == "celery":
        run.apply_async((name, list(args)), queue=queue)
    else:
        thread_pool(queue).submit(run_in_thread, name, args)


@celery_app.task(name="modus.run")
def run(name: str, args) -> None:
    REGISTRY[name](*args)


def run_in_thread(name: str, args: tuple) -> None:
    close_old_connections()
    try:
        run(name, args)
    except Exception:
        log.exception("background task %s failed", name)
    finally:
        close_old_connections()


def thread_pool(queue: str = SHORT) -> ThreadPoolExecutor:
    """The queue's pool of one thread: tasks of one queue run in order, queues side by side."""
    with _pools_lock:
        if queue not in _pools:
            _pools[queue] = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix=f"modus-task-{queue}"
            )
        return _pools[queue]


def long_queue_seen() -> datetime | None:
    """The long queue's last sign of life: the latest heartbeat of any of its jobs. Work
    queued behind others waits for them, so it is not cut off while the queue is alive."""
    marks = (
        apps.get_model(label).objects.aggregate(seen=Max("heartbeat_at"))["seen"]
        for label in LONG_QUEUE_JOBS
    )
    return max(filter(None, marks), default=None)
