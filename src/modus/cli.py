"""The `modus` command: Django's management commands plus a few of our own.

`modus demo` migrates, loads the demo event if absent and serves it;
`modus schedule-instance FILE` solves a meeting-scheduling instance (JSON in, JSON out).
Anything else is handed to Django's `manage.py`.
"""

import os
import sys

from django.core.management import execute_from_command_line

from modus.matchmaking.scheduling import cli as scheduling_cli


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "schedule-instance":
        return scheduling_cli.main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "modus.settings")
    if args and args[0] == "demo":
        # The demo is a local trial: debug pages, static files from the apps, e-mail to the console.
        os.environ.setdefault("DEBUG", "1")
        os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    execute_from_command_line(["modus", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
