"""Coverage per area: which work models are on offer in and near each area, and for what
share of its residents. Read by the policymakers' `GET /api/v1/coverage/` endpoint."""

import json
import math
from datetime import datetime

from django.db import connections, transaction

from buurt.models import FINEST_FIRST, Area, AreaKind
from core.replica import read_database

from .models import Status

DEFAULT_DISTANCE_M = 1200
# Every resident point probes the places index with this radius: a bound keeps one request
# from turning into a comparison of every point with every place.
MAX_DISTANCE_M = 20_000
# How many nearest places each resident point lists in one index walk (see NEAR_NOW): on the
# bench data 16 answer 92% of the (point, model) pairs; 8 to 32 measured the same within
# the noise, more make each walk longer, fewer leave more pairs to a walk of their own.
NEAREST_PLACES = 16
# Work memory of the coverage query's transaction (see coverage_rows).
WORK_MEM = "64MB"

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
COVERAGE_SQL_TEMPLATE = """
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
-- The box of all targets: served areas outside it can neither count in a target nor cover
-- one of its residents.
scope AS MATERIALIZED (
    SELECT ST_SetSRID(ST_Extent(geometry)::geometry, 4326) AS box
    FROM targets
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
{published}
-- (activity, area) pairs of the published programmes without a venue, and those areas.
served_areas AS MATERIALIZED (
    SELECT s.id, s.geometry, ST_PointOnSurface(s.geometry) AS pos
    FROM scope
    JOIN buurt_area s ON s.geometry && scope.box
    WHERE s.id IN (SELECT area_id FROM served)
),
-- (resident point, work model, distance) within the largest distance asked for: near the
-- public point of a place with a published activity of the model, or inside an area served
-- by one (distance 0). The nearest one per pair is kept, so that every distance asked for
-- is answered from the same pass.
reached AS (
{near}
    UNION ALL
    -- A resident point lies in its own area, so only areas whose box overlaps the served
    -- area (found through the index) can hold covered points.
    SELECT r.area_id, pm.workmodel_id, 0::float8
    FROM served_areas s
    JOIN buurt_area x ON x.geometry && s.geometry
    JOIN resident_points r ON r.area_id = x.id
    JOIN served sv ON sv.area_id = s.id
    JOIN published_models pm ON pm.activity_id = sv.activity_id
    WHERE ST_Covers(s.geometry, r.pos)
),
covered AS (
    SELECT area_id, workmodel_id, min(distance) AS distance
    FROM reached
    GROUP BY area_id, workmodel_id
),
resident_totals AS (
    SELECT target_id, sum(population) AS population
    FROM residents
    GROUP BY target_id
),
covered_totals AS (
    SELECT r.target_id, c.workmodel_id,
           sum(r.population) FILTER (WHERE c.distance <= %(distance)s) AS population,
           sum(r.population) FILTER (WHERE c.distance <= %(distance_2)s) AS population_2
    FROM residents r
    JOIN covered c ON c.area_id = r.area_id
    GROUP BY r.target_id, c.workmodel_id
),
-- (target, activity) pairs; UNION keeps an activity found twice from counting twice.
located AS (
{located}
    UNION
    -- The target is the served area. From the served areas (a handful in a municipality),
    -- so that the served pairs are found by index rather than by hashing all activities.
    SELECT s.id, sv.activity_id
    FROM served_areas s
    JOIN targets tt ON tt.id = s.id
    JOIN served sv ON sv.area_id = s.id
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
{located_facts}
counts AS (
    SELECT l.target_id, x.workmodel_id, count(*) AS activities
    FROM located_facts l
    CROSS JOIN unnest(l.models) AS x(workmodel_id)
    GROUP BY l.target_id, x.workmodel_id
),
-- When and in which languages, per target, over all its activities (each counted once).
-- Evening: the first start is at 18:00 or later, Brussels time (a rule repeats that time).
-- Weekend: the rule names Saturday or Sunday (BYDAY), or repeats daily, or, without BYDAY,
-- the first start falls on a Saturday or Sunday (a weekly rule repeats that weekday).
times AS (
    SELECT a.target_id,
           count(*) AS activities,
           count(*) FILTER (
               WHERE (a.dtstart AT TIME ZONE 'Europe/Brussels')::time >= time '18:00'
           ) AS evening,
           count(*) FILTER (WHERE CASE
               WHEN a.rrule ~ 'BYDAY=' THEN a.rrule ~ 'BYDAY=[^;]*(SA|SU)'
               WHEN a.rrule ~ 'FREQ=(DAILY|HOURLY|MINUTELY|SECONDLY)' THEN true
               ELSE extract(isodow FROM a.dtstart AT TIME ZONE 'Europe/Brussels') IN (6, 7)
           END) AS weekend,
           count(*) FILTER (WHERE a.basic_dutch_ok) AS basic_dutch_ok
    FROM located_facts a
    GROUP BY a.target_id
),
spoken AS (
    SELECT target_id, jsonb_object_agg(language, n) AS languages
    FROM (
        SELECT a.target_id, x.language, count(*) AS n
        FROM located_facts a
        CROSS JOIN unnest(a.languages) AS x(language)
        WHERE x.language <> 'nl'
        GROUP BY a.target_id, x.language
    ) per_language
    GROUP BY target_id
)
SELECT t.code, t.name, t.population, m.code,
       coalesce(n.activities, 0), coalesce(ct.population, 0), rt.population,
       coalesce(ct.population_2, 0), coalesce(tm.activities, 0), coalesce(tm.evening, 0),
       coalesce(tm.weekend, 0), coalesce(tm.basic_dutch_ok, 0),
       coalesce(sp.languages, '{{}}'::jsonb)
FROM targets t
CROSS JOIN events_workmodel m
LEFT JOIN counts n ON n.target_id = t.id AND n.workmodel_id = m.id
LEFT JOIN covered_totals ct ON ct.target_id = t.id AND ct.workmodel_id = m.id
LEFT JOIN resident_totals rt ON rt.target_id = t.id
LEFT JOIN times tm ON tm.target_id = t.id
LEFT JOIN spoken sp ON sp.target_id = t.id
ORDER BY t.code, m.position, m.id
"""


