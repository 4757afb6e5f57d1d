"""The coverage figures kept current instead of recomputed per request.

These relations hold what the statement of `statement.py` would otherwise work out on every
read (tables in `tables.py`):

- `CoveragePoint`: per area (of any kind), its resident points and their population;
- `CoverageReach`: per resident point and work model, the nearest place with a published
  activity of the model (as the places' index walk orders them, within MAX_DISTANCE_M) and
  whether a served area of a published programme of the model covers the point;
- `CoverageSupply` (+ `CoverageActivity`): per area, the published activities found in it
  by place or by served area, with the facts the figures count, and `CoverageOffer`, those
  counted per area;
- `CoverageCell` and `CoverageFigure`: per area, the population covered at the dashboard's
  two distances and its whole row of the matrix; `CoverageFigureDay` keeps a row as it
  stood on earlier days when a later day's write replaces it (since `CoverageDays`
  began), so that the figures at the end of those days are read, not recomputed.

Database triggers (migration events 0013) report every write to what these read into
`CoverageDirty`; `coverage_catch_up()`, called by the write services inside their
transaction, takes those in: it refreshes what the written activities and places touch
(areas changed: everything). While something is not taken in (a write that bypassed the
services), `READY` is false and the reads compute from scratch, so a figure is never
stale. `coverage_rebuild()` builds everything from scratch.
"""

import json
from datetime import date
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils import timezone

from events.models import Status

from .distances import CYCLING_M, MAX_DISTANCE_M, WALKING_M

BRUSSELS = ZoneInfo("Europe/Brussels")

# Whether the kept figures hold every write: nothing waits in the dirty table.
READY = "NOT EXISTS (SELECT 1 FROM events_coveragedirty)"

# More written activities or places than this in one catch-up (a bulk load): rebuild
# everything, which is cheaper than refreshing them one neighbourhood at a time.
REBUILD_ABOVE = 2000

# The place walk of `reach.NEAR_NOW` for one (point, work model): the first place in the
# order of the geography index with a published activity of the model, and its geodesic
# distance. The same expressions as there (the index expression is matched literally).
WALK = """
    SELECT p.id AS place_id,
           ST_Distance(p.public_location::geography(Point, 4326), t.pos) AS distance,
           p.public_location::geography(Point, 4326) <-> t.pos AS rank
    FROM places_place p
    WHERE ST_DWithin(p.public_location::geography(Point, 4326), t.pos, %(max)s)
      AND EXISTS (
          SELECT 1
          FROM events_activity a
          JOIN events_activity_work_models wm ON wm.activity_id = a.id
          WHERE a.place_id = p.id
            AND a.status = %(published)s
            AND wm.workmodel_id = t.workmodel_id
      )
    ORDER BY p.public_location::geography(Point, 4326) <-> t.pos
    LIMIT 1"""

# Whether an area served by a published programme of the model covers the point
# (`reach.REACHED`'s second part).
SERVED = """
    EXISTS (
        SELECT 1
        FROM buurt_area s
        JOIN events_activity_service_areas sa ON sa.area_id = s.id
        JOIN events_activity a ON a.id = sa.activity_id
        JOIN events_activity_work_models wm ON wm.activity_id = a.id
        WHERE a.status = %(published)s
          AND wm.workmodel_id = t.workmodel_id
          AND s.geometry && t.pos::geometry
          AND ST_Covers(s.geometry, t.pos::geometry)
    )"""

# Every update of `CoverageReach` below also adjusts the cells (`CoverageCell`) that count
# the rows it changed, in the same statement: `was` is the row before the update (a self
# join sees the table as the statement found it), and each changed row adds its point's
# population to the cells of every area that counts the point, or takes it away, at the
# walking and the cycling distance.
CHANGED = """
RETURNING r.area_id, r.workmodel_id, was.distance AS was_distance, was.served AS was_served,
          r.distance, r.served"""

CELLS_FOLLOW = """
UPDATE events_coveragecell c
SET walking = c.walking + d.walking, cycling = c.cycling + d.cycling
FROM (
    SELECT p.target_id, x.workmodel_id,
           sum(coalesce(p.population, 0) * (
               coalesce(x.served OR x.distance <= %(walking)s, false)::int
               - coalesce(x.was_served OR x.was_distance <= %(walking)s, false)::int
           )) AS walking,
           sum(coalesce(p.population, 0) * (
               coalesce(x.served OR x.distance <= %(cycling)s, false)::int
               - coalesce(x.was_served OR x.was_distance <= %(cycling)s, false)::int
           )) AS cycling
    FROM changed x
    JOIN events_coveragepoint p ON p.area_id = x.area_id
    GROUP BY p.target_id, x.workmodel_id
) d
WHERE c.target_id = d.target_id AND c.workmodel_id = d.workmodel_id
  AND (d.walking <> 0 OR d.cycling <> 0)
RETURNING c.target_id"""


