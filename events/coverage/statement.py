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
from .reach import COVERED, NEAR_NOW, NEAR_THEN, REACHED, RESIDENTS, SERVED_AREAS

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


# The same rows from the kept figures (kept.py): a plain aggregate over the resident points
# and what they reach, and each target's offer as counted when it was kept (by the same
# expressions as offer.OFFER); the descendants as in RESIDENTS.
KEPT_SQL = """WITH RECURSIVE
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
    SELECT t.id, t.code, t.name, t.population
    FROM buurt_area t
    WHERE t.kind = %(kind)s
      AND (%(parent_code)s::text IS NULL OR t.id IN (SELECT id FROM descendants))
),
residents AS MATERIALIZED (
    SELECT p.target_id, p.area_id, p.population
    FROM events_coveragepoint p
    JOIN targets t ON t.id = p.target_id
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
    JOIN (
        SELECT area_id, workmodel_id, CASE WHEN served THEN 0 ELSE distance END AS distance
        FROM events_coveragereach
    ) c ON c.area_id = r.area_id
    GROUP BY r.target_id, c.workmodel_id
),
offer AS MATERIALIZED (
    SELECT o.*
    FROM events_coverageoffer o
    JOIN targets t ON t.id = o.target_id
)
-- One row per target, its work models in arrays (in the dashboard's order): a whole-Flanders
-- matrix is 2,767 rows to decode, not 19,369.
SELECT t.code, t.name, t.population, rt.population, coalesce(o.activities, 0),
       coalesce(o.evening, 0), coalesce(o.weekend, 0), coalesce(o.basic_dutch_ok, 0),
       coalesce(o.languages, '{}'::jsonb),
       array_agg(m.code ORDER BY m.position, m.id),
       array_agg(coalesce((o.counts->>m.id::text)::bigint, 0) ORDER BY m.position, m.id),
       array_agg(coalesce(ct.population, 0) ORDER BY m.position, m.id),
       array_agg(coalesce(ct.population_2, 0) ORDER BY m.position, m.id)
FROM targets t
CROSS JOIN events_workmodel m
LEFT JOIN offer o ON o.target_id = t.id
LEFT JOIN covered_totals ct ON ct.target_id = t.id AND ct.workmodel_id = m.id
LEFT JOIN resident_totals rt ON rt.target_id = t.id
GROUP BY t.id, t.code, t.name, t.population, rt.population, o.activities, o.evening,
         o.weekend, o.basic_dutch_ok, o.languages
ORDER BY t.code
"""