# The published activities as they stand now, read where the pairs found below point:
# `published_models`, and `served` (activity, area served). Not materialised: they are
# joined by id, and a CTE has neither an index nor a row estimate, so the planner would
# rescan it in nested loops.
PUBLISHED_NOW = """
published_models AS NOT MATERIALIZED (
    SELECT wm.activity_id, wm.workmodel_id
    FROM events_activity_work_models wm
),
served AS NOT MATERIALIZED (
    SELECT sa.activity_id, sa.area_id
    FROM events_activity_service_areas sa
    JOIN events_activity a ON a.id = sa.activity_id
    WHERE a.status = %(published)s
),"""

# Now, per resident point and work model: the nearest place with a published activity of the
# model, in the order of the nearest-neighbour walk of the places' geography index (`<->`),
# bounded by the reach. In two steps, so that most pairs cost no index walk of their own:
# - `nearest`: one walk per resident point, of its NEAREST_PLACES nearest places (of any
#   model); for each model among their published activities, the first place in walk order
#   is the nearest with that model (every place outside the list is at least as far).
# - the pairs not answered there get the walk of their own, stopped at the first place with
#   the model (the GiST scan prunes by the bound and orders by distance), unless the point's
#   list was short: then it held every place within the reach, and the model has none.
# Both steps order by `<->` and measure with ST_Distance, as a single walk per pair would.
NEAR_NOW = """
    SELECT area_id, workmodel_id, distance
    FROM (
        WITH nearest AS MATERIALIZED (
            SELECT r.area_id, k.id AS place_id, k.distance, k.rank
            FROM resident_points r
            CROSS JOIN LATERAL (
                SELECT p.id,
                       ST_Distance(p.public_location::geography(Point, 4326), r.pos::geography)
                           AS distance,
                       p.public_location::geography(Point, 4326) <-> r.pos::geography AS rank
                FROM places_place p
                WHERE ST_DWithin(
                    p.public_location::geography(Point, 4326), r.pos::geography, %(reach)s
                )
                ORDER BY p.public_location::geography(Point, 4326) <-> r.pos::geography
                LIMIT %(nearest_places)s
            ) k
        ),
        -- OFFSET 0: a probe by the place index per listed place; the planner, not knowing
        -- how few places are listed, would otherwise hash all activities.
        found AS MATERIALIZED (
            SELECT DISTINCT ON (n.area_id, f.workmodel_id) n.area_id, f.workmodel_id, n.distance
            FROM nearest n
            CROSS JOIN LATERAL (
                SELECT wm.workmodel_id
                FROM events_activity a
                JOIN events_activity_work_models wm ON wm.activity_id = a.id
                WHERE a.place_id = n.place_id AND a.status = %(published)s
                OFFSET 0
            ) f
            ORDER BY n.area_id, f.workmodel_id, n.rank
        ),
        -- Materialised, so that only the unanswered pairs reach the walk below.
        unanswered AS MATERIALIZED (
            SELECT r.area_id, r.pos, m.id AS workmodel_id
            FROM resident_points r
            CROSS JOIN events_workmodel m
            WHERE r.area_id IN (
                SELECT area_id FROM nearest
                GROUP BY area_id
                HAVING count(*) >= %(nearest_places)s
            )
              AND NOT EXISTS (
                  SELECT 1 FROM found f
                  WHERE f.area_id = r.area_id AND f.workmodel_id = m.id
              )
        )
        SELECT area_id, workmodel_id, distance
        FROM found
        UNION ALL
        SELECT u.area_id, u.workmodel_id, k.distance
        FROM unanswered u
        CROSS JOIN LATERAL (
            SELECT ST_Distance(p.public_location::geography(Point, 4326), u.pos::geography)
                   AS distance
            FROM places_place p
            WHERE ST_DWithin(
                p.public_location::geography(Point, 4326), u.pos::geography, %(reach)s
            )
              AND EXISTS (
                  SELECT 1
                  FROM events_activity a
                  JOIN events_activity_work_models wm ON wm.activity_id = a.id
                  WHERE a.place_id = p.id
                    AND a.status = %(published)s
                    AND wm.workmodel_id = u.workmodel_id
              )
            ORDER BY p.public_location::geography(Point, 4326) <-> u.pos::geography
            LIMIT 1
        ) k
    ) near"""

