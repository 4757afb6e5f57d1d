from django.core.management.base import BaseCommand, CommandError, CommandParser

from events.calendars.sync import feeds_sync
from events.sync_result import results_report
from places.models import Organisation


class Command(BaseCommand):
    help = (
        "Turn the registered iCal feeds of organisations into activities and occurrences, "
        "idempotently: changes, cancellations and deletions follow; activities made by hand "
        "are never touched. Exits non-zero, after syncing the others, when a calendar fails."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--organisation",
            type=int,
            help="Only the feeds of the organisation with this id.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Fetch and check every calendar, report what would change, change nothing.",
        )

    def handle(self, *args, **options) -> None:
        organisation_id = options["organisation"]
        if (
            organisation_id is not None
            and not Organisation.objects.filter(pk=organisation_id).exists()
        ):
            raise CommandError(f"No organisation with id {organisation_id}.")
        results = feeds_sync(organisation_id=organisation_id, dry_run=options["dry_run"])
        results_report(
            self, results, dry_run=options["dry_run"], what="calendar(s)", others="calendars"
        )
