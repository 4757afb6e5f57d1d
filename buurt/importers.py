"""Area boundary files in (GeoJSON, Shapefile, GeoPackage through GDAL), validated rows out."""

import struct
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from django.contrib.gis.gdal import (
    CoordTransform,
    DataSource,
    GDALException,
    OGRGeometry,
    SpatialReference,
)
from django.contrib.gis.gdal.feature import Feature
from django.contrib.gis.gdal.layer import Layer
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Polygon
from tqdm import tqdm

from core.imports import ImportRejected

from .models import AreaKind
from .queries import areas_of_kind_by_code, containing_area_ids

WGS84 = SpatialReference(4326)
POLYGONAL_LAYER_TYPES = {"Polygon", "MultiPolygon", "Polygon25D", "MultiPolygon25D", "Unknown"}


@dataclass
class AreaRow:
    code: str
    name: str
    geometry: MultiPolygon
    population: int | None
    parent_id: int | None
    repaired: bool


@dataclass
class AreaFileSpec:
    kind: str
    code_field: str
    name_field: str
    parent_kind: str | None = None
    parent_code_field: str | None = None
    population_field: str | None = None
    layer: str | None = None


def open_layer(path: Path, layer_name: str | None) -> Layer:
    """Open one layer of a vector file, or raise ImportRejected saying why not."""
    if not path.exists():
        raise ImportRejected(f"File {path} does not exist.")
    try:
        source = DataSource(str(path))
    except GDALException:
        raise ImportRejected(
            f"File {path} is not a format GDAL can read (GeoJSON, Shapefile or GeoPackage)."
        ) from None
    names = [layer.name for layer in source]
    if layer_name is not None:
        if layer_name not in names:
            raise ImportRejected(
                f"File {path} has no layer {layer_name!r}; its layers are {', '.join(names)}."
            )
        return source[names.index(layer_name)]
    if len(names) != 1:
        raise ImportRejected(
            f"File {path} has {len(names)} layers ({', '.join(names)}); choose one with --layer."
        )
    return source[0]


def require_fields(layer: Layer, fields: list[str | None]) -> None:
    available = list(layer.fields)
    for name in fields:
        if name is not None and name not in available:
            raise ImportRejected(
                f"Field {name!r} is not in layer {layer.name!r}; "
                f"its fields are {', '.join(available) or 'none'}."
            )


def transform_to_wgs84(layer: Layer) -> CoordTransform | None:
    """The reprojection to EPSG:4326, or None when the layer already is (or says nothing,
    which GeoJSON allows: RFC 7946 fixes its CRS to WGS84)."""
    srs = layer.srs
    if srs is None or srs.srid == 4326:
        return None
    return CoordTransform(srs, WGS84)


def within_wgs84_bounds(extent: tuple[float, float, float, float]) -> bool:
    xmin, ymin, xmax, ymax = extent
    return -180 <= xmin <= xmax <= 180 and -90 <= ymin <= ymax <= 90


def as_multipolygon(geometry: GEOSGeometry) -> MultiPolygon | None:
    """Promote a polygon, or keep the polygonal parts of a collection (what ST_MakeValid
    may return); None when nothing polygonal is left."""
    if isinstance(geometry, MultiPolygon):
        return geometry
    if isinstance(geometry, Polygon):
        return MultiPolygon(geometry, srid=4326)
    polygons: list[Polygon] = []
    for part in getattr(geometry, "__iter__", lambda: iter(()))():
        if isinstance(part, Polygon):
            polygons.append(part)
        elif isinstance(part, MultiPolygon):
            polygons.extend(part)
    return MultiPolygon(*polygons, srid=4326) if polygons else None


def multipolygon_wkb(geometry: OGRGeometry) -> bytes:
    """The geometry's WKB, a flat polygon promoted to a one-part MultiPolygon by prefixing
    the MultiPolygon header: much cheaper than building the collection through GEOS."""
    wkb = bytes(geometry.wkb)
    if geometry.geom_type.num != 3:  # not a 2D Polygon: leave it to as_multipolygon
        return wkb
    order = "<" if wkb[0] == 1 else ">"
    return wkb[:1] + struct.pack(f"{order}II", 6, 1) + wkb