# Now: from each target through the places' point index, then to their activities (by the
# place index: OFFSET 0, as below).
LOCATED_NOW = """
    SELECT t.id AS target_id, a.id AS activity_id
    FROM targets t
    JOIN places_place p ON ST_Covers(t.geometry, p.public_location)
    CROSS JOIN LATERAL (
        SELECT a.id
        FROM events_activity a
        WHERE a.place_id = p.id AND a.status = %(published)s
        OFFSET 0
    ) a"""

# The same three relations at an earlier moment `at`, from the change history: an activity
# with change rows stands as its last snapshot before `at` (none: it did not exist yet); an
# activity without any (older than the history) counts from its creation in its current
# state. The snapshot's point is the place's public point at the time.
PUBLISHED_THEN = """
latest AS MATERIALIZED (
    SELECT DISTINCT ON (c.activity_id) c.activity_id, c.snapshot
    FROM events_activitychange c
    WHERE c.at < %(at)s
    ORDER BY c.activity_id, c.at DESC, c.id DESC
),
published AS MATERIALIZED (
    SELECT l.activity_id AS id, (l.snapshot->>'place')::bigint AS place_id,
           CASE WHEN jsonb_typeof(l.snapshot->'point') = 'array' THEN ST_SetSRID(ST_MakePoint(
               (l.snapshot->'point'->>0)::float8, (l.snapshot->'point'->>1)::float8), 4326)
           END AS pt,
           ARRAY(SELECT jsonb_array_elements_text(l.snapshot->'languages'))::varchar[]
               AS languages,
           (l.snapshot->>'basic_dutch_ok')::boolean AS basic_dutch_ok,
           (l.snapshot->'schedule'->>'dtstart')::timestamptz AS dtstart,
           l.snapshot->'schedule'->>'rrule' AS rrule
    FROM latest l
    WHERE l.snapshot->>'status' = %(published)s
    UNION ALL
    SELECT a.id, a.place_id, p.public_location, a.languages, a.basic_dutch_ok,
           s.dtstart, s.rrule
    FROM events_activity a
    LEFT JOIN places_place p ON p.id = a.place_id
    LEFT JOIN events_schedule s ON s.activity_id = a.id
    WHERE a.status = %(published)s
      AND a.created_at < %(at)s
      AND NOT EXISTS (SELECT 1 FROM events_activitychange c WHERE c.activity_id = a.id)
),
published_models AS MATERIALIZED (
    SELECT l.activity_id, m.id AS workmodel_id
    FROM latest l
    JOIN published a ON a.id = l.activity_id
    CROSS JOIN jsonb_array_elements_text(l.snapshot->'work_models') AS c(code)
    JOIN events_workmodel m ON m.code = c.code
    UNION ALL
    SELECT wm.activity_id, wm.workmodel_id
    FROM events_activity_work_models wm
    JOIN published a ON a.id = wm.activity_id
    WHERE NOT EXISTS (SELECT 1 FROM latest l WHERE l.activity_id = wm.activity_id)
),
served AS MATERIALIZED (
    SELECT l.activity_id, c.id::bigint AS area_id
    FROM latest l
    JOIN published a ON a.id = l.activity_id
    CROSS JOIN jsonb_array_elements_text(l.snapshot->'service_areas') AS c(id)
    UNION ALL
    SELECT sa.activity_id, sa.area_id
    FROM events_activity_service_areas sa
    JOIN published a ON a.id = sa.activity_id
    WHERE NOT EXISTS (SELECT 1 FROM latest l WHERE l.activity_id = sa.activity_id)
),
-- Snapshot points have no index: only those in a box around the resident points, grown by
-- the reach (a geodesic buffer, then its box), are compared one by one.
reach AS MATERIALIZED (
    SELECT ST_Envelope(ST_Buffer(
        ST_Envelope(ST_Collect(pos))::geography, %(reach)s * 1.01 + 10)::geometry) AS box
    FROM resident_points
),
point_models AS MATERIALIZED (
    SELECT DISTINCT a.pt, pm.workmodel_id
    FROM published a
    JOIN published_models pm ON pm.activity_id = a.id
    CROSS JOIN reach
    WHERE a.pt && reach.box
),"""

