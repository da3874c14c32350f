"""The settings module: the installation secret, and what production and the demo get."""

import json
import os
import secrets
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import modus
from modus import settings as modus_settings
from modus.settings import installation_secret

SOURCE = str(Path(modus.__file__).resolve().parent.parent)
SITE = "modus.example.org"
# What a production deployment behind a TLS-terminating proxy sets (see SECURITY.md).
PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": SITE,
    "CSRF_TRUSTED_ORIGINS": f"https://{SITE}",
    "SITE_URL": f"https://{SITE}",
    "SECURE_COOKIES": "1",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "TRUSTED_PROXY_COUNT": "1",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run_django(args: list[str], env: dict, data_dir: Path) -> subprocess.CompletedProcess:
    clean = {"PATH": os.environ.get("PATH", ""), "HOME": str(data_dir)}
    return subprocess.run(
        [sys.executable, *args],
        env={
            **clean,
            "PYTHONPATH": SOURCE,
            "DJANGO_SETTINGS_MODULE": "modus.settings",
            "MODUS_DATA_DIR": str(data_dir),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


SHOW = (
    "import json; from django.conf import settings as s; print(json.dumps({name: getattr(s, name,"
    " None) for name in ['DEBUG', 'SECURE_PROXY_SSL_HEADER', 'SECURE_SSL_REDIRECT',"
    " 'SECURE_HSTS_SECONDS', 'SESSION_COOKIE_SECURE', 'TRUSTED_PROXY_COUNT']}))"
)


def settings_under(env: dict, data_dir: Path) -> dict:
    done = run_django(["-c", SHOW], env, data_dir)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_check_deploy_passes_with_the_production_settings(tmp_path):
    done = run_django(
        ["-m", "django", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION, tmp_path
    )
    assert (done.returncode, done.stderr) == (0, "")
    # The one silenced: security.W021, the HSTS preload list, the domain owner's own choice.
    assert done.stdout == "System check identified no issues (1 silenced).\n"


def test_production_settings_trust_the_proxy_as_told(tmp_path):
    assert settings_under(PRODUCTION, tmp_path) == {
        "DEBUG": False,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_SECURE": True,
        "TRUSTED_PROXY_COUNT": 1,
    }


@pytest.mark.parametrize("header", ["x-forwarded-proto", "HTTP_X_FORWARDED_PROTO"])
def test_the_proxy_header_is_named_either_way(tmp_path, header):
    env = {**PRODUCTION, "SECURE_PROXY_SSL_HEADER": header}
    shown = settings_under(env, tmp_path)["SECURE_PROXY_SSL_HEADER"]
    assert shown == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_the_demo_over_plain_http_neither_redirects_nor_pins_https(tmp_path):
    assert settings_under({"DEBUG": "1"}, tmp_path) == {
        "DEBUG": True,
        "SECURE_PROXY_SSL_HEADER": None,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SESSION_COOKIE_SECURE": False,
        "TRUSTED_PROXY_COUNT": 0,
    }


REPORT_URI = (
    "import json; from django.conf import settings as s; print(json.dumps("
    "s.CONTENT_SECURITY_POLICY['DIRECTIVES'].get('report-uri')))"
)


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        (None, None),
        ("/csp-report", ["/csp-report"]),
        (" https://r.example/c ", ["https://r.example/c"]),
    ],
)
def test_violation_reports_go_where_csp_report_uri_says(tmp_path, given, sent):
    env = {} if given is None else {"CSP_REPORT_URI": given}
    done = run_django(["-c", REPORT_URI], env, tmp_path)
    assert (done.returncode, json.loads(done.stdout)) == (0, sent)


def test_a_report_uri_that_would_write_more_policy_is_refused(tmp_path):
    done = run_django(["-c", REPORT_URI], {"CSP_REPORT_URI": "/r; script-src *"}, tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: CSP_REPORT_URI is one address,"
        " not '/r; script-src *'"
    )


def test_the_secret_key_file_is_private_from_its_creation(tmp_path, monkeypatch):
    """Made with mode 0600, never made first and narrowed after (someone could read it then)."""

    def refuse(*args, **kwargs):
        raise AssertionError("the key file must be created private, not chmod-ed afterwards")

    monkeypatch.setattr(os, "chmod", refuse)
    previous = os.umask(0)
    try:
        key = installation_secret(tmp_path / "data" / ".secret_key")
    finally:
        os.umask(previous)
    path = tmp_path / "data" / ".secret_key"
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    assert path.read_text() == key
    assert len(key) >= 50
    assert installation_secret(path) == key
    assert sorted(child.name for child in path.parent.iterdir()) == [".secret_key"]


def test_two_processes_creating_the_key_at_once_agree_on_one(tmp_path, monkeypatch):
    """Both make a key before either stores it (the widened window); the loser reads the
    winner's key instead of using, or writing, its own."""
    path = tmp_path / ".secret_key"
    both_made_one = threading.Barrier(2, timeout=10)
    make_key = secrets.token_urlsafe

    def made_together(length):
        key = make_key(length)
        both_made_one.wait()
        return key

    monkeypatch.setattr(modus_settings.secrets, "token_urlsafe", made_together)
    keys = []
    threads = [
        threading.Thread(target=lambda: keys.append(installation_secret(path))) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 2
    assert keys[0] == keys[1] == path.read_text()
    assert sorted(child.name for child in tmp_path.iterdir()) == [".secret_key"]


REPOSITORY = str(Path(__file__).resolve().parent.parent)


def test_two_writers_on_the_sqlite_demo_database_never_hit_database_is_locked(tmp_path):
    """The demo's file-based SQLite: two confirmations of one preview at once, each having
    read before either writes. One wins; the other waits for it and is refused cleanly,
    never "database is locked" (a 500). Every connection, the task pool's too, writes
    ahead (WAL), begins IMMEDIATE and waits out a busy writer."""
    done = run_django(
        [str(Path(__file__).parent / "sqlite_race.py")],
        {
            "PYTHONPATH": f"{SOURCE}:{REPOSITORY}",
            "DEBUG": "1",
            "TASKS_BACKEND": "inline",
            "PASSWORD_HASHERS": "",
            # The confirmed import e-mails the person it registers; no mail server here.
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        },
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    expected_options = {"journal_mode": "wal", "busy_timeout_ms": 20000, "begin": "IMMEDIATE"}
    assert json.loads(done.stdout) == {
        "outcomes": ["confirmed", "refused"],
        "status": "done",
        "main": expected_options,
        "pool": expected_options,
    }
