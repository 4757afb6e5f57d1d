#!/usr/bin/env python3
"""Generate the FICTIONAL demo territory Buurtegem.

Everything this script writes is invented: the geometry, the names and the figures. Any
resemblance to a real place is coincidence. The demo's organisations, places and activities
are not generated: they are written by hand in demo.yaml beside it.

Run from the repository root (standard library only, Python 3.11+):

    python data/neighbourhoods/make_demo_territory.py

It writes, next to itself:

    municipality.geojson    1 municipality (99001)
    districts.geojson       4 districts (99001D1..99001D4)
    neighbourhoods.geojson  20 neighbourhoods (99001W01..99001W20)
    indicators.csv          8 indicators x 2 years per neighbourhood

The output is deterministic: the same script gives byte-identical files.

Geometry: a 5 x 4 grid of cells around lon 3.98, lat 50.95 (about 6 km x 5 km). Grid
vertices are jittered and every cell edge gets two wiggle points; edges are shared by the
two cells on either side, so the cells tile exactly. Districts and the municipality are
built by walking the cell edges: every directed edge that is not cancelled by its reverse
lies on the outer boundary. All rings are counter-clockwise (RFC 7946) and closed, and the
script refuses to write polygons that are not simple.
"""

from __future__ import annotations

import csv
import json
import math
import random
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
rng = random.Random(2026)

# --- Territory -----------------------------------------------------------------------------

MUNICIPALITY = {"code": "99001", "name": "Buurtegem"}
FICTIONAL_NOTE = "FICTIONAL demo territory Buurtegem: invented geometry, names and figures."

COLS, ROWS = 5, 4
CENTRE_LON, CENTRE_LAT = 3.98, 50.95
WIDTH_DEG = 0.0855  # ~6.0 km at this latitude (1 degree of longitude is ~70 km here)
HEIGHT_DEG = 0.0450  # ~5.0 km
LON0 = CENTRE_LON - WIDTH_DEG / 2
LAT0 = CENTRE_LAT - HEIGHT_DEG / 2
DX = WIDTH_DEG / COLS
DY = HEIGHT_DEG / ROWS

DISTRICTS = [
    {"code": "99001D1", "name": "Buurtegem-Centrum"},
    {"code": "99001D2", "name": "Noord"},
    {"code": "99001D3", "name": "Oost"},
    {"code": "99001D4", "name": "Zuidwest"},
]

# code suffix, name, district suffix, grid column (west->east), grid row (south->north),
# socio-economic profile used for the indicators.
#
#   row 3   Heidebos     Klaverveld   Molenwijk     Hoge Akker     Kouterhoek
#   row 2   Lindenhof    Kerkveld     Marktwijk     Spinnerijwijk  Kasteeldreef
#   row 1   Rozenberg    Stationsb.   Sluispark     Brouwerijwijk  Beekdal
#   row 0   Kapelhoek    Ganzeweide   Nieuwe Dries  Vaartkant      Meersen
NEIGHBOURHOODS = [
    ("W01", "Stationsbuurt", "D1", 1, 1, "vulnerable"),
    ("W02", "Kerkveld", "D1", 1, 2, "vulnerable"),
    ("W03", "Marktwijk", "D1", 2, 2, "middle"),
    ("W04", "Sluispark", "D1", 2, 1, "gentrifying"),
    ("W05", "Brouwerijwijk", "D1", 3, 1, "gentrifying"),
    ("W06", "Heidebos", "D2", 0, 3, "affluent"),
    ("W07", "Klaverveld", "D2", 1, 3, "middle"),
    ("W08", "Molenwijk", "D2", 2, 3, "middle"),
    ("W09", "Hoge Akker", "D2", 3, 3, "middle"),
    ("W10", "Spinnerijwijk", "D2", 3, 2, "gentrifying"),
    ("W11", "Kouterhoek", "D3", 4, 3, "affluent"),
    ("W12", "Kasteeldreef", "D3", 4, 2, "affluent"),
    ("W13", "Beekdal", "D3", 4, 1, "middle"),
    ("W14", "Meersen", "D3", 4, 0, "middle"),
    ("W15", "Vaartkant", "D3", 3, 0, "middle"),
    ("W16", "Lindenhof", "D4", 0, 2, "affluent"),
    ("W17", "Rozenberg", "D4", 0, 1, "affluent"),
    ("W18", "Kapelhoek", "D4", 0, 0, "middle"),
    ("W19", "Ganzeweide", "D4", 1, 0, "vulnerable"),
    ("W20", "Nieuwe Dries", "D4", 2, 0, "middle"),
]


def ncode(suffix: str) -> str:
    return MUNICIPALITY["code"] + suffix