NEAR_THEN = """
    SELECT r.area_id, pm.workmodel_id, ST_Distance(pm.pt::geography, r.pos::geography) AS distance
    FROM resident_points r
    JOIN point_models pm ON ST_DWithin(pm.pt::geography, r.pos::geography, %(reach)s)"""

# Now: what is needed of each activity found, looked up by id once per activity (a town-wide
# programme is found in every neighbourhood), then given to each of its (target, activity)
# pairs. OFFSET 0 keeps the lookup a per-activity index probe: the planner cannot estimate
# how few activities there are and would otherwise hash whole tables.
LOCATED_FACTS_NOW = """
located_facts AS MATERIALIZED (
    SELECT l.target_id, l.activity_id, f.languages, f.basic_dutch_ok, f.dtstart, f.rrule,
           f.models
    FROM located l
    JOIN (
        SELECT d.activity_id, f.languages, f.basic_dutch_ok, f.dtstart, f.rrule, f.models
        FROM (SELECT DISTINCT activity_id FROM located) d
        CROSS JOIN LATERAL (
            SELECT a.languages, a.basic_dutch_ok, s.dtstart, s.rrule,
                   ARRAY(
                       SELECT wm.workmodel_id
                       FROM events_activity_work_models wm
                       WHERE wm.activity_id = a.id
                   ) AS models
            FROM events_activity a
            LEFT JOIN events_schedule s ON s.activity_id = a.id
            WHERE a.id = d.activity_id
            OFFSET 0
        ) f
    ) f ON f.activity_id = l.activity_id
),"""

LOCATED_FACTS_THEN = """
located_facts AS MATERIALIZED (
    SELECT l.target_id, l.activity_id, a.languages, a.basic_dutch_ok, a.dtstart, a.rrule,
           coalesce(m.models, '{}'::bigint[]) AS models
    FROM located l
    JOIN published a ON a.id = l.activity_id
    LEFT JOIN (
        SELECT activity_id, array_agg(workmodel_id) AS models
        FROM published_models
        GROUP BY activity_id
    ) m ON m.activity_id = l.activity_id
),"""

# Then: snapshot points have no index; the few targets of a municipality are checked by box.
LOCATED_THEN = """
    SELECT t.id AS target_id, a.id AS activity_id
    FROM published a
    JOIN targets t ON a.pt && t.geometry AND ST_Covers(t.geometry, a.pt)"""

COVERAGE_SQL = COVERAGE_SQL_TEMPLATE.format(
    published=PUBLISHED_NOW,
    near=NEAR_NOW,
    located=LOCATED_NOW,
    located_facts=LOCATED_FACTS_NOW,
)
COVERAGE_THEN_SQL = COVERAGE_SQL_TEMPLATE.format(
    published=PUBLISHED_THEN,
    near=NEAR_THEN,
    located=LOCATED_THEN,
    located_facts=LOCATED_FACTS_THEN,
)


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
    rows = coverage_rows(kind=kind, distances_m=(distance_m,), parent_code=parent_code)
    return [
        {
            "code": row["code"],
            "name": row["name"],
            "population": row["population"],
            "work_models": {
                model: {
                    "activities": cell["activities"],
                    "population_within_distance_share": cell["shares"][0],
                }
                for model, cell in row["work_models"].items()
            },
        }
        for row in rows
    ]