def _following_cells(ctes: str, update: str) -> str:
    """The statement `WITH ctes` that runs `update` (of events_coveragereach `r`, joined to
    `was`) and adjusts the cells of what it changed."""
    return f"WITH {ctes}changed AS ({update}{CHANGED}\n){CELLS_FOLLOW}"


# Reach rows chosen by `{where}` (over `r`) walked again, and their served flag.
REACH_REFRESH = _following_cells(
    f"""todo AS MATERIALIZED (
    SELECT r.id, r.pos, r.workmodel_id FROM events_coveragereach r WHERE {{where}}
),
found AS MATERIALIZED (
    SELECT t.id, k.place_id, k.distance, k.rank, {SERVED} AS served
    FROM todo t
    LEFT JOIN LATERAL ({WALK}
    ) k ON true
),
""",
    """
    UPDATE events_coveragereach r
    SET place_id = f.place_id, distance = f.distance, rank = f.rank, served = f.served
    FROM found f, events_coveragereach was
    WHERE r.id = f.id AND was.id = r.id""",
)

# Reach rows chosen by `{where}` (over `r`): only their served flag again.
SERVED_REFRESH = _following_cells(
    f"""todo AS MATERIALIZED (
    SELECT r.id, {SERVED} AS served
    FROM events_coveragereach t
    JOIN events_coveragereach r ON r.id = t.id
    WHERE {{where}}
),
""",
    """
    UPDATE events_coveragereach r SET served = todo.served
    FROM todo, events_coveragereach was
    WHERE r.id = todo.id AND was.id = r.id AND r.served IS DISTINCT FROM todo.served""",
)

# The places `%(places)s` as candidates: a point whose kept place comes later in the walk
# than one of these (for a model it now offers) takes it. Only the pairs of place and work
# model that a write added (`%(new_places)s`, `%(new_models)s`) or that moved (`%(moved)s`,
# all of their models): a pair offered before was already every point's candidate.
CANDIDATES = _following_cells(
    """offer AS MATERIALIZED (
    SELECT DISTINCT p.id AS place_id, p.public_location::geography(Point, 4326) AS g,
           wm.workmodel_id
    FROM places_place p
    JOIN events_activity a ON a.place_id = p.id AND a.status = %(published)s
    JOIN events_activity_work_models wm ON wm.activity_id = a.id
    WHERE p.id = ANY(%(places)s)
      AND (p.id = ANY(%(moved)s) OR (p.id, wm.workmodel_id) IN (
          SELECT * FROM unnest(%(new_places)s::bigint[], %(new_models)s::bigint[])
      ))
),
best AS MATERIALIZED (
    SELECT DISTINCT ON (r.id) r.id, o.place_id, ST_Distance(o.g, r.pos) AS distance,
           o.g <-> r.pos AS rank
    FROM offer o
    JOIN events_coveragereach r
      ON r.workmodel_id = o.workmodel_id AND ST_DWithin(r.pos, o.g, %(max)s)
    ORDER BY r.id, o.g <-> r.pos
),
""",
    """
    UPDATE events_coveragereach r
    SET place_id = b.place_id, distance = b.distance, rank = b.rank
    FROM best b, events_coveragereach was
    WHERE r.id = b.id AND was.id = r.id AND (r.rank IS NULL OR b.rank < r.rank)""",
)