def feature_geometry(feature) -> OGRGeometry | None:
    """The feature's geometry, or None for a feature without one (GDAL gives a null
    pointer, which Django's wrapper turns into an exception)."""
    try:
        return feature.geom
    except (GDALException, ValueError, TypeError):
        return None


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def read_area_rows(
    path: Path,
    spec: AreaFileSpec,
    *,
    progress: TextIO | None = sys.stderr,
    keep: Callable[[str, Feature], bool] | None = None,
) -> list[AreaRow]:
    """Read and validate every feature (or those that keep(code, feature) accepts, for a
    part of a larger file). Raises ImportRejected listing every bad feature, so that the
    caller writes all of the file or none of it."""
    if spec.kind not in AreaKind.values:
        raise ImportRejected(f"Unknown area kind {spec.kind!r}; use one of {AreaKind.values}.")
    if spec.parent_code_field and not spec.parent_kind:
        raise ImportRejected("--parent-code-field needs --parent-kind.")
    layer = open_layer(path, spec.layer)
    if layer.geom_type.name not in POLYGONAL_LAYER_TYPES:
        raise ImportRejected(
            f"Layer {layer.name!r} holds {layer.geom_type.name} geometries; areas need polygons."
        )
    require_fields(
        layer, [spec.code_field, spec.name_field, spec.parent_code_field, spec.population_field]
    )
    transform = transform_to_wgs84(layer)
    parents = areas_of_kind_by_code(spec.parent_kind) if spec.parent_code_field else {}

    rows: list[AreaRow] = []
    parent_codes: list[str] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
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
        code = _text(feature.get(spec.code_field))
        if keep is not None and not keep(code, feature):
            continue
        label = f"feature {number}" + (f" (code {code})" if code else "")
        if not code:
            problems.append(f"{label}: field {spec.code_field!r} is empty.")
            continue
        if code in seen:
            problems.append(
                f"{label}: code {code} appears twice (features {seen[code]} and {number})."
            )
            continue
        seen[code] = number
        name = _text(feature.get(spec.name_field))
        if not name:
            problems.append(f"{label}: field {spec.name_field!r} is empty.")
            continue
        population = None
        if spec.population_field:
            raw = _text(feature.get(spec.population_field))
            try:
                population = int(float(raw)) if raw else None
            except ValueError:
                problems.append(f"{label}: population {raw!r} is not a number.")
                continue
            if population is not None and population < 0:
                problems.append(f"{label}: population {population} is negative.")
                continue
        ogr_geometry = feature_geometry(feature)
        if ogr_geometry is None:
            problems.append(f"{label}: it has no geometry.")
            continue
        if transform is not None:
            ogr_geometry.transform(transform)
        if ogr_geometry.geom_name.upper() not in ("POLYGON", "MULTIPOLYGON"):
            problems.append(f"{label}: it is a {ogr_geometry.geom_name}; areas need polygons.")
            continue
        # OGR's envelope is one C call; GEOS's extent walks every coordinate in Python.
        if not within_wgs84_bounds(ogr_geometry.extent):
            problems.append(
                f"{label}: coordinates fall outside WGS84 bounds after reprojection "
                f"(extent {tuple(round(v, 2) for v in ogr_geometry.extent)}); is the CRS right?"
            )
            continue
        geometry = GEOSGeometry(memoryview(multipolygon_wkb(ogr_geometry)), srid=4326)
        if geometry.empty:
            problems.append(f"{label}: its geometry is empty.")
            continue
        repaired = False
        if not geometry.valid:
            reason = geometry.valid_reason
            fixed = as_multipolygon(geometry.make_valid())
            if fixed is None or fixed.empty or not fixed.valid:
                problems.append(f"{label}: invalid polygon that cannot be repaired ({reason}).")
                continue
            geometry, repaired = fixed, True
        multipolygon = as_multipolygon(geometry)
        parent_id = None
        if spec.parent_code_field:
            parent_code = _text(feature.get(spec.parent_code_field))
            parent = parents.get(parent_code)
            if parent is None:
                problems.append(
                    f"{label}: parent code {parent_code!r} is not a known {spec.parent_kind}."
                )
                continue
            parent_id = parent.id
        parent_codes.append(code)
        rows.append(AreaRow(code, name, multipolygon, population, parent_id, repaired))

    if spec.parent_kind and not spec.parent_code_field:
        problems.extend(_assign_parents_by_location(rows, spec.parent_kind))
    if problems:
        raise ImportRejected(
            f"{len(problems)} of {len(layer)} features of {path.name} were rejected; "
            "nothing was written.",
            problems=problems,
        )
    return rows


def _assign_parents_by_location(rows: list[AreaRow], parent_kind: str) -> Iterator[str]:
    parent_ids = containing_area_ids(
        [row.geometry.point_on_surface for row in rows], kind=parent_kind
    )
    for row, parent_id in zip(rows, parent_ids, strict=True):
        if parent_id is None:
            yield f"code {row.code}: no {parent_kind} contains its point on surface."
        row.parent_id = parent_id
