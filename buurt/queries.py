"""Reads on the territory that need more than an ORM lookup."""

from collections.abc import Sequence

from django.contrib.gis.geos import GEOSGeometry, Point
from django.db import connection

from .models import FINEST_FIRST, Area


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
    with connection.cursor() as cursor:
        cursor.execute(sql, [kind, [bytes(point.wkb) for point in points]])
        return [row[0] for row in cursor.fetchall()]


def finest_area_ids(points: Sequence[Point]) -> list[int | None]:
    """For each point, the id of the finest area that covers it (sector before neighbourhood
    before district before municipality), or None outside the territory."""
    if not points:
        return []
    # array_position ranks the kinds from fine to coarse so that one indexed lookup per
    # point finds the finest area without a query per level.
    sql = """
        SELECT (
            SELECT a.id FROM buurt_area a
            WHERE ST_Covers(a.geometry, ST_GeomFromWKB(p.wkb, 4326))
            ORDER BY array_position(%s::text[], a.kind::text), a.id
            LIMIT 1
        )
        FROM unnest(%s::bytea[]) WITH ORDINALITY AS p(wkb, ord)
        ORDER BY p.ord
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [FINEST_FIRST, [bytes(point.wkb) for point in points]])
        return [row[0] for row in cursor.fetchall()]


def area_public_points(area_ids: Sequence[int]) -> dict[int, Point]:
    """The point at which an area stands in for a hidden location: its point-on-surface,
    which always lies inside the area (a centroid may not)."""
    if not area_ids:
        return {}
    rows = Area.objects.filter(id__in=area_ids).values_list("id", "geometry")
    return {area_id: geometry.point_on_surface for area_id, geometry in rows}
