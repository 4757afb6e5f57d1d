from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from core.imports import ImportRejected, import_rejected_report
from places.territory import ALL_OF_FLANDERS, territory_load


class Command(BaseCommand):
    # A data pipeline: the system checks run with migrate and the server, not per import.
    requires_system_checks = []
    help = (
        "Load real municipalities by NIS code (or 'flanders' for all of them) with their wijken "
        "and the OpenStreetMap civic points inside them, from the files shipped under data/. "
        "Idempotent, all or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "codes",
            nargs="+",
            metavar="CODE",
            help=f"NIS code of a municipality (Gent is 44021), several, or '{ALL_OF_FLANDERS}'; "
            "a comma-separated list works too.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count, then write nothing."
        )

    def handle(self, *args, **options) -> None:
        try:
            summary = territory_load(
                codes=options["codes"], progress=self.stderr._out, dry_run=options["dry_run"]
            )
        except ImportRejected as rejected:
            raise import_rejected_report(rejected, stderr=self.stderr, summary=False) from None
        names = ", ".join(summary.names[:5]) + (" …" if len(summary.names) > 5 else "")
        self.stdout.write(f"  {len(summary.names)} municipalities: {names}")
        self.stdout.write(f"  municipalities: {summary.municipalities}")
        self.stdout.write(f"  wijken: {summary.neighbourhoods}")
        self.stdout.write(f"  places: {summary.places}")
        prefix = "Dry run, nothing written: " if options["dry_run"] else "Territory loaded: "
        self.stdout.write(self.style.SUCCESS(f"{prefix}{summary.total}"))
        if not get_user_model().objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "No administrator yet. Create the first one with\n"
                "    .venv/bin/python manage.py createsuperuser\n"
                "then add the first organisation and its community workers (Organisations, "
                "Memberships) in the admin at /admin/."
            )
