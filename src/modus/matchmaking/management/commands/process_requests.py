"""`modus process_requests`: remind and expire meeting requests (run every 15 minutes from cron
when Celery beat is not used)."""

from django.core.management.base import BaseCommand

from modus.matchmaking.services.requests import process_due_requests


class Command(BaseCommand):
    help = "Send reminders for unanswered meeting requests and expire overdue ones."

    def handle(self, *args, **options):
        reminded, expired = process_due_requests()
        self.stdout.write(f"{reminded} reminded, {expired} expired")
