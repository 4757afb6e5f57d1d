"""Coverage per area: which work models are on offer in and near each area, and for what
share of its residents. Read by the policymakers' `GET /api/v1/coverage/` endpoint."""

import math

from django.db import connections, transaction

from buurt.models import FINEST_FIRST, Area, AreaKind
from config.db_router import read_database

from .models import Status

DEFAULT_DISTANCE_M = 1200
# Every resident point probes the places index with this radius: a bound keeps one request
# from turning into a comparison of every point with every place.
MAX_DISTANCE_M = 20_000

# Why raw SQL: the answer for thousands of areas × seven work models needs spatial joins
# (ST_Covers, ST_PointOnSurface, geodesic ST_DWithin), a "finest populated area" test and
# population sums, in one round trip; the ORM would need a query per area and model. No
# temporary tables, so that it also runs on a read replica.
#
# Index use, on purpose:
# - `buurt_area.geometry` (GiST) drives every spatial join: each is written against
#   `buurt_area` itself (a CTE has no index), from a point or a polygon whose box the index
#   narrows down.
# - `place_public_geography_idx` is on `(public_location)::geography(Point,4326)`. The
#   planner only matches an index expression that is written the same way: a bare
#   `::geography` is another expression (no type modifier) and ends in a sequential scan.
COVERAGE_SQL = """
WITH RECURSIVE
descendants AS (
    SELECT c.id
    FROM buurt_area root
    JOIN buurt_area c ON c.parent_id = root.id
    WHERE root.code = %(parent_code)s::text
    UNION
    SELECT c.id
    FROM descendants d
    JOIN buurt_area c ON c.parent_id = d.id
),
targets AS MATERIALIZED (
    SELECT t.id, t.code, t.name, t.population, t.geometry, ST_PointOnSurface(t.geometry) AS pos
    FROM buurt_area t
    WHERE t.kind = %(kind)s
      AND (%(parent_code)s::text IS NULL OR t.id IN (SELECT id FROM descendants))
),
-- Populated areas finer than `kind` whose point on surface (always inside the area) lies
-- in a target, driven from each target through the area index so that consecutive
-- ST_Covers calls share the target's polygon (PostGIS prepares and caches it). An area
-- that holds a finer populated area stands aside for it: the finest figures available at
-- each place count, so a neighbourhood without sectors still counts next to one with.
-- (A subquery in CASE stays a per-row index lookup; a NOT EXISTS in WHERE may be planned
-- as a join against all areas.)
candidates AS MATERIALIZED (
    SELECT t.id AS target_id, x.id AS area_id, x.population,
           ST_PointOnSurface(x.geometry) AS pos,
           CASE WHEN x.kind = %(finest_kind)s THEN false ELSE EXISTS (
               SELECT 1
               FROM buurt_area y
               WHERE y.geometry && x.geometry
                 AND y.population IS NOT NULL
                 AND array_position(%(finest_first)s::text[], y.kind::text)
                     < array_position(%(finest_first)s::text[], x.kind::text)
                 AND ST_Covers(x.geometry, ST_PointOnSurface(y.geometry))
           ) END AS holds_finer
    FROM targets t
    JOIN buurt_area x ON x.geometry && t.geometry
    WHERE x.kind = ANY(%(finer_kinds)s::text[])
      AND x.population IS NOT NULL
      AND ST_Covers(t.geometry, ST_PointOnSurface(x.geometry))
),
-- Where the residents of each target live: its finest populated areas, or the target
-- itself when it holds no finer populated area at all.
residents AS MATERIALIZED (
    SELECT target_id, area_id, population, pos
    FROM candidates
    WHERE NOT holds_finer
    UNION ALL
    SELECT t.id, t.id, t.population, t.pos
    FROM targets t
    WHERE NOT EXISTS (SELECT 1 FROM candidates c WHERE c.target_id = t.id)
),
resident_points AS MATERIALIZED (
    SELECT DISTINCT ON (area_id) area_id, pos
    FROM residents
    ORDER BY area_id
),
published AS MATERIALIZED (
    SELECT a.id, a.place_id
    FROM events_activity a
    WHERE a.status = %(published)s
),
place_models AS MATERIALIZED (
    SELECT DISTINCT a.place_id, wm.workmodel_id
    FROM published a
    JOIN events_activity_work_models wm ON wm.activity_id = a.id
    WHERE a.place_id IS NOT NULL
),
-- (activity, area) pairs of the published programmes without a venue, and those areas.
served AS MATERIALIZED (
    SELECT sa.activity_id, sa.area_id
    FROM published a
    JOIN events_activity_service_areas sa ON sa.activity_id = a.id
),
served_areas AS MATERIALIZED (
    SELECT s.id, s.geometry, ST_PointOnSurface(s.geometry) AS pos
    FROM buurt_area s
    WHERE s.id IN (SELECT area_id FROM served)
),
-- (resident point, work model) pairs within reach: near the public point of a place with
-- a published activity of the model, or inside an area served by one.
covered AS (
    SELECT r.area_id, pm.workmodel_id
    FROM resident_points r
    JOIN places_place p
      ON ST_DWithin(p.public_location::geography(Point, 4326), r.pos::geography, %(distance)s)
    JOIN place_models pm ON pm.place_id = p.id
    UNION
    -- A resident point lies in its own area, so only areas whose box overlaps the served
    -- area (found through the index) can hold covered points.
    SELECT r.area_id, wm.workmodel_id
    FROM served_areas s
    JOIN buurt_area x ON x.geometry && s.geometry
    JOIN resident_points r ON r.area_id = x.id
    JOIN served sv ON sv.area_id = s.id
    JOIN events_activity_work_models wm ON wm.activity_id = sv.activity_id
    WHERE ST_Covers(s.geometry, r.pos)
),
resident_totals AS (
    SELECT target_id, sum(population) AS population
    FROM residents
    GROUP BY target_id
),
covered_totals AS (
    SELECT r.target_id, c.workmodel_id, sum(r.population) AS population
    FROM residents r
    JOIN covered c ON c.area_id = r.area_id
    GROUP BY r.target_id, c.workmodel_id
),
-- (target, activity) pairs; UNION keeps an activity found twice from counting twice.
located AS (
    SELECT t.id AS target_id, a.id AS activity_id
    FROM published a
    JOIN places_place p ON p.id = a.place_id
    JOIN buurt_area t ON ST_Covers(t.geometry, p.public_location)
    JOIN targets tt ON tt.id = t.id
    UNION
    SELECT sv.area_id, sv.activity_id
    FROM served sv
    JOIN targets tt ON tt.id = sv.area_id
    UNION
    -- The target's point on surface lies in the served area (so their boxes overlap).
    SELECT t.id, sv.activity_id
    FROM served_areas s
    JOIN buurt_area t ON t.geometry && s.geometry
    JOIN targets tt ON tt.id = t.id
    JOIN served sv ON sv.area_id = s.id
    WHERE ST_Covers(s.geometry, tt.pos)
    UNION
    -- The served area's point on surface lies in the target.
    SELECT t.id, sv.activity_id
    FROM served_areas s
    JOIN buurt_area t ON ST_Covers(t.geometry, s.pos)
    JOIN targets tt ON tt.id = t.id
    JOIN served sv ON sv.area_id = s.id
),
counts AS (
    SELECT l.target_id, wm.workmodel_id, count(*) AS activities
    FROM located l
    JOIN events_activity_work_models wm ON wm.activity_id = l.activity_id
    GROUP BY l.target_id, wm.workmodel_id
)
SELECT t.code, t.name, t.population, m.code,
       coalesce(n.activities, 0), coalesce(ct.population, 0), rt.population
FROM targets t
CROSS JOIN events_workmodel m
LEFT JOIN counts n ON n.target_id = t.id AND n.workmodel_id = m.id
LEFT JOIN covered_totals ct ON ct.target_id = t.id AND ct.workmodel_id = m.id
LEFT JOIN resident_totals rt ON rt.target_id = t.id
ORDER BY t.code, m.position, m.id
"""


