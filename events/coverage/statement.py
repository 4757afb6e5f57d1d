"""The coverage statement, put together from named parts: the residents and their reach
(`reach`), the published activities of the moment (`published`), and what is on offer in
each area (`offer`). The parts that differ between now and an earlier moment come from a
`Moment`; the rest is shared, so that both answer the same question."""

from dataclasses import dataclass

from .offer import (
    LOCATED,
    LOCATED_FACTS_NOW,
    LOCATED_FACTS_THEN,
    LOCATED_NOW,
    LOCATED_THEN,
    OFFER,
    ROWS,
)
from .published import PUBLISHED_NOW, PUBLISHED_THEN
from .reach import COVERED, DESCENDANTS, NEAR_NOW, NEAR_THEN, REACHED, RESIDENTS, SERVED_AREAS

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


@dataclass(frozen=True)
class Moment:
    """The parts of the statement that read the published activities of one moment."""

    # CTEs that define `published_models` and `served` (and what they need).
    published: str
    # A select of (area_id, workmodel_id, distance): resident points near public points.
    near: str
    # A select of (target_id, activity_id): the activities of the places in each target.
    located: str
    # The CTE `located_facts`: languages, times and work models of each pair found.
    located_facts: str


NOW = Moment(
    published=PUBLISHED_NOW, near=NEAR_NOW, located=LOCATED_NOW, located_facts=LOCATED_FACTS_NOW
)
THEN = Moment(
    published=PUBLISHED_THEN,
    near=NEAR_THEN,
    located=LOCATED_THEN,
    located_facts=LOCATED_FACTS_THEN,
)


def inlined(name: str, select: str) -> str:
    """A CTE that the planner folds into the one query that reads it, as if written there
    (NOT MATERIALIZED): its indexes and estimates stay in view."""
    return f"{name} AS NOT MATERIALIZED ({select}\n)"


def coverage_statement(moment: Moment) -> str:
    """The whole statement for `moment`: the CTEs in order, then the rows."""
    ctes = [
        RESIDENTS,
        moment.published,
        SERVED_AREAS,
        inlined("near", moment.near),
        REACHED,
        COVERED,
        inlined("located_places", moment.located),
        LOCATED,
        moment.located_facts,
        OFFER,
    ]
    return "WITH RECURSIVE" + ",".join(ctes) + "\n" + ROWS + "\n"


COVERAGE_SQL = coverage_statement(NOW)
COVERAGE_THEN_SQL = coverage_statement(THEN)


# The same figures from the kept tables (kept.py), as one JSON document: [models, areas], the
# work models as [id, code] in the dashboard's order and per target area (by code) [code,
# name, population, residents, activities, evening, weekend, basic Dutch, {language:
# activities}, {work model id: activities}, [covered within the first distance per model],
# [within the second]]. One document, because decoding 2,767 rows with two JSON values each
# cost more than the query itself. `{covered}` gives (target_id, covered, covered_2) in the
# models' order (below). The descendants are reach.DESCENDANTS;
# the offer as counted when it was kept (by the same expressions as offer.OFFER).
_KEPT_TEMPLATE = (
    "WITH RECURSIVE"
    + DESCENDANTS
    + """,
targets AS MATERIALIZED (
    SELECT t.id, t.code, t.name, t.population
    FROM buurt_area t
    WHERE t.kind = %(kind)s
      AND (%(parent_code)s::text IS NULL OR t.id IN (SELECT id FROM descendants))
),
points AS MATERIALIZED (
    SELECT p.target_id, p.area_id, p.population
    FROM events_coveragepoint p
    WHERE p.target_id IN (SELECT id FROM targets)
),
resident_totals AS (
    SELECT target_id, sum(population) AS population
    FROM points
    GROUP BY target_id
),
models AS MATERIALIZED (
    SELECT id, code, row_number() OVER (ORDER BY position, id) AS n
    FROM events_workmodel
),
covered AS ({covered}
)
SELECT json_build_array(
    (SELECT json_agg(json_build_array(id, code) ORDER BY n) FROM models),
    coalesce((
        SELECT json_agg(json_build_array(
            t.code, t.name, t.population, rt.population, coalesce(o.activities, 0),
            coalesce(o.evening, 0), coalesce(o.weekend, 0), coalesce(o.basic_dutch_ok, 0),
            coalesce(o.languages, '{{}}'::jsonb), coalesce(o.counts, '{{}}'::jsonb),
            c.covered, c.covered_2
        ) ORDER BY t.code)
        FROM targets t
        JOIN covered c ON c.target_id = t.id
        LEFT JOIN resident_totals rt ON rt.target_id = t.id
        LEFT JOIN events_coverageoffer o ON o.target_id = t.id
    ), '[]'::json)
)::text
"""
)

