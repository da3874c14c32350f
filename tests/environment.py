"""What tests run with: fast settings, and data built once for many tests."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings

from tests.vocabularies import restore_vocabularies


def fast_settings() -> dict:
    """Fast password hashing, tasks run at once, plain static files."""
    return {
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
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
