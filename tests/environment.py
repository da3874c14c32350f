"""Settings every test runs with: fast password hashing, tasks run at once, plain static files."""

from django.conf import settings


def fast_settings() -> dict:
    return {
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "TASKS_BACKEND": "inline",
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    }
