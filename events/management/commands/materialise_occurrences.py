from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from events.services import occurrences_materialise


class Command(BaseCommand):
    help = (
        "Roll the window of dated occurrences forward: from today to the horizon, every "
        "schedule's dates exist, cancelled ones marked. Run daily (cron or Celery beat)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.OCCURRENCE_HORIZON_DAYS,
            help="How far ahead, in days (default %(default)s).",
        )

    def handle(self, *args, **options) -> None:
        if options["days"] < 1:
            from django.core.management.base import CommandError

            raise CommandError("--days must be at least 1.")
        summary = occurrences_materialise(horizon_days=options["days"])
        self.stdout.write(self.style.SUCCESS(f"Occurrences: {summary}"))