def coverage_by_area(
    *, kind: str, distance_m: float = DEFAULT_DISTANCE_M, parent_code: str | None = None
) -> list[dict]:
    """Per area of `kind` (ordered by code) and per work model (by position): how many
    published activities the area has, and what share of its residents live within
    `distance_m` metres of one. Raises ValueError on an unknown kind or parent code, or a
    distance outside 0..MAX_DISTANCE_M.

    - `parent_code`: only the descendants (through `parent`, at any depth) of the area(s)
      with that code.
    - `activities`: published activities of the model whose place's real point the area
      covers, or that serve the area: a service area that is the area, that covers the
      area's point on surface (a town-wide programme counts in each of its neighbourhoods)
      or whose own point on surface lies in the area (a neighbourhood programme counts in
      its town). Points on surface rather than "interiors intersect", so that slivers where
      boundaries from different sources disagree do not count a programme next door.
    - `population_within_distance_share`: residents live at the points on surface of the
      finest populated areas (sector, then neighbourhood, then district) whose point on
      surface lies in the area, or at the area's own point when it holds none. A resident
      point is covered by a model when it lies within `distance_m` (geodesic) of the public
      point of a place with a published activity of the model, wherever that place is, or
      inside an area that a published programme of the model serves. The share is of those
      residents' population, rounded to 4 decimals; None when it is 0 or unknown. Public
      points, not real ones, so that the shares cannot give a hidden place away.

    `population` is the area's own figure; the share's denominator is the residents' total,
    which differs from it when finer figures are used. Where finer areas cover only part of
    a coarser one, the rest of the coarser one's residents are not counted.
    """
    sql, params = coverage_query(kind=kind, distance_m=distance_m, parent_code=parent_code)
    alias = read_database()
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        # The planner's high cost estimates for the spatial functions switch JIT compilation
        # on, and compiling takes longer (a second or more) than running the query.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, params)
        rows = cursor.fetchall()

    areas: list[dict] = []
    for code, name, population, model, activities, covered, residents in rows:
        if not areas or areas[-1]["code"] != code:
            areas.append({"code": code, "name": name, "population": population, "work_models": {}})
        share = round(covered / residents, 4) if residents else None
        areas[-1]["work_models"][model] = {
            "activities": activities,
            "population_within_distance_share": share,
        }
    return areas


def coverage_query(
    *, kind: str, distance_m: float = DEFAULT_DISTANCE_M, parent_code: str | None = None
) -> tuple[str, dict]:
    """The checked SQL and parameters of `coverage_by_area`, also for EXPLAIN in tests."""
    if kind not in AreaKind.values:
        raise ValueError(f"Unknown area kind {kind!r}.")
    if not math.isfinite(distance_m) or not 0 <= distance_m <= MAX_DISTANCE_M:
        raise ValueError(f"The distance must be between 0 and {MAX_DISTANCE_M} metres.")
    if parent_code is not None and not Area.objects.filter(code=parent_code).exists():
        raise ValueError(f"Unknown area code {parent_code!r}.")
    kinds = list(AreaKind.values)  # coarse to fine
    return COVERAGE_SQL, {
        "kind": kind,
        "parent_code": parent_code,
        "finer_kinds": kinds[kinds.index(kind) + 1 :],
        "finest_first": FINEST_FIRST,
        "finest_kind": FINEST_FIRST[0],
        "published": Status.PUBLISHED.value,
        "distance": float(distance_m),
    }
