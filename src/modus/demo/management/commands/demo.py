"""`modus demo`: migrate, load the demo event if it is absent, print sign-in links, serve."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from modus.accounts.services import issue_sign_in_token, sign_in_url
from modus.demo.generator import DEMO_ACCOUNTS, build_demo, demo_exists


class Command(BaseCommand):
    help = "Set up the demo event (European Cluster Conference 2022) and serve it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve", action="store_true", help="Set up, print links, and stop."
        )
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, no_serve: bool, addrport: str, **options):
        # Links in e-mails and calendar feeds point where this demo serves, unless the
        # environment names the site's address.
        site = os.environ.get("SITE_URL") or f"http://{addrport}"
        with override_settings(SITE_URL=site.rstrip("/")):
            self.set_up_and_serve(no_serve, addrport)

    def set_up_and_serve(self, no_serve: bool, addrport: str) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if demo_exists():
            self.stdout.write("Demo data already loaded.")
        else:
            self.stdout.write("Loading the demo event (600 participants, 40 countries)…")
            # E-mails of the demo's own requests would flood the console: keep them in memory.
            with override_settings(
                TASKS_BACKEND="inline",
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            ):
                event = build_demo()
            self.stdout.write(self.style.SUCCESS(f"Loaded {event.name}."))
        self.print_accounts(addrport)
        if not no_serve:
            call_command("runserver", addrport, use_reloader=False)

    def print_accounts(self, addrport: str) -> None:
        base = f"http://{addrport}"
        self.stdout.write(f"\nModus is at {base}/  (e-mail goes to this console)\n")
        self.stdout.write(
            f"One-time sign-in links, valid {settings.SIGN_IN_LINK_MINUTES} minutes "
            f"(ask for a new one on {base}/accounts/sign-in/):"
        )
        users = get_user_model().objects
        for account in DEMO_ACCOUNTS:
            user = users.get(email=account.email)
            link = sign_in_url(issue_sign_in_token(user=user)).replace(settings.SITE_URL, base)
            self.stdout.write(f"  {account.label}: {account.email}\n    {link}")
            if account.password:
                self.stdout.write(
                    f"    password: {account.password}  ({base}/accounts/password/, {base}/admin/)"
                )
        self.stdout.write("")
