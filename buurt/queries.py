"""Reads on the territory that need more than an ORM lookup."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.gis.db.models import Extent
from django.contrib.gis.geos import GEOSGeometry, Point

from core.db import fetch_bytes, read_cursor
from core.geojson import feature_collection_fetch, feature_collection_sql
from core.tiles import TILE_BOUNDS_CTE, TILE_BUFFER, TILE_EXTENT

from .models import FINEST_FIRST, Area, AreaKind


def areas_of_kind_by_code(kind: str) -> dict[str, Area]:
    return {area.code: area for area in Area.objects.filter(kind=kind).defer("geometry")}


def containing_area_ids(points: Sequence[GEOSGeometry], *, kind: str) -> list[int | None]:
    """For each point, the id of the area of `kind` that covers it (None where none does)."""
    if not points:
        return []
    # One round trip for all points: an import of 2,767 areas would otherwise spend most of
    # its time in per-feature query latency. LATERAL keeps the GiST index on the geometry.
    sql = """
        SELECT (
            SELECT a.id FROM buurt_area a
            WHERE a.kind = %s AND ST_Covers(a.geometry, ST_GeomFromWKB(p.wkb, 4326))
            ORDER BY a.id LIMIT 1
        )
        FROM unnest(%s::bytea[]) WITH ORDINALITY AS p(wkb, ord)
        ORDER BY p.ord
    """
    with read_cursor() as cursor:
        cursor.execute(sql, [kind, [bytes(point.wkb) for point in points]])
        return [row[0] for row in cursor.fetchall()]


def finest_area_ids(
    points: Sequence[Point], *, kinds: Sequence[str] = FINEST_FIRST
) -> list[int | None]:
    """For each point, the id of the finest area of `kinds` that covers it (sector before
    neighbourhood before district before municipality), or None outside the territory."""
    if not points:
        return []
    # One round trip for all points, sent as two arrays of numbers (cheaper to build than
    # WKB); array_position ranks the kinds from fine to coarse so that one indexed lookup
    # per point finds the finest area.
    sql = """
        SELECT (
            SELECT a.id FROM buurt_area a
            WHERE ST_Covers(a.geometry, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))
              AND a.kind = ANY(%(kinds)s::text[])
            ORDER BY array_position(%(kinds)s::text[], a.kind::text), a.id
            LIMIT 1
        )
        FROM unnest(%(lons)s::float8[], %(lats)s::float8[]) WITH ORDINALITY AS p(lon, lat, ord)
        ORDER BY p.ord
    """
    coordinates = [point.coords for point in points]
    params = {
        "kinds": list(kinds),
        "lons": [c[0] for c in coordinates],
        "lats": [c[1] for c in coordinates],
    }
    with read_cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def area_public_points(area_ids: Sequence[int]) -> dict[int, Point]:
    """The point at which an area stands in for a hidden location: its point-on-surface,
    which always lies inside the area (a centroid may not)."""
    if not area_ids:
        return {}
    rows = Area.objects.filter(id__in=area_ids).values_list("id", "geometry")
    return {area_id: geometry.point_on_surface for area_id, geometry in rows}


# Simplification tolerances are metres, applied in Belgian Lambert 72 (EPSG:31370), the
# projected system of the Flemish data; never metres turned into degrees.
_AREA_GEOMETRY_SQL = """
    CASE WHEN %(simplify)s > 0 THEN
        ST_Transform(
            ST_SimplifyPreserveTopology(ST_Transform(a.geometry, 31370), %(simplify)s), 4326
        )
    ELSE a.geometry END
"""
_AREA_FEATURE_SQL = f"""
    json_build_object(
        'type', 'Feature',
        'id', a.kind || ':' || a.code,
        'geometry', ST_AsGeoJSON({_AREA_GEOMETRY_SQL}, 6)::json,
        'properties', json_build_object(
            'code', a.code, 'name', a.name, 'kind', a.kind,
            'parent', parent.code, 'population', a.population
        )
    )