# The resident points of every area (`reach.RESIDENTS`, for all areas of all kinds at once):
# populated areas finer than the target whose point on surface lies in it, unless they
# hold a finer populated area; the target itself when it holds none.
POINTS_BUILD = """
INSERT INTO events_coveragepoint (target_id, area_id, population)
WITH kinds AS (SELECT %(kinds)s::text[] AS coarse_to_fine),
-- Each area's point on surface and the rank of its kind, worked out once: the joins below
-- meet an area as often as its box overlaps another's.
surface AS MATERIALIZED (
    SELECT a.id, a.population, ST_PointOnSurface(a.geometry) AS pos,
           array_position(kinds.coarse_to_fine, a.kind::text) AS rank
    FROM buurt_area a
    CROSS JOIN kinds
),
-- The populated areas that hold the point on surface of a finer populated area.
holds_finer AS MATERIALIZED (
    SELECT DISTINCT x.id
    FROM surface sx
    JOIN buurt_area x ON x.id = sx.id
    JOIN buurt_area y ON y.geometry && x.geometry
    JOIN surface sy ON sy.id = y.id
    WHERE sx.population IS NOT NULL
      AND sy.population IS NOT NULL
      AND sy.rank > sx.rank
      AND ST_Covers(x.geometry, sy.pos)
),
candidates AS MATERIALIZED (
    SELECT t.id AS target_id, x.id AS area_id, sx.population,
           x.id IN (SELECT id FROM holds_finer) AS holds
    FROM buurt_area t
    JOIN surface st ON st.id = t.id
    JOIN buurt_area x ON x.geometry && t.geometry
    JOIN surface sx ON sx.id = x.id
    WHERE sx.population IS NOT NULL
      AND sx.rank > st.rank
      AND ST_Covers(t.geometry, sx.pos)
)
SELECT target_id, area_id, population FROM candidates WHERE NOT holds
UNION ALL
SELECT t.id, t.id, t.population
FROM buurt_area t
WHERE NOT EXISTS (SELECT 1 FROM candidates c WHERE c.target_id = t.id)"""

REACH_BUILD = """
WITH points AS MATERIALIZED (
    SELECT x.id, ST_PointOnSurface(x.geometry)::geography AS pos
    FROM buurt_area x
    WHERE x.id IN (SELECT area_id FROM events_coveragepoint)
)
INSERT INTO events_coveragereach (area_id, workmodel_id, pos, served)
SELECT x.id, m.id, x.pos, false
FROM points x
CROSS JOIN events_workmodel m"""

# The reach rows a rebuild walks: those of the work models that some published activity
# has. The others stay as REACH_BUILD made them (no place, not served), which is what a
# walk would find.
OFFERED = """r.workmodel_id IN (
    SELECT wm.workmodel_id
    FROM events_activity_work_models wm
    JOIN events_activity a ON a.id = wm.activity_id
    WHERE a.status = %(published)s
)"""

# Per area and work model, the population its resident points have within the walking and
# the cycling distance (every pair, zeros included, so that CELLS_FOLLOW finds a row to add
# to).
CELLS_BUILD = """
INSERT INTO events_coveragecell (target_id, workmodel_id, walking, cycling)
SELECT p.target_id, r.workmodel_id,
       coalesce(sum(p.population) FILTER (WHERE r.served OR r.distance <= %(walking)s), 0),
       coalesce(sum(p.population) FILTER (WHERE r.served OR r.distance <= %(cycling)s), 0)
FROM events_coveragepoint p
JOIN events_coveragereach r ON r.area_id = p.area_id
GROUP BY p.target_id, r.workmodel_id"""

