"""Where the residents of each area live and which of their points a work model reaches: the
areas asked for, their resident points, the nearest places per point and work model, and the
population within each distance. Parts of the statement in `statement.py`."""

# The areas under the parent asked for (`%(parent_code)s`), at any depth: a recursive CTE
# (the statement starts WITH RECURSIVE). Also read by the statements of the kept figures.
DESCENDANTS = """
descendants AS (
    SELECT c.id
    FROM buurt_area root
    JOIN buurt_area c ON c.parent_id = root.id
    WHERE root.code = %(parent_code)s::text
    UNION
    SELECT c.id
    FROM descendants d
    JOIN buurt_area c ON c.parent_id = d.id
)"""

# The areas asked for (`targets`, all of a kind or those under a parent) and their residents.
RESIDENTS = (
    DESCENDANTS
    + """,
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
)"""
)

# The served areas of the published programmes, for the reach below and for `offer.LOCATED`.
SERVED_AREAS = """
-- (activity, area) pairs of the published programmes without a venue, and those areas.
served_areas AS MATERIALIZED (
    SELECT s.id, s.geometry, ST_PointOnSurface(s.geometry) AS pos
    FROM scope
    JOIN buurt_area s ON s.geometry && scope.box
    WHERE s.id IN (SELECT area_id FROM served)
)"""

# `near` is the moment's part (NEAR_NOW or NEAR_THEN below): (resident point, work model,
# distance) from the public points of places.
REACHED = """
-- (resident point, work model, distance) within the largest distance asked for: near the
-- public point of a place with a published activity of the model, or inside an area served
-- by one (distance 0). The nearest one per pair is kept, so that every distance asked for
-- is answered from the same pass.
reached AS (
    SELECT area_id, workmodel_id, distance
    FROM near
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
)"""

# Per target and work model, the population within the first and the second distance.
COVERED = """
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
)"""

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

# Then: snapshot points have no index; only those near the resident points are compared
# (`point_models`, in `published.PUBLISHED_THEN`).
# Geodesic measures on the ellipsoid are most of the statement's time (2-3 µs a pair, a
# town has some 160,000 pairs in its boxes), and only the nearest point per resident point
# and work model counts. So every pair is measured on the sphere first (five times
# cheaper, within 0.6% of the ellipsoid anywhere on earth), and on the ellipsoid only
# those within 2% of the nearest on the sphere and of the reach: the nearest on the
# ellipsoid is always among them. Points are cast to geography once each (`g`), the box
# test compares plain coordinates (the boxes' margin keeps their edges out of reach), and
# OFFSET 0 keeps each measure to one evaluation.
NEAR_THEN = """
    SELECT area_id, workmodel_id, distance
    FROM (
        SELECT area_id, workmodel_id, ST_Distance(g, rg) AS distance
        FROM (
            SELECT *, min(sphere) OVER (PARTITION BY area_id, workmodel_id) AS nearest
            FROM (
                SELECT r.area_id, pm.workmodel_id, pm.g, r.g AS rg,
                       ST_Distance(pm.g, r.g, false) AS sphere
                FROM resident_reach r
                JOIN point_models pm
                  ON pm.x BETWEEN r.xmin AND r.xmax AND pm.y BETWEEN r.ymin AND r.ymax
                OFFSET 0
            ) pairs
        ) ranked
        WHERE sphere <= nearest * 1.02 AND sphere <= %(reach)s * 1.02
        OFFSET 0
    ) measured
    WHERE distance <= %(reach)s"""