# Covered per target and model, summed over its points and what they reach, for any two
# distances (`%(distance)s`, `%(distance_2)s`).
_COVERED_BY_POINTS = """
    SELECT t.id AS target_id,
           array_agg(coalesce(s.population, 0) ORDER BY m.n) AS covered,
           array_agg(coalesce(s.population_2, 0) ORDER BY m.n) AS covered_2
    FROM targets t
    CROSS JOIN models m
    LEFT JOIN (
        SELECT p.target_id, r.workmodel_id,
               sum(p.population) FILTER (WHERE r.served OR r.distance <= %(distance)s)
                   AS population,
               sum(p.population) FILTER (WHERE r.served OR r.distance <= %(distance_2)s)
                   AS population_2
        FROM points p
        JOIN events_coveragereach r ON r.area_id = p.area_id
        GROUP BY p.target_id, r.workmodel_id
    ) s ON s.target_id = t.id AND s.workmodel_id = m.id
    GROUP BY t.id"""

KEPT_SQL = _KEPT_TEMPLATE.format(covered=_COVERED_BY_POINTS)

# The rows of the matrix as they are kept for the dashboard's two distances
# (`tables.CoverageFigure`): one JSON array of the areas' documents, by code.
FIGURES_SQL = f"""WITH RECURSIVE{DESCENDANTS}
SELECT '[' || coalesce(string_agg(f.document, ',' ORDER BY f.code), '') || ']'
FROM events_coveragefigure f
WHERE f.kind = %(kind)s
  AND (%(parent_code)s::text IS NULL OR f.target_id IN (SELECT id FROM descendants))
"""

# The same rows as they stood at the end of the Brussels day `%(day)s`, from the documents
# kept per day (`tables.CoverageFigureDay`) and those that hold since that day or earlier.
# NULL when the kept days do not answer for that day: it lies before they began (or they
# ended: `CoverageDays.started_on` is none), or an area of today has no document then.
DAY_FIGURES_SQL = f"""WITH RECURSIVE{DESCENDANTS},
current_rows AS MATERIALIZED (
    SELECT f.code, f.since, f.document
    FROM events_coveragefigure f
    WHERE f.kind = %(kind)s
      AND (%(parent_code)s::text IS NULL OR f.target_id IN (SELECT id FROM descendants))
),
day_rows AS MATERIALIZED (
    SELECT c.code, c.document
    FROM current_rows c
    WHERE c.since <= %(day)s
    UNION ALL
    SELECT h.code, h.document
    FROM events_coveragefigureday h
    WHERE h.kind = %(kind)s AND h.until > %(day)s AND h.since <= %(day)s
      AND (%(parent_code)s::text IS NULL OR h.target_id IN (SELECT id FROM descendants))
)
SELECT CASE
    WHEN (SELECT started_on <= %(day)s FROM events_coveragedays)
         AND (SELECT count(*) FROM day_rows) = (SELECT count(*) FROM current_rows)
    THEN '[' || coalesce((SELECT string_agg(document, ',' ORDER BY code) FROM day_rows), '') || ']'
END
"""
