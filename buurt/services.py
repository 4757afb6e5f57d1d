"""Writes on the territory."""

from django.db import connection, transaction
from django.utils import timezone

from core.imports import ImportSummary

from .importers import AreaRow
from .models import Area
from .signals import areas_changed, map_data_changed


@transaction.atomic
def areas_upsert(
    *, kind: str, rows: list[AreaRow], keep_parents: bool = False, dry_run: bool = False
) -> ImportSummary:
    """Create or update the areas of one kind by code, all or nothing.

    With keep_parents, existing areas keep their parent (the file said nothing about it).
    A dry run does all the work and then rolls it back, so its counts are the real ones.
    """
    summary = ImportSummary(repaired=sum(row.repaired for row in rows))
    now = timezone.now()
    existing = {area.code: area for area in Area.objects.filter(kind=kind)}
    to_create: list[Area] = []
    to_update: list[Area] = []
    for row in rows:
        area = existing.get(row.code)
        if area is None:
            to_create.append(
                Area(
                    kind=kind,
                    code=row.code,
                    name=row.name,
                    geometry=row.geometry,
                    population=row.population,
                    parent_id=row.parent_id,
                )
            )
            continue
        parent_id = area.parent_id if keep_parents else row.parent_id
        population = row.population if row.population is not None else area.population
        same = (
            area.name == row.name
            and area.parent_id == parent_id
            and area.population == population
            and bytes(area.geometry.wkb) == bytes(row.geometry.wkb)
        )
        if same:
            summary.unchanged += 1
            continue
        area.name, area.parent_id, area.population = row.name, parent_id, population
        area.geometry, area.updated_at = row.geometry, now
        to_update.append(area)

    _areas_copy(to_create)
    Area.objects.bulk_update(
        to_update, ["name", "parent", "population", "geometry", "updated_at"], batch_size=500
    )
    summary.created, summary.updated = len(to_create), len(to_update)
    changed_ids = [area.id for area in to_update] + list(
        Area.objects.filter(kind=kind, code__in=[area.code for area in to_create]).values_list(
            "id", flat=True
        )
    )
    if changed_ids:
        # Inside the transaction, so that data derived from boundaries changes with them.
        areas_changed.send(sender=Area, kind=kind, area_ids=changed_ids)
        transaction.on_commit(lambda: map_data_changed.send(sender=Area))
    if dry_run:
        transaction.set_rollback(True)
    return summary


def _areas_copy(areas: list[Area]) -> None:
    """Insert new areas with COPY: a national boundary file is thousands of large polygons,
    and COPY streams them several times faster than INSERT, like ogr2ogr does."""
    if not areas:
        return
    now = timezone.now()
    columns = "kind, code, name, parent_id, population, geometry, updated_at"
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY buurt_area ({columns}) FROM STDIN") as copy,
    ):
        for area in areas:
            copy.write_row(
                (
                    area.kind,
                    area.code,
                    area.name,
                    area.parent_id,
                    area.population,
                    area.geometry.hexewkb.decode(),
                    now,
                )
            )
