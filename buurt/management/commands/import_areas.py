from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from buurt.importers import AreaFileSpec, read_area_rows
from buurt.models import AreaKind
from buurt.services import areas_upsert
from core.imports import ImportRejected, import_rejected_report


class Command(BaseCommand):
    # A data pipeline: the system checks run with migrate and the server, not per import.
    requires_system_checks = []
    help = (
        "Import area boundaries (GeoJSON, Shapefile or GeoPackage) as areas of one kind; "
        "an upsert by code, all or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--kind", required=True, choices=AreaKind.values)
        parser.add_argument("--code-field", required=True)
        parser.add_argument("--name-field", required=True)
        parser.add_argument("--parent-kind", choices=AreaKind.values)
        parser.add_argument(
            "--parent-code-field",
            help="Field with the parent's code; without it, the parent is the area of "
            "--parent-kind that contains each area's point on surface.",
        )
        parser.add_argument("--population-field")
        parser.add_argument("--layer", help="Layer to read from a multi-layer file (GeoPackage).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count, then write nothing."
        )

    def handle(self, *args, **options) -> None:
        spec = AreaFileSpec(
            kind=options["kind"],
            code_field=options["code_field"],
            name_field=options["name_field"],
            parent_kind=options["parent_kind"],
            parent_code_field=options["parent_code_field"],
            population_field=options["population_field"],
            layer=options["layer"],
        )
        try:
            rows = read_area_rows(options["path"], spec, progress=self.stderr._out)
        except ImportRejected as rejected:
            raise import_rejected_report(rejected, stderr=self.stderr, summary=True) from None
        summary = areas_upsert(
            kind=spec.kind,
            rows=rows,
            keep_parents=spec.parent_kind is None,
            dry_run=options["dry_run"],
        )
        prefix = "Dry run, nothing written: " if options["dry_run"] else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{summary}"))