# The rows of the matrix (`CoverageFigure`) of the areas `%(targets)s` (all when NULL), as
# `matrix.coverage_rows` would return them at the walking and the cycling distance: shares
# rounded as `matrix.share_of` rounds them, languages by activities then code, work models
# in the dashboard's order. `json`, not `jsonb`, keeps the keys in that order.
FIGURES_BUILD = """
WITH targets AS MATERIALIZED (
    SELECT t.id, t.kind, t.code, t.name, t.population
    FROM buurt_area t
    WHERE %(targets)s::bigint[] IS NULL OR t.id = ANY(%(targets)s::bigint[])
),
models AS MATERIALIZED (
    SELECT id, code, row_number() OVER (ORDER BY position, id) AS n
    FROM events_workmodel
),
residents AS MATERIALIZED (
    SELECT target_id, sum(population) AS population
    FROM events_coveragepoint
    WHERE target_id IN (SELECT id FROM targets)
    GROUP BY target_id
),
work_models AS (
    SELECT c.target_id, json_object_agg(m.code, json_build_object(
               'activities', coalesce((o.counts->>m.id::text)::bigint, 0),
               'shares', json_build_array(
                   CASE WHEN r.population > 0
                        THEN round(c.walking::numeric / r.population, 4) END,
                   CASE WHEN r.population > 0
                        THEN round(c.cycling::numeric / r.population, 4) END)
           ) ORDER BY m.n) AS document
    FROM events_coveragecell c
    JOIN models m ON m.id = c.workmodel_id
    LEFT JOIN residents r ON r.target_id = c.target_id
    LEFT JOIN events_coverageoffer o ON o.target_id = c.target_id
    WHERE c.target_id IN (SELECT id FROM targets)
    GROUP BY c.target_id
),
languages AS (
    SELECT o.target_id,
           json_object_agg(l.key, l.value::bigint
                           ORDER BY l.value::bigint DESC, l.key COLLATE "C") AS document
    FROM events_coverageoffer o
    CROSS JOIN jsonb_each_text(o.languages) AS l
    WHERE o.target_id IN (SELECT id FROM targets)
    GROUP BY o.target_id
),
new_rows AS MATERIALIZED (
    SELECT t.id AS target_id, t.kind, t.code, json_build_object(
           'code', t.code,
           'name', t.name,
           'population', t.population,
           'residents', coalesce(r.population, 0),
           'activities', coalesce(o.activities, 0),
           'evening', coalesce(o.evening, 0),
           'weekend', coalesce(o.weekend, 0),
           'basic_dutch_ok', coalesce(o.basic_dutch_ok, 0),
           'languages', coalesce(l.document, '{}'::json),
           'work_models', w.document
       )::text AS document
    FROM targets t
    JOIN work_models w ON w.target_id = t.id
    LEFT JOIN residents r ON r.target_id = t.id
    LEFT JOIN events_coverageoffer o ON o.target_id = t.id
    LEFT JOIN languages l ON l.target_id = t.id
),
-- A document that holds since an earlier day and now changes is kept as it stood on the
-- days until today (`CoverageFigureDay`). Every part of one statement reads the table as it
-- was before the statement: these are the old documents.
days_kept AS (
    INSERT INTO events_coveragefigureday (target_id, kind, code, since, until, document)
    SELECT f.target_id, f.kind, f.code, f.since, %(today)s, f.document
    FROM events_coveragefigure f
    JOIN new_rows n ON n.target_id = f.target_id
    WHERE f.since < %(today)s AND f.document <> n.document
),
-- The first write of a day moves the last day on; one dated before it (a clock set back)
-- ends the kept days until the next rebuild.
day_moved AS (
    UPDATE events_coveragedays
    SET last_day = greatest(last_day, %(today)s),
        started_on = CASE WHEN last_day > %(today)s THEN NULL ELSE started_on END
    WHERE last_day IS DISTINCT FROM %(today)s
)
INSERT INTO events_coveragefigure (target_id, kind, code, document, since)
SELECT target_id, kind, code, document, %(today)s
FROM new_rows
ON CONFLICT (target_id) DO UPDATE SET
    document = excluded.document,
    since = CASE WHEN events_coveragefigure.document = excluded.document
                 THEN events_coveragefigure.since ELSE excluded.since END"""