"""


def areas_feature_collection(
    *, kind: str, parent_code: str | None, simplify_m: float, limit: int
) -> tuple[bytes, int, bool]:
    """Areas of one kind as a GeoJSON FeatureCollection built in PostGIS: JSON bytes, the
    number of features and whether the layer was cut at `limit`."""
    sql = feature_collection_sql(
        hits="""
            SELECT a.*, row_number() OVER (ORDER BY a.code) AS rn
            FROM buurt_area a
            LEFT JOIN buurt_area parent ON parent.id = a.parent_id
            WHERE a.kind = %(kind)s AND (%(parent)s::text IS NULL OR parent.code = %(parent)s)
            ORDER BY a.code
            LIMIT %(limit)s + 1
        """,
        feature=_AREA_FEATURE_SQL,
        alias="a",
        joins="LEFT JOIN buurt_area parent ON parent.id = a.parent_id",
        order="a.code",
    )
    params = {"kind": kind, "parent": parent_code, "simplify": simplify_m, "limit": limit}
    return feature_collection_fetch(sql, params)


def area_feature(*, kind: str, code: str, simplify_m: float = 0) -> str | None:
    """One area as a GeoJSON Feature (JSON text), or None."""
    sql = f"""
        SELECT ({_AREA_FEATURE_SQL})::text
        FROM buurt_area a LEFT JOIN buurt_area parent ON parent.id = a.parent_id
        WHERE a.kind = %(kind)s AND a.code = %(code)s
    """
    with read_cursor() as cursor:
        cursor.execute(sql, {"kind": kind, "code": code, "simplify": simplify_m})
        row = cursor.fetchone()
    return row[0] if row else None


def areas_tile(*, kind: str, z: int, x: int, y: int, cap: int) -> bytes:
    """Areas of one kind as a Mapbox Vector Tile layer `areas`. Outlines are simplified to
    the tile's pixel size before they are transformed (cheaper, and the same on screen)."""
    sql = f"""
        WITH {TILE_BOUNDS_CTE},
        features AS (
            SELECT a.id, a.code, a.name, a.kind, a.population,
                   ST_AsMVTGeom(
                       ST_Transform(
                           ST_SimplifyPreserveTopology(a.geometry, %(pixel_degrees)s), 3857
                       ),
                       bounds.mercator, {TILE_EXTENT}, {TILE_BUFFER}, true
                   ) AS geom
            FROM buurt_area a, bounds
            WHERE a.kind = %(kind)s AND a.geometry && bounds.wgs84
            LIMIT %(cap)s
        )
        SELECT ST_AsMVT(features.*, 'areas', {TILE_EXTENT}, 'geom', 'id')
        FROM features WHERE geom IS NOT NULL
    """
    # One tile unit in degrees of longitude at this zoom: the tolerance is a screen size.
    pixel_degrees = 360 / (TILE_EXTENT * 2**z)
    return fetch_bytes(
        sql, {"kind": kind, "z": z, "x": x, "y": y, "cap": cap, "pixel_degrees": pixel_degrees}
    )


# When one code exists for several kinds, the finest area is meant: a resident's page is
# about their own neighbourhood first.
KIND_PREFERENCE = (AreaKind.NEIGHBOURHOOD, AreaKind.DISTRICT, AreaKind.MUNICIPALITY)


def area_by_code(code: str) -> Area | None:
    """The public area (neighbourhood, district or municipality) with this official code,
    or None. Statistical sectors have no public page."""
    areas = {area.kind: area for area in Area.objects.filter(code=code, kind__in=KIND_PREFERENCE)}
    return next((areas[kind] for kind in KIND_PREFERENCE if kind in areas), None)


