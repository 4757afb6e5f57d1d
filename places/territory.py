"""A real Flemish territory from the open data Buurtwijzer ships (data/territory.json):
municipalities by NIS code with their wijken, and the civic points inside them as shared
places that no organisation has checked yet."""

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.contrib.gis.geos import MultiPolygon, Point
from django.contrib.gis.geos.prepared import PreparedGeometry
from django.db import transaction
from django.utils import timezone

from buurt.importers import AreaFileSpec, read_area_rows
from buurt.models import AreaKind, OpenDataSource
from buurt.services import areas_upsert
from core.imports import ImportRejected, ImportSummary

from .importers import read_place_rows
from .services import places_upsert

ALL_OF_FLANDERS = "flanders"


@dataclass
class TerritorySummary:
    municipalities: ImportSummary = field(default_factory=ImportSummary)
    neighbourhoods: ImportSummary = field(default_factory=ImportSummary)
    places: ImportSummary = field(default_factory=ImportSummary)
    names: list[str] = field(default_factory=list)

    @property
    def total(self) -> ImportSummary:
        parts = (self.municipalities, self.neighbourhoods, self.places)
        return ImportSummary(
            created=sum(part.created for part in parts),
            updated=sum(part.updated for part in parts),
            unchanged=sum(part.unchanged for part in parts),
            rejected=sum(part.rejected for part in parts),
            repaired=sum(part.repaired for part in parts),
        )


def territory_manifest(directory: Path | None = None) -> dict:
    directory = directory or settings.TERRITORY_DATA_DIR
    return json.loads((directory / "territory.json").read_text(encoding="utf-8"))


def territory_load(
    *,
    codes: list[str],
    directory: Path | None = None,
    progress: TextIO | None = sys.stderr,
    dry_run: bool = False,
) -> TerritorySummary:
    """Load the municipalities with these NIS codes (or all, for "flanders"), their wijken
    and the places inside them; idempotent, and all or nothing: an unknown code or a bad
    feature raises ImportRejected before anything is written."""
    directory = directory or settings.TERRITORY_DATA_DIR
    manifest = territory_manifest(directory)
    wanted = _codes_checked(codes, directory / manifest["municipalities"]["path"], manifest)
    summary = TerritorySummary()

    municipalities = manifest["municipalities"]
    municipality_rows = read_area_rows(
        directory / municipalities["path"],
        AreaFileSpec(
            kind=AreaKind.MUNICIPALITY,
            code_field=municipalities["code_field"],
            name_field=municipalities["name_field"],
        ),
        progress=progress,
        keep=lambda code, _feature: wanted is None or code in wanted,
    )
    summary.names = sorted(row.name for row in municipality_rows)
    with transaction.atomic():
        summary.municipalities = areas_upsert(
            kind=AreaKind.MUNICIPALITY, rows=municipality_rows, keep_parents=True
        )
        sources = [_source_record(municipalities["source"])]

        neighbourhoods = manifest["neighbourhoods"]
        municipality_field = neighbourhoods["municipality_field"]
        # Read after the municipalities are written: the wijken find their parent by code.
        neighbourhood_rows = read_area_rows(
            directory / neighbourhoods["path"],
            AreaFileSpec(
                kind=AreaKind.NEIGHBOURHOOD,
                code_field=neighbourhoods["code_field"],
                name_field=neighbourhoods["name_field"],
                parent_kind=AreaKind.MUNICIPALITY,
                parent_code_field=municipality_field,
            ),
            progress=progress,
            keep=lambda _code, feature: (
                wanted is None or str(feature.get(municipality_field)) in wanted
            ),
        )
        summary.neighbourhoods = areas_upsert(
            kind=AreaKind.NEIGHBOURHOOD, rows=neighbourhood_rows, keep_parents=False
        )
        sources.append(_source_record(neighbourhoods["source"]))

        # All of Flanders keeps every point; a part keeps those inside its municipalities.
        inside = (
            None if wanted is None else _prepared_union([r.geometry for r in municipality_rows])
        )
        for entry in manifest["places"]:
            only = entry.get("municipalities")
            if only is not None and wanted is not None and not wanted & set(only):
                continue
            rows, _notes = read_place_rows(
                directory / entry["path"],
                name_field=entry["name_field"],
                kind_field=entry.get("kind_field"),
                id_field=entry.get("id_field"),
                address_field=entry.get("address_field"),
                progress=progress,
            )
            source = _source_record(entry["source"])
            if inside is not None:
                rows = [row for row in rows if inside.covers(Point(row.lon, row.lat, srid=4326))]
            for row in rows:
                # Keys of different sources never meet, whatever their own ids look like.
                row.import_key = f"{source.key}:{row.import_key}"[:300]
            part = places_upsert(rows=rows, source=source)
            summary.places.created += part.created
            summary.places.updated += part.updated
            summary.places.unchanged += part.unchanged
            sources.append(source)
        if dry_run:
            transaction.set_rollback(True)
    return summary


def _codes_checked(codes: list[str], municipalities_path: Path, manifest: dict) -> set[str] | None:
    """The NIS codes asked for (None for all of Flanders); an unknown one is refused."""
    cleaned = [code.strip() for raw in codes for code in raw.split(",") if code.strip()]
    if not cleaned:
        raise ImportRejected("Name at least one municipality by its NIS code, or 'flanders'.")
    if ALL_OF_FLANDERS in (code.lower() for code in cleaned):
        return None
    code_field = manifest["municipalities"]["code_field"]
    collection = json.loads(municipalities_path.read_text(encoding="utf-8"))
    known = {str(feature["properties"][code_field]) for feature in collection["features"]}
    unknown = [code for code in cleaned if code not in known]
    if unknown:
        raise ImportRejected(
            f"Unknown municipality code {', '.join(unknown)}: use the NIS code of a Flemish "
            f"or Brussels municipality of 2025 (Gent is 44021), or '{ALL_OF_FLANDERS}'."
        )
    return set(cleaned)


def _source_record(facts: dict) -> OpenDataSource:
    source, _created = OpenDataSource.objects.update_or_create(
        key=facts["key"],
        defaults={
            "label": facts["label"],
            "attribution": facts["attribution"],
            "licence": facts["licence"],
            "url": facts.get("url", ""),
            "loaded_at": timezone.now(),
        },
    )
    return source


def _prepared_union(geometries: list[MultiPolygon]) -> PreparedGeometry:
    polygons = [polygon for geometry in geometries for polygon in geometry]
    return MultiPolygon(polygons, srid=4326).unary_union.prepared