# The (area, activity) pairs of the published activities `%(ids)s` (all when NULL) and
# their facts (`offer.LOCATED` and `offer.OFFER`, for all areas of all kinds at once).
_SUPPLY_PAIRS = """
WITH facts AS MATERIALIZED (
    SELECT a.id, a.place_id, a.languages, a.basic_dutch_ok,
           ARRAY(
               SELECT wm.workmodel_id FROM events_activity_work_models wm
               WHERE wm.activity_id = a.id ORDER BY wm.workmodel_id
           ) AS work_models,
           ARRAY(
               SELECT sa.area_id FROM events_activity_service_areas sa
               WHERE sa.activity_id = a.id ORDER BY sa.area_id
           ) AS served,
           coalesce((s.dtstart AT TIME ZONE 'Europe/Brussels')::time >= time '18:00', false)
               AS evening,
           coalesce(CASE
               WHEN s.rrule ~ 'BYDAY=' THEN s.rrule ~ 'BYDAY=[^;]*(SA|SU)'
               WHEN s.rrule ~ 'FREQ=(DAILY|HOURLY|MINUTELY|SECONDLY)' THEN true
               ELSE extract(isodow FROM s.dtstart AT TIME ZONE 'Europe/Brussels') IN (6, 7)
           END, false) AS weekend
    FROM events_activity a
    LEFT JOIN events_schedule s ON s.activity_id = a.id
    WHERE a.status = %(published)s
      AND (%(ids)s::bigint[] IS NULL OR a.id = ANY(%(ids)s::bigint[]))
),
kept AS (
    INSERT INTO events_coverageactivity (activity_id, place_id, work_models, served)
    SELECT id, place_id, work_models, served FROM facts
),
served_areas AS MATERIALIZED (
    SELECT s.id, s.geometry, ST_PointOnSurface(s.geometry) AS pos
    FROM buurt_area s
    WHERE s.id IN (SELECT unnest(served) FROM facts)
),
pairs AS (
    SELECT t.id AS target_id, f.id AS activity_id
    FROM facts f
    JOIN places_place p ON p.id = f.place_id
    JOIN buurt_area t ON ST_Covers(t.geometry, p.public_location)
    UNION
    SELECT s.id, f.id
    FROM facts f
    CROSS JOIN unnest(f.served) AS s(id)
    UNION
    SELECT t.id, f.id
    FROM facts f
    CROSS JOIN unnest(f.served) AS x(id)
    JOIN served_areas s ON s.id = x.id
    JOIN buurt_area t ON t.geometry && s.geometry
    WHERE ST_Covers(s.geometry, ST_PointOnSurface(t.geometry))
    UNION
    SELECT t.id, f.id
    FROM facts f
    CROSS JOIN unnest(f.served) AS x(id)
    JOIN served_areas s ON s.id = x.id
    JOIN buurt_area t ON ST_Covers(t.geometry, s.pos)
)"""
_SUPPLY_INSERT = """
INSERT INTO events_coveragesupply
    (target_id, activity_id, work_models, languages, basic_dutch_ok, evening, weekend)
SELECT p.target_id, p.activity_id, f.work_models, f.languages, f.basic_dutch_ok, f.evening,
       f.weekend
FROM pairs p
JOIN facts f ON f.id = p.activity_id"""
SUPPLY_BUILD = _SUPPLY_PAIRS + _SUPPLY_INSERT
SUPPLY_FACTS = "target_id, work_models, languages, basic_dutch_ok, evening, weekend"
COUNTED_FACTS = "place_id, work_models, served"
# A refresh's rows as JSON text, one row per list: the supply rows and kept activity rows
# come back with the statement that writes (or deletes) them, not with a read after it.
_AS_JSON = "(SELECT coalesce(json_agg(json_build_array({columns})), '[]') FROM {rows})::text"
# The same for some activities, returning the rows it wrote: the supply rows and the kept
# activity rows (what facts holds is what `kept` inserts).
SUPPLY_REFRESH = f"""{_SUPPLY_PAIRS},
supplied AS ({_SUPPLY_INSERT}
    RETURNING {SUPPLY_FACTS}
)
SELECT {_AS_JSON.format(columns=SUPPLY_FACTS, rows="supplied")},
       {_AS_JSON.format(columns=COUNTED_FACTS, rows="facts")}"""
# The kept rows of some activities taken out, returned as they were.
REFRESH_TAKE_OUT = f"""
WITH counted AS (
    DELETE FROM events_coverageactivity WHERE activity_id = ANY(%(ids)s)
    RETURNING {COUNTED_FACTS}
),
supplied AS (
    DELETE FROM events_coveragesupply WHERE activity_id = ANY(%(ids)s)
    RETURNING {SUPPLY_FACTS}
)
SELECT {_AS_JSON.format(columns=COUNTED_FACTS, rows="counted")},
       {_AS_JSON.format(columns=SUPPLY_FACTS, rows="supplied")}"""


# The supply of the areas `%(targets)s` (all when NULL) counted into `CoverageOffer`, as
# offer.OFFER counts it (each pair once; languages other than Dutch).
OFFER_BUILD = """
INSERT INTO events_coverageoffer
    (target_id, activities, evening, weekend, basic_dutch_ok, languages, counts)
SELECT s.target_id, count(*), count(*) FILTER (WHERE s.evening),
       count(*) FILTER (WHERE s.weekend), count(*) FILTER (WHERE s.basic_dutch_ok),
       coalesce((
           SELECT jsonb_object_agg(language, n)
           FROM (
               SELECT x.language, count(*) AS n
               FROM events_coveragesupply l
               CROSS JOIN unnest(l.languages) AS x(language)
               WHERE l.target_id = s.target_id AND x.language <> 'nl'
               GROUP BY x.language
           ) per_language
       ), '{}'::jsonb),
       coalesce((
           SELECT jsonb_object_agg(workmodel_id, n)
           FROM (
               SELECT x.workmodel_id, count(*) AS n
               FROM events_coveragesupply l
               CROSS JOIN unnest(l.work_models) AS x(workmodel_id)
               WHERE l.target_id = s.target_id
               GROUP BY x.workmodel_id
           ) per_model
       ), '{}'::jsonb)
FROM events_coveragesupply s
WHERE %(targets)s::bigint[] IS NULL OR s.target_id = ANY(%(targets)s::bigint[])
GROUP BY s.target_id"""


