"""Point files in (GeoJSON, or anything GDAL reads), place rows out."""

import functools
import json
import sys
from collections import Counter
from collections.abc import Iterator
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
from core.imports import ImportRejected
from core.memory import gc_paused

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


@dataclass(slots=True)
class PlaceRow:
    import_key: str
    name: str
    kind: str
    lon: float
    lat: float
    source_kind: str
    address: str = ""

    @property
    def location(self) -> Point:
        return Point(self.lon, self.lat, srid=4326)


PLACE_KINDS = frozenset(PlaceKind.values)
GEOJSON_SUFFIXES = {".geojson", ".json"}
PROGRESS_CHUNK = 5_000


# A file repeats a handful of categories over thousands of rows.
@functools.lru_cache(maxsize=256)
def place_kind(value: str) -> str:
    value = value.strip().lower()
    if value in PLACE_KINDS:
        return value
    return KIND_ALIASES.get(value, PlaceKind.OTHER)


# One feature as the validation sees it: its (lon, lat) in WGS84, or a sentence saying why
# it has none usable, and its properties.
RawFeature = tuple[tuple[float, float] | str, dict]


def _geojson_point_features(path: Path, fields: list[str]) -> list[RawFeature] | None:
    """The features of a plain WGS84 GeoJSON point file, read with `json`; None for
    anything else, which then goes through GDAL.

    GDAL's per-feature ctypes calls cost about 100 µs a feature (seconds for a regional
    file); `json` reads the same file in tens of milliseconds. Only files whose reading
    cannot differ from GDAL's take this path: no `crs` member (RFC 7946 fixes WGS84), 2D
    points or null geometries, the requested fields present, their values text or whole
    numbers. Anything unusual (and every refusal of the whole file) is left to GDAL, so
    messages and values stay exactly as before.
    """
    if path.suffix.lower() not in GEOJSON_SUFFIXES or not path.is_file():
        return None
    try:
        with path.open("rb") as file:
            collection = json.load(file)
    except (ValueError, UnicodeDecodeError):
        return None
    if (
        not isinstance(collection, dict)
        or collection.get("type") != "FeatureCollection"
        or "crs" in collection
        or not isinstance(collection.get("features"), list)
        or not collection["features"]
    ):
        return None
    found = dict.fromkeys(fields, False)
    features: list[RawFeature] = []
    append = features.append
    points = 0
    for feature in collection["features"]:
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            return None
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            return None
        for field in fields:
            if field in properties:
                found[field] = True
                value = properties[field]
                if value is not None and type(value) not in (str, int):
                    return None  # reals, booleans, lists: GDAL's own formatting decides
        geometry = feature.get("geometry")
        if geometry is None:
            append(("it has no geometry.", properties))
            continue
        if not isinstance(geometry, dict) or geometry.get("type") != "Point":
            return None
        coordinates = geometry.get("coordinates")
        if not isinstance(coordinates, list) or len(coordinates) != 2:
            return None
        lon, lat = coordinates
        if type(lon) not in (int, float) or type(lat) not in (int, float):
            return None
        points += 1
        lon, lat = float(lon), float(lat)
        if -180 <= lon <= 180 and -90 <= lat <= 90:
            append(((lon, lat), properties))
        else:
            append((f"coordinates {(lon, lat)} are outside WGS84 bounds.", properties))
    if not points or not all(found.values()):
        return None
    return features


def _gdal_features(layer, transform) -> Iterator[RawFeature]:
    for feature in layer:
        geometry = feature_geometry(feature)
        if geometry is None:
            yield "it has no geometry.", feature
            continue
        if transform is not None:
            geometry.transform(transform)
        point = GEOSGeometry(memoryview(geometry.wkb), srid=4326)
        if point.geom_type != "Point":
            yield f"it is a {point.geom_type}; places need points.", feature
        elif point.empty or not within_wgs84_bounds(point.extent):
            yield f"coordinates {point.coords} are outside WGS84 bounds.", feature
        else:
            yield point.coords[:2], feature