# --- Geometry ------------------------------------------------------------------------------
# Points are built in "grid units" (one cell = 1 x 1, roughly 1.2 km square), then converted
# to lon/lat and rounded to 6 decimals once, so shared points are bit-identical everywhere.


def to_lonlat(x: float, y: float) -> tuple[float, float]:
    return (round(LON0 + x * DX, 6), round(LAT0 + y * DY, 6))


def jittered_vertices() -> dict[tuple[int, int], tuple[float, float]]:
    """Grid vertex (i, j) -> jittered position in grid units."""
    vertices = {}
    for j in range(ROWS + 1):
        for i in range(COLS + 1):
            on_x_edge = i in (0, COLS)
            on_y_edge = j in (0, ROWS)
            if on_x_edge and on_y_edge:  # corner of the territory
                ox, oy = rng.uniform(-0.1, 0.1), rng.uniform(-0.1, 0.1)
            elif on_x_edge:  # west or east border: slide along it, bulge a little
                ox, oy = rng.uniform(-0.1, 0.1), rng.uniform(-0.2, 0.2)
            elif on_y_edge:  # south or north border
                ox, oy = rng.uniform(-0.2, 0.2), rng.uniform(-0.1, 0.1)
            else:
                ox, oy = rng.uniform(-0.2, 0.2), rng.uniform(-0.2, 0.2)
            vertices[(i, j)] = (i + ox, j + oy)
    return vertices


def wiggled_edge(a: tuple[float, float], b: tuple[float, float]) -> list[tuple[float, float]]:
    """Points from a to b (both included, in lon/lat) with two wiggle points between."""
    (ax, ay), (bx, by) = a, b
    length = math.hypot(bx - ax, by - ay)
    nx, ny = -(by - ay) / length, (bx - ax) / length  # unit normal
    points = [to_lonlat(ax, ay)]
    for t in (1 / 3 + rng.uniform(-0.05, 0.05), 2 / 3 + rng.uniform(-0.05, 0.05)):
        off = rng.uniform(-0.08, 0.08)
        points.append(to_lonlat(ax + t * (bx - ax) + off * nx, ay + t * (by - ay) + off * ny))
    points.append(to_lonlat(bx, by))
    return points


def build_cells() -> dict[tuple[int, int], list[tuple[float, float]]]:
    """Cell (i, j) -> closed counter-clockwise ring in lon/lat."""
    v = jittered_vertices()
    horizontal = {  # from vertex (i, j) to (i + 1, j)
        (i, j): wiggled_edge(v[(i, j)], v[(i + 1, j)]) for j in range(ROWS + 1) for i in range(COLS)
    }
    vertical = {  # from vertex (i, j) to (i, j + 1)
        (i, j): wiggled_edge(v[(i, j)], v[(i, j + 1)]) for i in range(COLS + 1) for j in range(ROWS)
    }
    cells = {}
    for j in range(ROWS):
        for i in range(COLS):
            south = horizontal[(i, j)]
            east = vertical[(i + 1, j)]
            north = list(reversed(horizontal[(i, j + 1)]))
            west = list(reversed(vertical[(i, j)]))
            ring = south[:-1] + east[:-1] + north[:-1] + west  # west ends where south began
            cells[(i, j)] = ring
    return cells