def _params(**more) -> dict:
    return {
        "published": Status.PUBLISHED.value,
        "max": float(MAX_DISTANCE_M),
        "walking": float(WALKING_M),
        "cycling": float(CYCLING_M),
        **more,
    }


def today() -> date:
    """The Brussels day of a write, by the application's clock (the one the change history
    uses for `at`), not the database's."""
    return timezone.now().astimezone(BRUSSELS).date()


def coverage_rebuild() -> dict[str, int]:
    """Build the kept figures from scratch (inside the caller's transaction); returns the
    rows per table."""
    from buurt.models import AreaKind

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)"
        )
        # DELETE, not TRUNCATE: a transaction with pending foreign-key checks (areas just
        # written) cannot truncate a table that refers to them.
        tables = ("figure", "figureday", "cell", "point", "reach", "supply", "offer", "activity")
        for table in (*tables, "dirty"):
            cursor.execute(f"DELETE FROM events_coverage{table}")
        # The kept days begin again today: the documents written now hold from today.
        cursor.execute(
            "INSERT INTO events_coveragedays (id, started_on, last_day) "
            "VALUES (1, %(today)s, %(today)s) "
            "ON CONFLICT (id) DO UPDATE SET started_on = excluded.started_on, "
            "last_day = excluded.last_day",
            {"today": today()},
        )
        cursor.execute(POINTS_BUILD, {"kinds": list(AreaKind.values)})
        points = cursor.rowcount
        cursor.execute(REACH_BUILD)
        reach = cursor.rowcount
        cursor.execute(REACH_REFRESH.format(where=OFFERED), _params())
        cursor.execute(CELLS_BUILD, _params())
        cursor.execute(SUPPLY_BUILD, _params(ids=None))
        supply = cursor.rowcount
        cursor.execute(OFFER_BUILD, {"targets": None})
        cursor.execute(FIGURES_BUILD, {"targets": None, "today": today()})
        cursor.execute(
            "ANALYZE events_coveragepoint, events_coveragereach, events_coveragesupply, "
            "events_coveragecell"
        )
    return {"points": points, "reach": reach, "supply": supply}


