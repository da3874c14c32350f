"""`modus fail_stale_runs`: mark failed the scheduler runs that a restart cut off. Run it when
the web servers or the workers start (and from cron when Celery beat is not used)."""

from django.core.management.base import BaseCommand

from modus.matchmaking.services.scheduling import fail_stale_runs


class Command(BaseCommand):
    help = "Mark scheduler runs with no sign of life for longer than their time limit as failed."

    def handle(self, *args, **options):
        self.stdout.write(f"{fail_stale_runs()} stale scheduler runs marked failed")
