from django.core.management.base import BaseCommand, CommandError, CommandParser

from events.models import UitSource
from events.sync_result import results_report
from events.uit.sync import sources_sync


class Command(BaseCommand):
    help = (
        "Turn the events that the registered UiTdatabank sources find (Search API v3) into "
        "activities and occurrences, idempotently: changes follow, cancelled or vanished "
        "events cancel their activities; activities made by hand are never touched. Exits "
        "non-zero, after syncing the others, when a source fails."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", type=int, help="Only the UiT source with this id.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Fetch and check every source, report what would change, change nothing.",
        )

    def handle(self, *args, **options) -> None:
        source_id = options["source"]
        if source_id is not None and not UitSource.objects.filter(pk=source_id).exists():
            raise CommandError(f"No UiT source with id {source_id}.")
        results = sources_sync(source_id=source_id, dry_run=options["dry_run"])
        results_report(
            self, results, dry_run=options["dry_run"], what="UiT source(s)", others="sources"
        )
