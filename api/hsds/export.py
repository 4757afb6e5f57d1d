"""The whole HSDS directory as files, one JSON array per object type, for open-data portals:
the same documents as the API, of published activities only."""

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.db import connection, transaction
from django.utils import translation

from core.language import site_language
from events.models import WorkModel

from . import documents, queries
from .documents import Publication

FILES = (
    "organizations",
    "services",
    "locations",
    "service_at_locations",
    "taxonomies",
    "taxonomy_terms",
)


def _services(absolute) -> Iterator[dict]:
    for chunk in queries.in_chunks(queries.published_services(queries.ServiceFilters())):
        area_ids = {area.pk for activity in chunk for area in activity.service_areas.all()}
        publication = Publication(absolute=absolute, extents=queries.area_extents(area_ids))
        for activity in chunk:
            yield documents.service(activity, publication)


def _service_at_locations(absolute) -> Iterator[dict]:
    publication = Publication(absolute=absolute)
    located = queries.published_services(queries.ServiceFilters()).filter(place__isnull=False)
    for chunk in queries.in_chunks(located):
        for activity in chunk:
            yield documents.service_at_location(activity, publication)


def directory(absolute) -> dict[str, Iterator[dict]]:
    """Every object type's documents, read lazily."""
    return {
        "organizations": (
            documents.organization(organisation, full=True)
            for chunk in queries.in_chunks(queries.publishing_organisations())
            for organisation in chunk
        ),
        "services": _services(absolute),
        "locations": (
            documents.location(place)
            for chunk in queries.in_chunks(queries.published_locations())
            for place in chunk
        ),
        "service_at_locations": _service_at_locations(absolute),
        "taxonomies": iter([documents.taxonomy()]),
        "taxonomy_terms": (
            documents.taxonomy_term(model) for model in WorkModel.objects.order_by("position")
        ),
    }


def _write_array(path: Path, items: Iterator[dict]) -> int:
    # Written next to its final name and renamed: a reader never sees half a file.
    count = 0
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write("[")
            for item in items:
                out.write(",\n" if count else "\n")
                out.write(json.dumps(item, ensure_ascii=False))
                count += 1
            out.write("\n]\n")
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return count


def export_directory(folder: Path, *, base_url: str, language: str) -> dict[str, int]:
    """Write `<type>.json` for every object type into `folder`; the count of each. One
    repeatable-read snapshot, so the files agree with each other."""
    base = base_url.rstrip("/")

    def absolute(path: str) -> str:
        return base + path

    counts = {}
    outermost = not connection.in_atomic_block
    with translation.override(site_language(language)), transaction.atomic():
        if outermost:  # inside a caller's transaction, that one's snapshot holds
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for name, items in directory(absolute).items():
            counts[name] = _write_array(folder / f"{name}.json", items)
    return counts
