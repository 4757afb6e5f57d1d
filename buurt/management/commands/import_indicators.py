from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from buurt.indicators import indicator_values_upsert, read_indicator_rows
from core.imports import ImportRejected, import_rejected_report


class Command(BaseCommand):
    help = (
        "Import indicator values from a CSV with the columns "
        "area_kind,area_code,indicator,year,value; all or nothing."
    )
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options) -> None:
        try:
            rows = read_indicator_rows(options["path"])
        except ImportRejected as rejected:
            raise import_rejected_report(rejected, stderr=self.stderr, summary=False) from None
        except (UnicodeDecodeError, ValueError) as error:
            raise CommandError(
                f"{options['path']} is not a readable UTF-8 CSV file: {error}."
            ) from None
        with transaction.atomic():
            summary = indicator_values_upsert(rows=rows)
            if options["dry_run"]:
                transaction.set_rollback(True)
        prefix = "Dry run, nothing written: " if options["dry_run"] else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{summary}"))