def signed_area(ring: list[tuple[float, float]]) -> float:
    """Shoelace area in square degrees; positive for counter-clockwise."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring)) / 2


def _orient(p, q, r) -> int:
    value = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return (value > 0) - (value < 0)


def _on_segment(p, q, r) -> bool:
    return min(p[0], r[0]) <= q[0] <= max(p[0], r[0]) and min(p[1], r[1]) <= q[1] <= max(p[1], r[1])


def segments_intersect(p1, p2, p3, p4) -> bool:
    o1, o2, o3, o4 = (
        _orient(p1, p2, p3),
        _orient(p1, p2, p4),
        _orient(p3, p4, p1),
        _orient(p3, p4, p2),
    )
    if o1 != o2 and o3 != o4:
        return True
    return (
        (o1 == 0 and _on_segment(p1, p3, p2))
        or (o2 == 0 and _on_segment(p1, p4, p2))
        or (o3 == 0 and _on_segment(p3, p1, p4))
        or (o4 == 0 and _on_segment(p3, p2, p4))
    )


def is_simple(ring: list[tuple[float, float]]) -> bool:
    """True when no two non-adjacent edges of the closed ring touch or cross."""
    n = len(ring) - 1
    if len(set(ring[:-1])) != n:
        return False
    # Compare in integer micro-degrees: exact for 6-decimal coordinates.
    pts = [(round(x * 1e6), round(y * 1e6)) for x, y in ring]
    for a in range(n):
        for b in range(a + 1, n):
            if b == a + 1 or (a == 0 and b == n - 1):
                continue  # adjacent edges share exactly one vertex
            if segments_intersect(pts[a], pts[a + 1], pts[b], pts[b + 1]):
                return False
    return True


def check_ring(ring: list[tuple[float, float]], label: str) -> None:
    assert ring[0] == ring[-1], f"{label}: ring not closed"
    assert len(ring) >= 4, f"{label}: ring too short"
    assert signed_area(ring) > 0, f"{label}: ring is not counter-clockwise"
    assert is_simple(ring), f"{label}: ring intersects itself"


def outer_ring(rings: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Exterior ring of the union of cells that tile a simply connected region."""
    edges: set[tuple[tuple[float, float], tuple[float, float]]] = set()
    for ring in rings:
        for p, q in pairwise(ring):
            if (q, p) in edges:
                edges.remove((q, p))  # interior edge, shared with a neighbour
            else:
                edges.add((p, q))
    following: dict[tuple[float, float], tuple[float, float]] = {}
    for p, q in edges:
        assert p not in following, "region touches itself at a vertex"
        following[p] = q
    start = min(following)
    ring, point = [start], following[start]
    while point != start:
        ring.append(point)
        point = following[point]
    ring.append(start)
    assert len(ring) - 1 == len(edges), "region has a hole or is not connected"
    return ring


def multipolygon(ring: list[tuple[float, float]]) -> dict:
    return {"type": "MultiPolygon", "coordinates": [[[list(p) for p in ring]]]}


# --- Indicators ----------------------------------------------------------------------------
# 2018 ranges and 2018->2023 changes per profile. Shares are fractions; "x" is a factor.
PROFILES = {
    # Central, many renters and newcomers, low incomes; stays that way.
    "vulnerable": {
        "population": (4300, 5900),
        "growth": (1.01, 1.04),
        "hh_size": ((2.25, 2.55), (-0.03, 0.03)),
        "share_renters": ((0.58, 0.70), (0.00, 0.02)),
        "share_migration_background": ((0.48, 0.62), (0.01, 0.04)),
        "share_no_higher_education": ((0.62, 0.74), (-0.02, 0.00)),
        "share_low_income": ((0.30, 0.40), (-0.01, 0.02)),
        "median_income": ((20500, 23500), (1.09, 1.12)),
        "median_sale_price": ((180000, 215000), (1.14, 1.19)),
    },
    # Same starting point as "vulnerable", then new lofts, young professionals, rising prices.
    "gentrifying": {
        "population": (4000, 5400),
        "growth": (1.05, 1.09),
        "hh_size": ((2.30, 2.50), (-0.28, -0.20)),
        "share_renters": ((0.55, 0.66), (-0.12, -0.08)),
        "share_migration_background": ((0.42, 0.55), (-0.08, -0.05)),
        "share_no_higher_education": ((0.58, 0.70), (-0.14, -0.10)),
        "share_low_income": ((0.27, 0.35), (-0.10, -0.07)),
        "median_income": ((21500, 24000), (1.24, 1.32)),
        "median_sale_price": ((185000, 220000), (1.42, 1.58)),
    },
    "middle": {
        "population": (2500, 4500),
        "growth": (1.00, 1.03),
        "hh_size": ((2.20, 2.40), (-0.03, 0.01)),
        "share_renters": ((0.28, 0.40), (-0.02, 0.02)),
        "share_migration_background": ((0.18, 0.30), (0.01, 0.03)),
        "share_no_higher_education": ((0.45, 0.56), (-0.03, -0.01)),
        "share_low_income": ((0.14, 0.20), (-0.01, 0.01)),
        "median_income": ((26000, 30500), (1.11, 1.14)),
        "median_sale_price": ((235000, 285000), (1.18, 1.24)),
    },
    # Green edges: owner-occupied houses, high incomes; stable.
    "affluent": {
        "population": (1500, 3000),
        "growth": (0.99, 1.02),
        "hh_size": ((2.30, 2.50), (-0.04, 0.00)),
        "share_renters": ((0.12, 0.22), (-0.01, 0.01)),
        "share_migration_background": ((0.07, 0.14), (0.01, 0.02)),
        "share_no_higher_education": ((0.28, 0.38), (-0.03, -0.01)),
        "share_low_income": ((0.05, 0.09), (-0.01, 0.01)),
        "median_income": ((32500, 35000), (1.11, 1.14)),
        "median_sale_price": ((320000, 370000), (1.18, 1.22)),
    },
}
SHARES = [
    "share_renters",
    "share_migration_background",
    "share_no_higher_education",
    "share_low_income",
]
INDICATOR_ORDER = [
    "population",
    "households",
    *SHARES,
    "median_income",
    "median_sale_price",
]


