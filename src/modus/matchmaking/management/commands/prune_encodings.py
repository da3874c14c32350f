"""`modus prune_encodings`: delete stored text encodings no profile uses any more (Celery
beat does it daily; run it from cron when beat is not used)."""

from django.core.management.base import BaseCommand

from modus.matchmaking.services.encodings import prune_encodings


class Command(BaseCommand):
    help = (
        "Delete the stored encodings of texts that no opportunity or profile has any more, "
        "once they are a day old."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{prune_encodings()} unused text encodings deleted")
