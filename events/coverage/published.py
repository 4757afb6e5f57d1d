"""The published activities at the moment asked for, as the relations the rest of the
statement reads: `published_models` (activity, work model) and `served` (activity, area
served); at an earlier moment also `published` and the snapshot points near the residents."""

# The published activities as they stand now, read where the pairs found in `reach` and
# `offer` point: `published_models`, and `served` (activity, area served). Not
# materialised: they are joined by id, and a CTE has neither an index nor a row estimate,
# so the planner would rescan it in nested loops.
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
)"""

# The same relations at an earlier moment `at`, from the change history: an activity
# with change rows stands as its last snapshot before `at` (none: it did not exist yet); an
# activity without any (older than the history) counts from its creation in its current
# state. The snapshot's point is the place's public point at the time.
PUBLISHED_THEN = """
-- Snapshot points have no index: only those in a box around the resident points, grown by
-- the reach (a geodesic buffer, then its box), are compared one by one, and each resident
-- point only with those in its own box, grown the same way (the margin covers the buffer's
-- polygon falling inside the true circle).
reach AS MATERIALIZED (
    SELECT ST_Envelope(ST_Buffer(
        ST_Envelope(ST_Collect(pos))::geography, %(reach)s * 1.01 + 10)::geometry) AS box
    FROM resident_points
),
-- Where a published activity's point can count: near a resident point or in a target. An
-- activity elsewhere takes no part in these figures, so it is left out from the start
-- (the current activities' places found by the place index); one without a point may
-- serve areas anywhere.
bounds AS MATERIALIZED (
    SELECT ST_Envelope(ST_Collect(reach.box, scope.box)) AS box
    FROM reach, scope
),
latest AS MATERIALIZED (
    SELECT DISTINCT ON (c.activity_id) c.activity_id, c.snapshot
    FROM events_activitychange c
    WHERE c.at < %(at)s
    ORDER BY c.activity_id, c.at DESC, c.id DESC
),
published AS MATERIALIZED (
    SELECT l.*
    FROM (
        SELECT l.activity_id AS id, (l.snapshot->>'place')::bigint AS place_id,
               CASE WHEN jsonb_typeof(l.snapshot->'point') = 'array' THEN ST_SetSRID(
                   ST_MakePoint((l.snapshot->'point'->>0)::float8,
                                (l.snapshot->'point'->>1)::float8), 4326)
               END AS pt,
               ARRAY(SELECT jsonb_array_elements_text(l.snapshot->'languages'))::varchar[]
                   AS languages,
               (l.snapshot->>'basic_dutch_ok')::boolean AS basic_dutch_ok,
               (l.snapshot->'schedule'->>'dtstart')::timestamptz AS dtstart,
               l.snapshot->'schedule'->>'rrule' AS rrule,
               true AS from_history
        FROM latest l
        WHERE l.snapshot->>'status' = %(published)s
        OFFSET 0
    ) l
    CROSS JOIN bounds
    WHERE l.pt IS NULL OR l.pt && bounds.box
    UNION ALL
    SELECT a.id, a.place_id, p.public_location, a.languages, a.basic_dutch_ok,
           s.dtstart, s.rrule, false
    FROM bounds
    JOIN places_place p ON p.public_location && bounds.box
    JOIN events_activity a ON a.place_id = p.id
    LEFT JOIN events_schedule s ON s.activity_id = a.id
    WHERE a.status = %(published)s
      AND a.created_at < %(at)s
      AND NOT EXISTS (SELECT 1 FROM events_activitychange c WHERE c.activity_id = a.id)
    UNION ALL
    SELECT a.id, NULL, NULL, a.languages, a.basic_dutch_ok, s.dtstart, s.rrule, false
    FROM events_activity a
    LEFT JOIN events_schedule s ON s.activity_id = a.id
    WHERE a.place_id IS NULL
      AND a.status = %(published)s
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
resident_reach AS MATERIALIZED (
    SELECT area_id, g, ST_XMin(box) AS xmin, ST_XMax(box) AS xmax,
           ST_YMin(box) AS ymin, ST_YMax(box) AS ymax
    FROM (
        SELECT area_id, pos::geography AS g,
               ST_Envelope(ST_Buffer(pos::geography, %(reach)s * 1.01 + 10)::geometry) AS box
        FROM resident_points
    ) boxed
),
-- The snapshot points that may lie in a target (offer.LOCATED_THEN); the current places
-- are found there by their index.
published_in_scope AS MATERIALIZED (
    SELECT a.id, a.pt
    FROM published a
    CROSS JOIN scope
    WHERE a.from_history AND a.pt && scope.box
),
point_models AS MATERIALIZED (
    SELECT DISTINCT a.pt, a.pt::geography AS g, ST_X(a.pt) AS x, ST_Y(a.pt) AS y,
           pm.workmodel_id
    FROM published a
    JOIN published_models pm ON pm.activity_id = a.id
    CROSS JOIN reach
    WHERE a.pt && reach.box
)"""