def indicators_for(profile_name: str) -> dict[int, dict[str, float]]:
    p = PROFILES[profile_name]
    pop_2023 = rng.randint(*p["population"])
    pop_2018 = round(pop_2023 / rng.uniform(*p["growth"]))
    size_2018 = rng.uniform(*p["hh_size"][0])
    size_2023 = size_2018 + rng.uniform(*p["hh_size"][1])
    v18: dict[str, float] = {"population": pop_2018, "households": round(pop_2018 / size_2018)}
    v23: dict[str, float] = {"population": pop_2023, "households": round(pop_2023 / size_2023)}
    for share in SHARES:
        (lo, hi), (dlo, dhi) = p[share]
        start = rng.uniform(lo, hi)
        v18[share] = round(min(1.0, max(0.0, start)), 3)
        v23[share] = round(min(1.0, max(0.0, start + rng.uniform(dlo, dhi))), 3)
    for money, step in (("median_income", 10), ("median_sale_price", 500)):
        (lo, hi), (flo, fhi) = p[money]
        start = rng.uniform(lo, hi)
        v18[money] = int(round(start / step) * step)
        v23[money] = int(round(start * rng.uniform(flo, fhi) / step) * step)
    return {2018: v18, 2023: v23}


# --- Writing -------------------------------------------------------------------------------


def write_feature_collection(path: Path, name: str, features: list[dict]) -> None:
    """RFC 7946 FeatureCollection, one feature per line (small diffs, readable)."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    header = json.dumps(
        {
            "type": "FeatureCollection",
            "name": name,
            "description": FICTIONAL_NOTE,
        },
        ensure_ascii=False,
    )[:-1]
    body = ",\n".join(lines)
    path.write_text(f'{header}, "features": [\n{body}\n]}}\n', encoding="utf-8")


def feature(properties: dict, ring: list[tuple[float, float]]) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": multipolygon(ring)}


def main() -> None:
    cells = build_cells()
    for (i, j), ring in cells.items():
        check_ring(ring, f"cell {i},{j}")

    # Neighbourhoods and their indicators.
    rings: dict[str, list[tuple[float, float]]] = {}
    indicators: dict[str, dict[int, dict[str, float]]] = {}
    neighbourhood_features = []
    for suffix, name, district, col, row, profile in NEIGHBOURHOODS:
        code = ncode(suffix)
        rings[code] = cells[(col, row)]
        indicators[code] = indicators_for(profile)
        neighbourhood_features.append(
            feature(
                {
                    "code": code,
                    "name": name,
                    "district_code": ncode(district),
                    "population": indicators[code][2023]["population"],
                },
                rings[code],
            )
        )
    assert len(rings) == COLS * ROWS and {(n[3], n[4]) for n in NEIGHBOURHOODS} == set(cells)

    district_features = []
    for district in DISTRICTS:
        members = [ncode(n[0]) for n in NEIGHBOURHOODS if ncode(n[2]) == district["code"]]
        ring = outer_ring([rings[c] for c in members])
        check_ring(ring, district["code"])
        district_features.append(
            feature(
                {
                    "code": district["code"],
                    "name": district["name"],
                    "municipality_code": MUNICIPALITY["code"],
                    "population": sum(indicators[c][2023]["population"] for c in members),
                },
                ring,
            )
        )

    outline = outer_ring(list(cells.values()))
    check_ring(outline, MUNICIPALITY["code"])
    municipality_feature = feature(
        {**MUNICIPALITY, "population": sum(v[2023]["population"] for v in indicators.values())},
        outline,
    )

    write_feature_collection(HERE / "municipality.geojson", "municipality", [municipality_feature])
    write_feature_collection(HERE / "districts.geojson", "districts", district_features)
    write_feature_collection(
        HERE / "neighbourhoods.geojson", "neighbourhoods", neighbourhood_features
    )

    with (HERE / "indicators.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["area_kind", "area_code", "indicator", "year", "value"])
        for code in sorted(indicators):
            for indicator in INDICATOR_ORDER:
                for year in (2018, 2023):
                    value = indicators[code][year][indicator]
                    text = f"{value:.3f}" if indicator in SHARES else str(int(value))
                    writer.writerow(["neighbourhood", code, indicator, year, text])

    print(
        f"Wrote the fictional territory {MUNICIPALITY['name']} to {HERE}: 1 municipality, "
        f"{len(district_features)} districts, {len(neighbourhood_features)} neighbourhoods and "
        f"their indicators."
    )


if __name__ == "__main__":
    main()