def areas_for_choice(kind: str) -> list[tuple[str, str, str]]:
    """(code, name, parent name) of the areas of a kind, by parent then name, for a form."""
    return list(
        Area.objects.filter(kind=kind)
        .order_by("parent__name", "name")
        .values_list("code", "name", "parent__name")
    )


def area_public_point(*, kind: str, code: str) -> Point | None:
    """The point-on-surface of an area, where a search "near this neighbourhood" starts."""
    area = Area.objects.filter(kind=kind, code=code).values_list("id", flat=True).first()
    return area_public_points([area]).get(area) if area else None


def territory_extent() -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of every loaded municipality, for a map with nothing else
    to frame; None without areas."""
    extent = Area.objects.filter(kind=AreaKind.MUNICIPALITY).aggregate(box=Extent("geometry"))
    return extent["box"]


def municipalities():
    """The municipalities by name, without their outlines (for lists and links)."""
    return Area.objects.filter(kind=AreaKind.MUNICIPALITY).defer("geometry").order_by("name")


def municipality_by_code(code: str) -> Area | None:
    """The municipality with this code, without its outline, or None."""
    return municipalities().filter(code=code).first()


def parent_codes(*, kind: str, codes: Sequence[str]) -> list[str]:
    """The codes of the direct parents of the areas of `kind` with these codes, sorted."""
    return sorted(
        set(
            Area.objects.filter(kind=kind, code__in=codes)
            .exclude(parent=None)
            .values_list("parent__code", flat=True)
        )
    )


@dataclass
class Outline:
    code: str
    name: str
    path: str  # SVG path data, in metres of Belgian Lambert 72, y pointing down
    label_x: float
    label_y: float


def area_outlines_svg(
    *, kind: str, codes: Sequence[str], simplify_m: float = 20
) -> tuple[list[Outline], tuple[float, float, float, float] | None]:
    """The outlines of the areas of `kind` with these codes as SVG paths, with a point for
    each name, and the view box (x, y, width, height) around them all; for a map drawn on
    the server (the PDF report). In EPSG:31370 so that the map is not stretched and the
    simplification is in metres; ST_AsSVG writes y downwards, as SVG draws."""
    sql = """
        SELECT a.code, a.name,
               ST_AsSVG(ST_SimplifyPreserveTopology(ST_Transform(a.geometry, 31370), %s), 0, 0),
               ST_X(ST_Transform(ST_PointOnSurface(a.geometry), 31370)),
               -ST_Y(ST_Transform(ST_PointOnSurface(a.geometry), 31370)),
               ST_XMin(box.b), -ST_YMax(box.b), ST_XMax(box.b) - ST_XMin(box.b),
               ST_YMax(box.b) - ST_YMin(box.b)
        FROM buurt_area a,
             LATERAL (
                 SELECT ST_Extent(ST_Transform(geometry, 31370)) AS b
                 FROM buurt_area WHERE kind = %s AND code = ANY(%s)
             ) box
        WHERE a.kind = %s AND a.code = ANY(%s)
        ORDER BY a.code
    """
    codes = list(codes)
    with read_cursor() as cursor:
        cursor.execute(sql, [simplify_m, kind, codes, kind, codes])
        rows = cursor.fetchall()
    if not rows:
        return [], None
    outlines = [Outline(code, name, path, x, y) for code, name, path, x, y, *_box in rows]
    return outlines, tuple(float(v) for v in rows[0][5:9])


def area_children(area: Area) -> list[Area]:
    """The areas right inside `area`, by name (without their polygons)."""
    return list(Area.objects.filter(parent=area).defer("geometry").order_by("name"))


def area_parents(area: Area) -> list[Area]:
    """The areas around `area`, coarsest first (for the breadcrumb)."""
    parents = []
    parent_id = area.parent_id
    while parent_id is not None and len(parents) < 5:
        parent = Area.objects.defer("geometry").get(pk=parent_id)
        parents.insert(0, parent)
        parent_id = parent.parent_id
    return parents
