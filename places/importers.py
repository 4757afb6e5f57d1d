"""Point files in (GeoJSON, or anything GDAL reads), place rows out."""

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from django.contrib.gis.geos import GEOSGeometry, Point
from tqdm import tqdm

from buurt.importers import (
    feature_geometry,
    open_layer,
    require_fields,
    transform_to_wgs84,
    within_wgs84_bounds,
)
from buurt.imports import ImportRejected

from .models import PlaceKind

# Source categories (OpenStreetMap tags, Dutch open-data labels) to our place kinds.
KIND_ALIASES = {
    "library": PlaceKind.LIBRARY,
    "public_bookcase": PlaceKind.LIBRARY,
    "bibliotheek": PlaceKind.LIBRARY,
    "community_centre": PlaceKind.COMMUNITY_CENTRE,
    "community_center": PlaceKind.COMMUNITY_CENTRE,
    "social_centre": PlaceKind.COMMUNITY_CENTRE,
    "youth_centre": PlaceKind.COMMUNITY_CENTRE,
    "buurthuis": PlaceKind.COMMUNITY_CENTRE,
    "ontmoetingscentrum": PlaceKind.COMMUNITY_CENTRE,
    "social_facility": PlaceKind.SOCIAL_SERVICE,
    "ocmw": PlaceKind.SOCIAL_SERVICE,
    "caw": PlaceKind.SOCIAL_SERVICE,
    "school": PlaceKind.SCHOOL,
    "kindergarten": PlaceKind.SCHOOL,
    "college": PlaceKind.SCHOOL,
    "park": PlaceKind.PARK,
    "cafe": PlaceKind.CAFE,
    "café": PlaceKind.CAFE,
}
POINT_LAYER_TYPES = {"Point", "Point25D", "Unknown"}


@dataclass
class PlaceRow:
    import_key: str
    name: str
    kind: str
    location: Point
    source_kind: str


PLACE_KINDS = frozenset(PlaceKind.values)


def place_kind(value: str) -> str:
    value = value.strip().lower()
    if value in PLACE_KINDS:
        return value
    return KIND_ALIASES.get(value, PlaceKind.OTHER)


def read_place_rows(
    path: Path,
    *,
    name_field: str,
    kind_field: str | None = None,
    id_field: str | None = None,
    layer_name: str | None = None,
    progress: TextIO | None = sys.stderr,
) -> tuple[list[PlaceRow], list[str]]:
    """Read and validate every point; returns rows and notes for the summary. Raises
    ImportRejected listing every bad feature, so nothing is written from a bad file."""
    layer = open_layer(path, layer_name)
    if layer.geom_type.name not in POINT_LAYER_TYPES:
        raise ImportRejected(
            f"Layer {layer.name!r} holds {layer.geom_type.name} geometries; places need points."
        )
    require_fields(layer, [name_field, kind_field, id_field])
    transform = transform_to_wgs84(layer)
    rows: list[PlaceRow] = []
    problems: list[str] = []
    unnamed = 0
    seen_ids: set[str] = set()
    identical: Counter[tuple] = Counter()
    features = tqdm(
        layer,
        total=len(layer),
        desc=f"Reading {path.name}",
        unit="feature",
        file=progress,
        disable=progress is None,
        mininterval=0.5,
    )
    for number, feature in enumerate(features, start=1):
        label = f"feature {number}"
        geometry = feature_geometry(feature)
        if geometry is None:
            problems.append(f"{label}: it has no geometry.")
            continue
        if transform is not None:
            geometry.transform(transform)
        point = GEOSGeometry(memoryview(geometry.wkb), srid=4326)
        if point.geom_type != "Point":
            problems.append(f"{label}: it is a {point.geom_type}; places need points.")
            continue
        if point.empty or not within_wgs84_bounds(point.extent):
            problems.append(f"{label}: coordinates {point.coords} are outside WGS84 bounds.")
            continue
        source_kind = str(feature.get(kind_field) or "").strip() if kind_field else ""
        name = str(feature.get(name_field) or "").strip()
        if not name:
            # OpenStreetMap has many unnamed amenities; they are real places, so they are
            # kept under their type rather than dropped, and counted in the summary.
            unnamed += 1
            name = source_kind or "?"
        if id_field:
            source_id = str(feature.get(id_field) or "").strip()
            if not source_id:
                problems.append(f"{label}: field {id_field!r} is empty.")
                continue
            if source_id in seen_ids:
                problems.append(f"{label}: id {source_id} appears twice.")
                continue
            seen_ids.add(source_id)
            key = f"{id_field}:{source_id}"
        else:
            # Without an id, a place is known by name and point; true duplicates in the
            # file are numbered in file order so that a second run matches them again.
            identity = (name, round(point.x, 6), round(point.y, 6))
            identical[identity] += 1
            key = f"{name}@{identity[1]:.6f},{identity[2]:.6f}#{identical[identity]}"
        rows.append(PlaceRow(key[:300], name[:200], place_kind(source_kind), point, source_kind))
    if problems:
        raise ImportRejected(
            f"{len(problems)} of {len(layer)} features of {path.name} were rejected; "
            "nothing was written.",
            problems=problems,
        )
    notes = [f"{unnamed} places without a name were named after their type"] if unnamed else []
    return rows, notes
