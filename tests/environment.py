"""What tests run with: fast settings, and data built once for many tests."""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings

from tests.vocabularies import restore_vocabularies


@cache
def private_root() -> Path:
    """One folder per test process for private files (badge PDFs), outside the checkout."""
    return Path(tempfile.mkdtemp(prefix="modus-test-private-"))


def fast_settings() -> dict:
    """Fast password hashing, tasks run at once, plain static files, private files in a
    temporary folder."""
    return {
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "PRIVATE_ROOT": private_root(),
        "TASKS_BACKEND": "inline",
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    }


@contextmanager
def rolled_back(django_db_blocker) -> Iterator[None]:
    """The database for a fixture wider than one test, in a transaction rolled back at its
    end. Each test runs in a savepoint inside it and is rolled back to what the fixture
    built, as with Django's setUpTestData."""
    with django_db_blocker.unblock(), override_settings(**fast_settings()), transaction.atomic():
        restore_vocabularies()
        yield
        transaction.set_rollback(True)
