"""`modus fail_stale_runs`: mark failed the scheduler runs that a restart cut off. Run it when
the web servers or the workers start (and from cron when Celery beat is not used)."""

from django.core.management.base import BaseCommand

from modus.matchmaking.services.scheduling import fail_stale_runs


class Command(BaseCommand):
    help = (
        "Mark scheduler runs with no sign of life for longer than their time limit and "
        "SCHEDULER_STALE_MARGIN as failed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Mark every queued or running run failed: for the start of the only process "
            "that runs them (one web server with TASKS_BACKEND=thread, or the one long-queue "
            "Celery worker).",
        )

    def handle(self, *args, **options):
        failed = fail_stale_runs(every=options["all"])
        self.stdout.write(f"{failed} stale scheduler runs marked failed")