def coverage_catch_up() -> None:
    """Take in every write the triggers reported, inside the caller's transaction: the
    activities and places written are refreshed where they count; a change of areas, or
    more writes than REBUILD_ABOVE, rebuilds everything."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM events_coveragedirty RETURNING kind, key")
        dirty = cursor.fetchall()
    if not dirty:
        return
    if any(kind == "r" for kind, _ in dirty) or len(dirty) > REBUILD_ABOVE:
        coverage_rebuild()
        return
    activities = [key for kind, key in dirty if kind == "a"]
    places = [key for kind, key in dirty if kind == "p"]
    _refresh(activities=activities, places=places)


def _refresh(*, activities: list[int], places: list[int]) -> None:
    with connection.cursor() as cursor:
        if places:
            # Every activity counted at, or now at, a moved place is found there again.
            cursor.execute(
                "SELECT activity_id FROM events_coverageactivity WHERE place_id = ANY(%(p)s) "
                "UNION SELECT id FROM events_activity WHERE place_id = ANY(%(p)s)",
                {"p": places},
            )
            activities = sorted({*activities, *(row[0] for row in cursor.fetchall())})
        cursor.execute(REFRESH_TAKE_OUT, {"ids": activities})
        before, taken = (json.loads(rows) for rows in cursor.fetchone())
        cursor.execute(SUPPLY_REFRESH, _params(ids=activities))
        given, after = (json.loads(rows) for rows in cursor.fetchone())
        # The areas whose row of the matrix changes: those whose offer or cells changed.
        targets = _offer_add(cursor, taken=taken, given=given)

        touched_places = sorted(
            {*places, *(place for place, _, _ in before + after if place is not None)}
        )
        models = sorted({model for _, work_models, _ in before + after for model in work_models})
        served = sorted({area for _, _, areas in before + after for area in areas})
        if touched_places and models:
            # Points whose kept place is one of these: walked again (it may have lost the
            # model or moved); then every point may take one of these as nearer.
            cursor.execute(
                REACH_REFRESH.format(
                    where="r.place_id = ANY(%(places)s) AND r.workmodel_id = ANY(%(models)s)"
                ),
                _params(places=touched_places, models=models),
            )
            targets.update(row[0] for row in cursor.fetchall())
            added = sorted(_pairs(after) - _pairs(before))
            if places or added:  # else no place offers a model it did not offer before
                cursor.execute(
                    CANDIDATES,
                    _params(
                        places=touched_places,
                        moved=places,
                        new_places=[place for place, _ in added],
                        new_models=[model for _, model in added],
                    ),
                )
                targets.update(row[0] for row in cursor.fetchall())
        if served and models:
            cursor.execute(
                SERVED_REFRESH.format(
                    where="r.workmodel_id = ANY(%(models)s) AND EXISTS (SELECT 1 FROM "
                    "buurt_area s WHERE s.id = ANY(%(served)s) AND s.geometry && r.pos::geometry "
                    "AND ST_Covers(s.geometry, r.pos::geometry))"
                ),
                _params(models=models, served=served),
            )
            targets.update(row[0] for row in cursor.fetchall())
        if targets:
            cursor.execute(FIGURES_BUILD, {"targets": sorted(targets), "today": today()})


def _pairs(rows: list[tuple]) -> set[tuple[int, int]]:
    """(place, work model) of kept activity rows (place_id, work_models, served)."""
    return {(place, model) for place, models, _ in rows if place is not None for model in models}


def _offer_add(cursor, *, taken: list[tuple], given: list[tuple]) -> set[int]:
    """Take the supply rows `taken` out of the areas' offer counts and add `given`: the
    same counts as OFFER_BUILD would make, without recounting a town's thousands of rows.
    Returns the areas whose counts it changed."""
    deltas: dict[int, list] = {}
    for sign, rows in ((-1, taken), (1, given)):
        for target, models, languages, basic_dutch_ok, evening, weekend in rows:
            delta = deltas.setdefault(target, [0, 0, 0, 0, {}, {}])
            delta[0] += sign
            delta[1] += sign * bool(evening)
            delta[2] += sign * bool(weekend)
            delta[3] += sign * bool(basic_dutch_ok)
            for language in languages:
                if language != "nl":
                    delta[4][language] = delta[4].get(language, 0) + sign
            for model in models:
                delta[5][str(model)] = delta[5].get(str(model), 0) + sign
    if not deltas:
        return set()
    cursor.execute(
        "SELECT target_id, activities, evening, weekend, basic_dutch_ok, languages::text, "
        "counts::text FROM events_coverageoffer WHERE target_id = ANY(%(t)s) FOR UPDATE",
        {"t": sorted(deltas)},
    )
    kept = {row[0]: row[1:] for row in cursor.fetchall()}
    rows = []
    for target, delta in sorted(deltas.items()):
        activities, evening, weekend, basic, languages, counts = kept.get(
            target, (0, 0, 0, 0, "{}", "{}")
        )
        languages, counts = json.loads(languages), json.loads(counts)
        for merged, change in ((languages, delta[4]), (counts, delta[5])):
            for key, n in change.items():
                merged[key] = merged.get(key, 0) + n
                if not merged[key]:
                    del merged[key]  # no activity left: not counted, as a recount would
        rows.append(
            (
                target,
                activities + delta[0],
                evening + delta[1],
                weekend + delta[2],
                basic + delta[3],
                json.dumps(languages),
                json.dumps(counts),
            )
        )
    cursor.executemany(
        "INSERT INTO events_coverageoffer (target_id, activities, evening, weekend, "
        "basic_dutch_ok, languages, counts) VALUES (%s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (target_id) DO UPDATE SET activities = excluded.activities, "
        "evening = excluded.evening, weekend = excluded.weekend, "
        "basic_dutch_ok = excluded.basic_dutch_ok, languages = excluded.languages, "
        "counts = excluded.counts",
        rows,
    )
    return set(deltas)


def coverage_caught_up(**_kwargs) -> None:
    """`coverage_catch_up` as a receiver of `areas_changed` and `places_changed`."""
    coverage_catch_up()
