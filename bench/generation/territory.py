"""The wijken the data is spread over: read from the imported areas, weighted by a proxy of
urban density, and random points drawn inside them by PostGIS."""

import bisect
import random
from collections import defaultdict
from dataclasses import dataclass

import psycopg


@dataclass
class Wijk:
    id: int
    name: str
    municipality_id: int
    municipality: str
    weight: float
    stand_in: tuple[float, float]  # ST_PointOnSurface: the public point of an 'area' place


def wijken_read(conn: psycopg.Connection) -> list[Wijk]:
    # Two proxies of urban density, combined: the number of wijken a municipality has (a
    # city is cut finer: Antwerpen 67, Brugge 41, Gent 25) and 1/area of the wijk (the
    # wijken are roughly balanced in population). Weighting by 1/area alone makes place
    # density go as 1/area² and puts a third of all places in Brussels; the square root of
    # their product gives Antwerpen 6.6 % of the places and the Brussels region 16 % (their
    # shares of the population: about 7 % and 16 %).
    rows = conn.execute(
        """
        SELECT w.id, w.name, m.id, m.name,
               sqrt(count(*) OVER (PARTITION BY m.id) / (ST_Area(w.geometry::geography) / 1e6)),
               ST_X(ST_PointOnSurface(w.geometry)), ST_Y(ST_PointOnSurface(w.geometry))
        FROM buurt_area w JOIN buurt_area m ON m.id = w.parent_id
        WHERE w.kind = 'neighbourhood'
        ORDER BY w.id
        """
    ).fetchall()
    return [Wijk(r[0], r[1], r[2], r[3], r[4], (r[5], r[6])) for r in rows]


class Territory:
    """The wijken by id and by municipality, and a draw of one wijk by its weight."""

    def __init__(self, wijken: list[Wijk], rng: random.Random):
        self.wijken = wijken
        self.rng = rng
        self.by_id = {w.id: w for w in wijken}
        self.by_municipality: dict[int, list[Wijk]] = defaultdict(list)
        for w in wijken:
            self.by_municipality[w.municipality_id].append(w)
        self.cum_weights = []
        self.running = 0.0
        for w in wijken:
            self.running += w.weight
            self.cum_weights.append(self.running)

    def some_wijk(self) -> Wijk:
        return self.wijken[bisect.bisect(self.cum_weights, self.rng.random() * self.running)]


def points_in(
    conn: psycopg.Connection, counts: dict[int, int], rng: random.Random, seed: int
) -> dict[int, list[tuple[float, float]]]:
    """`counts[wijk]` uniformly random points inside each wijk, seeded per wijk."""
    # ST_GeneratePoints with a seed is deterministic and samples the real polygon, holes
    # and all; doing the same in Python would need a point-in-polygon test per candidate.
    # It can return a point or two fewer than asked for multi-part areas (its per-part
    # quotas round down: Baarle-Hertog's enclaves), so ask for a few more and sample.
    ids = sorted(counts)
    rows = conn.execute(
        """
        SELECT a.id, ST_X(d.geom), ST_Y(d.geom)
        FROM unnest(%s::bigint[], %s::int[]) AS c(area_id, n)
        JOIN buurt_area a ON a.id = c.area_id
        CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(
            a.geometry, c.n + 5 + c.n / 20, ((%s::bigint * 100003 + a.id) %% 2000000000 + 1)::int
        )) AS d
        ORDER BY a.id, d.path
        """,
        [ids, [counts[i] for i in ids], seed],
    ).fetchall()
    drawn: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for area_id, x, y in rows:
        drawn[area_id].append((x, y))
    return {area_id: rng.sample(drawn[area_id], counts[area_id]) for area_id in ids}
