"""What is on offer in each area: the (area, activity) pairs found by place or by served
area, the facts of those activities, and from them the counts per work model, the evening and
weekend counts and the languages spoken. Parts of the statement in `statement.py`."""

# `located_places` is the moment's part (LOCATED_NOW or LOCATED_THEN below): the (target,
# activity) pairs of the places in each target.
LOCATED = """
-- (target, activity) pairs; UNION keeps an activity found twice from counting twice.
located AS (
    SELECT target_id, activity_id
    FROM located_places
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
)"""

# From `located_facts` (LOCATED_FACTS_NOW or LOCATED_FACTS_THEN below).
OFFER = """
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
)"""

# The final select: a row per target and work model.
ROWS = """
SELECT t.code, t.name, t.population, m.code,
       coalesce(n.activities, 0), coalesce(ct.population, 0), rt.population,
       coalesce(ct.population_2, 0), coalesce(tm.activities, 0), coalesce(tm.evening, 0),
       coalesce(tm.weekend, 0), coalesce(tm.basic_dutch_ok, 0),
       coalesce(sp.languages, '{}'::jsonb)
FROM targets t
CROSS JOIN events_workmodel m
LEFT JOIN counts n ON n.target_id = t.id AND n.workmodel_id = m.id
LEFT JOIN covered_totals ct ON ct.target_id = t.id AND ct.workmodel_id = m.id
LEFT JOIN resident_totals rt ON rt.target_id = t.id
LEFT JOIN times tm ON tm.target_id = t.id
LEFT JOIN spoken sp ON sp.target_id = t.id
ORDER BY t.code, m.position, m.id"""

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
)"""

LOCATED_FACTS_THEN = """
located_ids AS MATERIALIZED (
    SELECT DISTINCT activity_id FROM located
),
-- The moment's facts of the located activities alone: joined and grouped over all the
-- published activities of Flanders, they took half of a municipality's statement.
located_models AS MATERIALIZED (
    SELECT pm.activity_id, array_agg(pm.workmodel_id) AS models
    FROM published_models pm
    JOIN located_ids d ON d.activity_id = pm.activity_id
    GROUP BY pm.activity_id
),
located_published AS MATERIALIZED (
    SELECT a.id, a.languages, a.basic_dutch_ok, a.dtstart, a.rrule
    FROM published a
    JOIN located_ids d ON d.activity_id = a.id
),
located_facts AS MATERIALIZED (
    SELECT l.target_id, l.activity_id, a.languages, a.basic_dutch_ok, a.dtstart, a.rrule,
           coalesce(m.models, '{}'::bigint[]) AS models
    FROM located l
    JOIN located_published a ON a.id = l.activity_id
    LEFT JOIN located_models m ON m.activity_id = l.activity_id
)"""

# Then: snapshot points have no index. Only those inside the box of all targets (`scope`,
# one box test each) are compared with the targets, target by target, so that consecutive
# ST_Covers calls share the target's polygon (PostGIS prepares and caches it).
LOCATED_THEN = """
    SELECT t.id AS target_id, a.id AS activity_id
    FROM targets t
    JOIN published_in_scope a ON a.pt && t.geometry AND ST_Covers(t.geometry, a.pt)
    UNION ALL
    -- An activity that stands as it is now is at its place's point: the place index finds
    -- those in each target, as LOCATED_NOW does.
    SELECT t.id, a.id
    FROM targets t
    JOIN places_place p ON ST_Covers(t.geometry, p.public_location)
    JOIN published a ON a.place_id = p.id AND NOT a.from_history"""
