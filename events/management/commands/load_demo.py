from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from buurt.imports import ImportRejected
from events.demo import demo_load


class Command(BaseCommand):
    help = (
        "Load the fictional demo territory Buurtegem (data/neighbourhoods/) with activities "
        "dated from today. Safe to run again."
    )

    def handle(self, *args, **options) -> None:
        try:
            summary = demo_load(directory=settings.DEMO_DATA_DIR, today=timezone.localdate())
        except (ImportRejected, FileNotFoundError) as error:
            raise CommandError(f"The demo could not be loaded: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {summary}"))
