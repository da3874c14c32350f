"""`modus fail_stale_runs`: mark failed the scheduler runs, badge prints and registration
imports that a restart cut off, and delete registration imports past their retention. Run it
when the web servers or the workers start (and from cron when Celery beat is not used)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from modus.events.badge_print import fail_stale_prints
from modus.events.registration_import import delete_old_imports, fail_stale_imports
from modus.matchmaking.services.scheduling import fail_stale_runs


class Command(BaseCommand):
    help = (
        "Mark scheduler runs with no sign of life for longer than their time limit and "
        "SCHEDULER_STALE_MARGIN, badge prints with none for BADGE_PRINT_STALE_MINUTES, and "
        "registration imports unchanged for longer than IMPORT_STALE_MINUTES, as failed; "
        "delete registration imports older than IMPORT_RETENTION_DAYS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Mark every queued or running run and badge print failed: for the start of "
            "the only process that makes them (one web server with TASKS_BACKEND=thread, or "
            "the one long-queue Celery worker). With the thread backend, every unfinished "
            "import too.",
        )

    def handle(self, *args, **options):
        failed = fail_stale_runs(every=options["all"])
        # Badge prints run on the long queue, as the scheduler does.
        prints = fail_stale_prints(every=options["all"])
        # Imports run on the short queue: with Celery, the long-queue worker's start says
        # nothing about them; with threads, the starting process was the only one running them.
        imports = fail_stale_imports(every=options["all"] and settings.TASKS_BACKEND != "celery")
        deleted = delete_old_imports()
        self.stdout.write(
            f"{failed} stale scheduler runs marked failed, {prints} stale badge prints marked "
            f"failed, {imports} stale registration imports marked failed, {deleted} old "
            "registration imports deleted"
        )
