from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from core.imports import ImportRejected, import_rejected_report
from places.importers import read_place_rows
from places.models import Organisation
from places.services import organisation_create, places_upsert


class Command(BaseCommand):
    # A data pipeline: the system checks run with migrate and the server, not per import.
    requires_system_checks = []
    help = "Import places from a point file (GeoJSON); an upsert, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--name-field", required=True)
        parser.add_argument(
            "--kind-field",
            help="Field with the place's type; OpenStreetMap tags such as library or "
            "community_centre are mapped to place kinds, anything else becomes 'other'.",
        )
        parser.add_argument(
            "--id-field", help="Field with a stable id in the source (for example osm_id)."
        )
        parser.add_argument("--address-field", help="Field with the street address.")
        parser.add_argument(
            "--organisation",
            help="Name of the organisation that runs these places (created unverified if new).",
        )
        parser.add_argument("--layer")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options) -> None:
        try:
            rows, notes = read_place_rows(
                options["path"],
                name_field=options["name_field"],
                kind_field=options["kind_field"],
                id_field=options["id_field"],
                address_field=options["address_field"],
                layer_name=options["layer"],
                progress=self.stderr._out,
            )
        except ImportRejected as rejected:
            raise import_rejected_report(rejected, stderr=self.stderr, summary=True) from None
        with transaction.atomic():
            organisation = None
            if options["organisation"]:
                name = options["organisation"].strip()
                organisation = Organisation.objects.filter(name=name).first()
                if organisation is None:
                    organisation = organisation_create(name=name)
                    notes.append(f"created organisation {name!r} (unverified)")
            summary = places_upsert(rows=rows, organisation=organisation)
            if options["dry_run"]:
                transaction.set_rollback(True)
        prefix = "Dry run, nothing written: " if options["dry_run"] else ""
        for note in notes:
            self.stdout.write(f"  {note}")
        self.stdout.write(self.style.SUCCESS(f"{prefix}{summary}"))
