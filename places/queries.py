"""Reads on places. Everything public goes through here, so that the real point of an
`area`-precision place never leaves the server."""

from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D
from django.db.models import QuerySet

from core.db import fetch_bytes, fetch_raw_row
from core.geojson import feature_collection_fetch, feature_collection_sql
from core.tiles import TILE_BOUNDS_CTE, TILE_BUFFER, TILE_EXTENT

from .models import Organisation, Place, Precision
from .public import PUBLIC_ADDRESS_SQL, public_places


def places_feature_collection(
    *, bbox: tuple[float, float, float, float], limit: int
) -> tuple[bytes, int, bool]:
    """The public places in a bounding box as a GeoJSON FeatureCollection, built in PostGIS.

    Returns the JSON (UTF-8 bytes), the number of features and whether the layer was cut
    at `limit`. Only public_location is read: an `area` place appears at its area's point
    on surface.
    """
    # `&&` uses the GiST index on public_location.
    sql = feature_collection_sql(
        hits=f"""
            SELECT p.id, p.name, p.kind, p.precision, p.organisation_id, p.wheelchair,
                   p.public_location, a.code AS area_code,
                   {PUBLIC_ADDRESS_SQL.format(place="p")} AS address,
                   row_number() OVER () AS rn
            FROM places_place p
            LEFT JOIN buurt_area a ON a.id = p.area_id
            WHERE p.public_location && ST_MakeEnvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326)
            LIMIT %(limit)s + 1
        """,
        feature="""
            json_build_object(
                'type', 'Feature',
                'id', h.id,
                'geometry', ST_AsGeoJSON(h.public_location, 6)::json,
                'properties', json_build_object(
                    'id', h.id, 'name', h.name, 'kind', h.kind, 'precision', h.precision,
                    'address', h.address, 'organisation', h.organisation_id,
                    'wheelchair', h.wheelchair, 'area', h.area_code
                )
            )
        """,
    )
    xmin, ymin, xmax, ymax = bbox
    return feature_collection_fetch(
        sql, {"xmin": xmin, "ymin": ymin, "xmax": xmax, "ymax": ymax, "limit": limit}
    )


def places_tile(*, z: int, x: int, y: int, cap: int) -> bytes:
    """The public places of one tile as a Mapbox Vector Tile layer `places` (public points
    only: an `area` place is drawn at its area's point on surface)."""
    sql = f"""
        WITH {TILE_BOUNDS_CTE},
        features AS (
            SELECT p.id, p.name, p.kind, p.precision, p.wheelchair,
                   ST_AsMVTGeom(ST_Transform(p.public_location, 3857), bounds.mercator,
                                {TILE_EXTENT}, {TILE_BUFFER}, true) AS geom
            FROM places_place p, bounds
            WHERE p.public_location && bounds.wgs84
            LIMIT %(cap)s
        )
        SELECT ST_AsMVT(features.*, 'places', {TILE_EXTENT}, 'geom', 'id') FROM features
    """
    return fetch_bytes(sql, {"z": z, "x": x, "y": y, "cap": cap})


def public_places_in(area) -> QuerySet[Place]:
    """The public places whose public point lies in `area`, by name. The public point
    decides, as in the activity filters: an `area` place counts in its own neighbourhood
    (and the district and municipality around it), never where it really is."""
    return (
        public_places()
        .filter(public_location__coveredby=area.geometry)
        .defer("area__geometry")
        .order_by("name", "id")
    )


# Shared places (no organisation) offered to a worker: those near the organisation's own
# places. A city can hold tens of thousands of imported places; a list cannot.
SHARED_PLACES_RADIUS_M = 2000
SHARED_PLACES_MAX = 300


def workspace_places(organisation_ids: set[int]) -> QuerySet[Place]:
    """Places a worker can choose from: their organisations' own, those their activities
    already use, and shared ones with an exact address near their own places."""
    from django.contrib.gis.db.models import PointField
    from django.contrib.gis.measure import D
    from django.db.models import Q
    from django.db.models.functions import Cast

    own = Q(organisation_id__in=organisation_ids) | Q(
        activities__organisation_id__in=organisation_ids
    )
    anchors = list(
        Place.objects.filter(organisation_id__in=organisation_ids).values_list(
            "public_location", flat=True
        )[:50]
    )
    near = Q()
    for point in anchors:
        near |= Q(geography__dwithin=(point, D(m=SHARED_PLACES_RADIUS_M)))
    shared_ids = []
    if anchors:
        # The same expression as the index place_public_geography_idx.
        shared_ids = list(
            Place.objects.annotate(
                geography=Cast("public_location", PointField(geography=True, srid=4326))
            )
            .filter(near, organisation__isnull=True, precision=Precision.EXACT)
            .order_by("name")
            .values_list("id", flat=True)[:SHARED_PLACES_MAX]
        )
    return (
        Place.objects.filter(own | Q(id__in=shared_ids))
        .distinct()
        .select_related("area")
        .defer("location", "area__geometry")
        .order_by("name")
    )


def organisations_neighbourhoods(organisation_ids: set[int]):
    """The neighbourhoods where the organisations' places are (by their public point)."""
    from django.db.models import Exists, OuterRef

    from buurt.models import Area, AreaKind

    # One spatial semi-join in PostGIS instead of collecting the points in Python first.
    has_place = Place.objects.filter(
        organisation_id__in=organisation_ids,
        public_location__intersects=OuterRef("geometry"),
    )
    return (
        Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD)
        .filter(Exists(has_place))
        .defer("geometry")
        .order_by("name")
    )