def read_place_rows(
    path: Path,
    *,
    name_field: str,
    kind_field: str | None = None,
    id_field: str | None = None,
    address_field: str | None = None,
    layer_name: str | None = None,
    progress: TextIO | None = sys.stderr,
) -> tuple[list[PlaceRow], list[str]]:
    """Read and validate every point; returns rows and notes for the summary. Raises
    ImportRejected listing every bad feature, so nothing is written from a bad file."""
    with gc_paused():
        return _read_place_rows(
            path,
            name_field=name_field,
            kind_field=kind_field,
            id_field=id_field,
            address_field=address_field,
            layer_name=layer_name,
            progress=progress,
        )


def _read_place_rows(
    path: Path,
    *,
    name_field: str,
    kind_field: str | None,
    id_field: str | None,
    address_field: str | None,
    layer_name: str | None,
    progress: TextIO | None,
) -> tuple[list[PlaceRow], list[str]]:
    fields = [field for field in (name_field, kind_field, id_field, address_field) if field]
    features = _geojson_point_features(path, fields) if layer_name is None else None
    if features is not None:
        total = len(features)
    else:
        layer = open_layer(path, layer_name)
        if layer.geom_type.name not in POINT_LAYER_TYPES:
            raise ImportRejected(
                f"Layer {layer.name!r} holds {layer.geom_type.name} geometries; places need points."
            )
        require_fields(layer, fields)
        total = len(layer)
        features = _gdal_features(layer, transform_to_wgs84(layer))
    rows: list[PlaceRow] = []
    problems: list[str] = []
    unnamed = 0
    seen_ids: set[str] = set()
    identical: Counter[tuple] = Counter()
    # The bar moves in chunks: a tqdm update per feature costs more than reading it.
    bar = tqdm(
        total=total,
        desc=f"Reading {path.name}",
        unit="feature",
        file=progress,
        disable=progress is None,
        mininterval=0.5,
    )
    for number, (point, properties) in enumerate(features, start=1):
        if not number % PROGRESS_CHUNK:
            bar.update(PROGRESS_CHUNK)
        if isinstance(point, str):
            problems.append(f"feature {number}: {point}")
            continue
        lon, lat = point
        source_kind = _text(properties.get(kind_field)) if kind_field else ""
        name = _text(properties.get(name_field))
        if not name:
            # OpenStreetMap has many unnamed amenities; they are real places, so they are
            # kept under their type rather than dropped, and counted in the summary.
            unnamed += 1
            name = source_kind or "?"
        if id_field:
            source_id = _text(properties.get(id_field))
            if not source_id:
                problems.append(f"feature {number}: field {id_field!r} is empty.")
                continue
            if source_id in seen_ids:
                problems.append(f"feature {number}: id {source_id} appears twice.")
                continue
            seen_ids.add(source_id)
            key = f"{id_field}:{source_id}"
        else:
            # Without an id, a place is known by name and point; true duplicates in the
            # file are numbered in file order so that a second run matches them again.
            identity = (name, round(lon, 6), round(lat, 6))
            identical[identity] += 1
            key = f"{name}@{identity[1]:.6f},{identity[2]:.6f}#{identical[identity]}"
        address = _text(properties.get(address_field))[:300] if address_field else ""
        rows.append(
            PlaceRow(key[:300], name[:200], place_kind(source_kind), lon, lat, source_kind, address)
        )
    bar.update(total - bar.n)
    bar.close()
    if problems:
        raise ImportRejected(
            f"{len(problems)} of {total} features of {path.name} were rejected; "
            "nothing was written.",
            problems=problems,
        )
    notes = [f"{unnamed} places without a name were named after their type"] if unnamed else []
    return rows, notes


def _text(value: object) -> str:
    return str(value or "").strip()
