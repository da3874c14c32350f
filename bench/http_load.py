"""What the HTTP benchmarks share: Modus served by gunicorn on a fresh PostgreSQL database,
people signed in without the e-mail round trip, and many requests fired at once.

    with bench_database("booking") as database:          # created, migrated, dropped after
        people = make_people(...)                         # via the real services, in-process
        with serve(database, workers=4) as base:          # gunicorn on a free port
            calls = [Call("POST", f"/events/x/visits/1/book", person.user) ...]
            result = fire(base, calls, concurrency=50)
        print_table([("booking", result), ("ceiling /healthz", ceiling)])

The benchmark process itself uses Django against the same database (to set up data and to
count what the requests left behind), so `bench_database` must run before Django is set up.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432"
SECRET = "modus-http-benchmark-secret-not-for-production-" + "x" * 20
CSRF = "b" * 32  # Django accepts an unmasked 32-character secret in cookie and header alike

# What both the server and this process run with: the same database and secret, no
# HTTPS-only cookies, e-mail kept in memory, background work in a thread as in production.
SERVER_ENV = {
    "SECRET_KEY": SECRET,
    "DEBUG": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_COOKIES": "0",
    "SECURE_SSL_REDIRECT": "0",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "TASKS_BACKEND": "thread",
    "DJANGO_SETTINGS_MODULE": "modus.settings",
}


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql],
        check=True,
        capture_output=True,
        env={**os.environ, "PGOPTIONS": "--client-min-messages=warning"},
    )


@contextmanager
def bench_database(name: str) -> Iterator[str]:
    """A fresh PostgreSQL database for this run, migrated, with this process's Django set
    up on it; dropped afterwards. Yields its URL."""
    database = f"modus_bench_{name}_{os.getpid()}"
    _psql(f"DROP DATABASE IF EXISTS {database}")
    _psql(f"CREATE DATABASE {database}")
    url = f"{PG}/{database}"
    data_dir = tempfile.mkdtemp(prefix="modus-bench-")
    os.environ.update(SERVER_ENV, DATABASE_URL=url, MODUS_DATA_DIR=data_dir)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    # Without DEBUG, pages name their static files through the manifest collectstatic writes.
    call_command("collectstatic", interactive=False, verbosity=0)
    try:
        yield url
    finally:
        from django.db import connections

        connections.close_all()
        _psql(f"DROP DATABASE IF EXISTS {database}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(database_url: str, *, workers: int = 4, threads: int = 4) -> Iterator[str]:
    """gunicorn serving `modus.wsgi` on a free port; yields the base URL once it answers."""
    port = _free_port()
    # This checkout's code, whichever one the virtualenv was installed from.
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, **SERVER_ENV, "DATABASE_URL": database_url, "PYTHONPATH": path}
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "modus.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--worker-class=gthread",
        "--log-level=warning",
        "--timeout=120",
    ]
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(port, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_up(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped before it answered")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within a minute")


def session_cookie(user) -> str:
    """A signed-in session for `user`, made the way Django's login makes one."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


@dataclass(frozen=True)
class Call:
    """One request: POST data is form-encoded; `session` is a session key or ""."""

    method: str
    path: str
    session: str = ""
    data: dict = field(default_factory=dict)
    label: str = ""


@dataclass
class LoadResult:
    latencies: list[float]
    seconds: float
    errors: list[str]

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def throughput(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    @property
    def p50(self) -> float:
        return float(np.percentile(self.latencies, 50)) if self.latencies else 0.0

    @property
    def p95(self) -> float:
        return float(np.percentile(self.latencies, 95)) if self.latencies else 0.0


_local = threading.local()


def _connection(base: str) -> http.client.HTTPConnection:
    """One keep-alive connection per thread, as a browser keeps one per site."""
    if getattr(_local, "base", None) != base:
        parts = urllib.parse.urlsplit(base)
        _local.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        _local.base = base
    return _local.connection


def _send(base: str, call: Call) -> tuple[float, str]:
    """Time one request; an error is any answer but 2xx/3xx, or no answer."""
    cookies = [f"csrftoken={CSRF}"]
    if call.session:
        cookies.append(f"sessionid={call.session}")
    headers = {"Cookie": "; ".join(cookies), "X-CSRFToken": CSRF, "Referer": base + "/"}
    body = None
    if call.method == "POST":
        body = urllib.parse.urlencode(call.data, doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    started = time.perf_counter()
    for attempt in range(2):
        connection = _connection(base)
        try:
            connection.request(call.method, call.path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            break
        except (http.client.HTTPException, OSError) as error:
            # A kept-alive connection the server closed meanwhile: open a new one, once.
            connection.close()
            _local.base = None
            if attempt:
                return time.perf_counter() - started, f"{call.label or call.path}: {error}"
    elapsed = time.perf_counter() - started
    if response.status >= 400:
        return elapsed, f"{call.label or call.path}: HTTP {response.status}"
    return elapsed, ""


def fire(base: str, calls: Sequence[Call], *, concurrency: int) -> LoadResult:
    """Send every call, `concurrency` at a time, all threads released together."""
    barrier = threading.Barrier(min(concurrency, len(calls)))
    started_threads = threading.local()

    def run(call: Call) -> tuple[float, str]:
        if not getattr(started_threads, "ready", False):
            started_threads.ready = True
            with suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=30)
        return _send(base, call)

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        outcomes = list(pool.map(run, calls))
    seconds = time.perf_counter() - started
    return LoadResult(
        latencies=[elapsed for elapsed, _ in outcomes],
        seconds=seconds,
        errors=[error for _, error in outcomes if error],
    )


def ceiling(base: str, *, count: int, concurrency: int) -> LoadResult:
    """The cheapest page of the same server under the same load: what the stack can do."""
    return fire(base, [Call("GET", "/healthz")] * count, concurrency=concurrency)


def print_table(rows: Sequence[tuple[str, LoadResult]], baseline: LoadResult | None = None):
    """One line per load: requests, throughput, p50/p95 latency, errors and, when a
    baseline (the ceiling) is given, throughput as a share of it."""
    header = f"{'load':<28}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}"
    if baseline:
        header += f"{'of ceiling':>12}"
    print(header)
    for name, result in rows:
        line = (
            f"{name:<28}{result.count:>9}{result.throughput:>9.1f}"
            f"{result.p50 * 1000:>9.1f}{result.p95 * 1000:>9.1f}{len(result.errors):>8}"
        )
        if baseline:
            line += f"{result.throughput / baseline.throughput:>12.2f}"
        print(line)
    for name, result in rows:
        for error in result.errors[:5]:
            print(f"  {name}: {error}")