# Web Mercator: metres per pixel at zoom 0 on 256-pixel tiles.
MERCATOR_HALF_WORLD_M = 20_037_508.342789244
CLUSTER_CELL_PX = 64


def cluster_cell_m(zoom: int) -> float:
    """Side of a cluster cell in Web Mercator metres: CLUSTER_CELL_PX screen pixels at `zoom`."""
    return 2 * MERCATOR_HALF_WORLD_M / (256 * 2**zoom) * CLUSTER_CELL_PX


def places_clusters(
    *, bbox: tuple[float, float, float, float], zoom: int, max_points: int
) -> tuple[bytes, int, bool]:
    """What the public map draws for a viewport, as a GeoJSON FeatureCollection built in
    PostGIS: the public places themselves when the box holds at most `max_points`, else one
    feature per grid cell of CLUSTER_CELL_PX pixels at `zoom` with the number of places in it
    (`count`) at the mean of their public points.

    Returns the JSON (UTF-8 bytes), the number of features and whether it is clustered. Only
    public_location is read: a cell never reveals the real point of an `area` place.
    """
    xmin, ymin, xmax, ymax = bbox
    box = {"xmin": xmin, "ymin": ymin, "xmax": xmax, "ymax": ymax}
    # Counting stops one row past max_points: a viewport of all Flanders must not count
    # 100,000 rows only to learn that it is "many".
    (many,) = fetch_raw_row(
        """
        SELECT count(*) > %(max_points)s FROM (
            SELECT 1 FROM places_place p
            WHERE p.public_location && ST_MakeEnvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326)
            LIMIT %(max_points)s + 1
        ) s
        """,
        {**box, "max_points": max_points},
    )
    if not many:
        sql = """
            SELECT json_build_object(
                'type', 'FeatureCollection', 'clustered', false, 'total', count(*),
                'features', coalesce(json_agg(json_build_object(
                    'type', 'Feature', 'id', p.id,
                    'geometry', ST_AsGeoJSON(p.public_location, 6)::json,
                    'properties', json_build_object(
                        'id', p.id, 'name', p.name, 'kind', p.kind, 'precision', p.precision,
                        'count', 1)
                ) ORDER BY p.id), '[]'::json)
            )::text, count(*)
            FROM places_place p
            WHERE p.public_location && ST_MakeEnvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326)
        """
        body, count = fetch_raw_row(sql, box)
        return body, count, False
    # Cells by integer division of Web Mercator metres: grouping by two integers is cheaper
    # than grouping by ST_SnapToGrid geometries, and gives the same cells. The spherical
    # Mercator formulas are written out: ST_Transform through PROJ for 100,000 points cost
    # four times the whole query.
    sql = """
        WITH points AS (
            SELECT p.id,
                   ST_X(p.public_location) * %(half)s / 180 AS mx,
                   ln(tan(radians(90 + ST_Y(p.public_location)) / 2)) * 6378137 AS my
            FROM places_place p
            WHERE p.public_location && ST_MakeEnvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326)
        ),
        cells AS (
            SELECT count(*) AS n,
                   ST_Transform(ST_SetSRID(ST_MakePoint(avg(mx), avg(my)), 3857), 4326) AS centre,
                   min(id) AS first_id
            FROM points
            -- Names are read afterwards, for the cells of one place only: carrying
            -- 100,000 names through the grouping cost more than the grouping.
            GROUP BY floor(mx / %(cell)s), floor(my / %(cell)s)
        )
        SELECT json_build_object(
            'type', 'FeatureCollection', 'clustered', true, 'total', coalesce(sum(n), 0),
            'cell_m', %(cell)s,
            'features', coalesce(json_agg(json_build_object(
                'type', 'Feature',
                'geometry', ST_AsGeoJSON(centre, 6)::json,
                'properties', CASE WHEN n = 1
                    THEN json_build_object('count', 1, 'id', first_id, 'name',
                        (SELECT name FROM places_place WHERE id = first_id))
                    ELSE json_build_object('count', n) END
            ) ORDER BY n DESC), '[]'::json)
        )::text, count(*)
        FROM cells
    """
    body, count = fetch_raw_row(
        sql, {**box, "cell": cluster_cell_m(zoom), "half": MERCATOR_HALF_WORLD_M}
    )
    return body, count, True


def organisation_by_pk(pk: int) -> Organisation | None:
    return Organisation.objects.filter(pk=pk).first()


def place_named_near(*, point: Point, name: str, radius_m: float) -> Place | None:
    """An exact-precision place within `radius_m` metres of `point` whose name is `name`
    (case and spacing aside, or one name inside the other: "De Centrale" and "Kunstencentrum
    De Centrale"), nearest first. For imports that match a venue to a place already here.
    A place shown by its neighbourhood only is never matched: it is its organisation's."""
    wanted = " ".join(name.lower().split())
    if not wanted:
        return None
    candidates = (
        Place.objects.filter(precision=Precision.EXACT, location__dwithin=(point, D(m=radius_m)))
        .annotate(distance=Distance("location", point))
        .order_by("distance", "pk")[:20]
    )
    for place in candidates:
        have = " ".join(place.name.lower().split())
        if have == wanted or wanted in have or have in wanted:
            return place
    return None
