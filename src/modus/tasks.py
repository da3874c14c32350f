"""The one interface for background work.

`enqueue(function, *args)` runs a registered task after the current transaction commits:
inline (tests, `TASKS_BACKEND=inline`), on a small in-process thread pool (the default, so
page requests never wait for it), or on Celery workers (`TASKS_BACKEND=celery` with
`CELERY_BROKER_URL`). Tasks take ids, load what they need and call a service.
"""

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from celery import Celery
from django.conf import settings
from django.db import close_old_connections, transaction

log = logging.getLogger(__name__)
REGISTRY: dict[str, Callable] = {}
_pool: ThreadPoolExecutor | None = None

# Configured lazily from the CELERY_* settings; used only when TASKS_BACKEND is "celery".
celery_app = Celery("modus")
celery_app.config_from_object("django.conf:settings", namespace="CELERY")


def task(function: Callable) -> Callable:
    """Register a function as a task under its dotted name."""
    REGISTRY[f"{function.__module__}.{function.__name__}"] = function
    return function


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
    if backend == "inline":
        run(name, args)
    elif backend == "celery":
        run.delay(name, list(args))
    else:
        thread_pool().submit(run_in_thread, name, args)


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


def thread_pool() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="modus-task")
    return _pool