def coverage_rows(
    *,
    kind: str,
    distances_m: tuple[float, ...] = (DEFAULT_DISTANCE_M,),
    parent_code: str | None = None,
    at: datetime | None = None,
) -> list[dict]:
    """The figures behind `coverage_by_area` and the policymakers' dashboard, in one query:
    per area of `kind` and per work model, the activities and one share of residents per
    distance in `distances_m` (one or two); per area, its residents, how many of its
    activities start in the evening or at weekends, how many welcome basic Dutch, and the
    languages other than Dutch spoken there. `at`: as the change history had it just before
    that moment, instead of now."""
    sql, params = coverage_query(kind=kind, distances_m=distances_m, parent_code=parent_code, at=at)
    alias = read_database()
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        # The planner's high cost estimates for the spatial functions switch JIT compilation
        # on, and compiling takes longer (a second or more) than running the query. The
        # default 4 MB of work memory spills the hash of served areas (their polygons) and
        # the final sort of a whole-Flanders matrix to disk. One statement, for both.
        cursor.execute(
            "SELECT set_config('jit', 'off', true), set_config('work_mem', %s, true)",
            [WORK_MEM],
        )
        cursor.execute(sql, params)
        rows = cursor.fetchall()

    areas: list[dict] = []
    for (
        code,
        name,
        population,
        model,
        activities,
        covered,
        residents,
        covered_2,
        total,
        evening,
        weekend,
        basic_dutch_ok,
        languages,
    ) in rows:
        if not areas or areas[-1]["code"] != code:
            # Django leaves jsonb undecoded on its connections (JSONField decodes it).
            languages = json.loads(languages) if isinstance(languages, str) else languages
            areas.append(
                {
                    "code": code,
                    "name": name,
                    "population": population,
                    "residents": residents or 0,
                    "activities": total,
                    "evening": evening,
                    "weekend": weekend,
                    "basic_dutch_ok": basic_dutch_ok,
                    "languages": dict(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))),
                    "work_models": {},
                }
            )
        shares = [
            round(value / residents, 4) if residents else None
            for value in (covered, covered_2)[: len(distances_m)]
        ]
        areas[-1]["work_models"][model] = {"activities": activities, "shares": shares}
    return areas


def coverage_query(
    *,
    kind: str,
    distance_m: float | None = None,
    distances_m: tuple[float, ...] = (DEFAULT_DISTANCE_M,),
    parent_code: str | None = None,
    at: datetime | None = None,
) -> tuple[str, dict]:
    """The checked SQL and parameters of `coverage_rows`, also for EXPLAIN in tests."""
    if distance_m is not None:
        distances_m = (distance_m,)
    if kind not in AreaKind.values:
        raise ValueError(f"Unknown area kind {kind!r}.")
    if not 1 <= len(distances_m) <= 2:
        raise ValueError("Give one or two distances.")
    for distance in distances_m:
        if not math.isfinite(distance) or not 0 <= distance <= MAX_DISTANCE_M:
            raise ValueError(f"The distance must be between 0 and {MAX_DISTANCE_M} metres.")
    if parent_code is not None and not Area.objects.filter(code=parent_code).exists():
        raise ValueError(f"Unknown area code {parent_code!r}.")
    if at is not None and at.tzinfo is None:
        raise ValueError("The moment must carry a time zone.")
    kinds = list(AreaKind.values)  # coarse to fine
    return COVERAGE_SQL if at is None else COVERAGE_THEN_SQL, {
        "kind": kind,
        "parent_code": parent_code,
        "finer_kinds": kinds[kinds.index(kind) + 1 :],
        "finest_first": FINEST_FIRST,
        "finest_kind": FINEST_FIRST[0],
        "published": Status.PUBLISHED.value,
        "distance": float(distances_m[0]),
        "distance_2": float(distances_m[-1]),
        "reach": float(max(distances_m)),
        "nearest_places": NEAREST_PLACES,
        "at": at,
    }
