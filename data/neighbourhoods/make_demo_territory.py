#!/usr/bin/env python3
"""Generate the FICTIONAL demo territory Buurtegem.

Everything this script writes is invented: the geometry, the names, the figures, the
organisations and the activities. Any resemblance to a real place is coincidence.

Run from the repository root (standard library only, Python 3.11+):

    python data/neighbourhoods/make_demo_territory.py

It writes, next to itself:

    municipality.geojson    1 municipality (99001)
    districts.geojson       4 districts (99001D1..99001D4)
    neighbourhoods.geojson  20 neighbourhoods (99001W01..99001W20)
    indicators.csv          8 indicators x 2 years per neighbourhood
    demo.json               organisations, places and activities for `manage.py load_demo`

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
POSTCODE = "9999"  # not a real Belgian postcode

COLS, ROWS = 5, 4
CENTRE_LON, CENTRE_LAT = 3.98, 50.95
WIDTH_DEG = 0.0855  # ~6.0 km at this latitude (1 degree of longitude is ~70 km here)
HEIGHT_DEG = 0.0450  # ~5.0 km
LON0 = CENTRE_LON - WIDTH_DEG / 2
LAT0 = CENTRE_LAT - HEIGHT_DEG / 2
DX = WIDTH_DEG / COLS
DY = HEIGHT_DEG / ROWS
# Rough metres per degree here, only for keeping places away from borders.
M_PER_DEG_LON = 111_320 * math.cos(math.radians(CENTRE_LAT))
M_PER_DEG_LAT = 111_200

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


def point_in_ring(lon: float, lat: float, ring: list[tuple[float, float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > lat) != (y2 > lat):
            x_cross = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < x_cross:
                inside = not inside
    return inside


def distance_to_ring_m(lon: float, lat: float, ring: list[tuple[float, float]]) -> float:
    px, py = lon * M_PER_DEG_LON, lat * M_PER_DEG_LAT
    best = math.inf
    for (x1, y1), (x2, y2) in pairwise(ring):
        ax, ay, bx, by = (
            x1 * M_PER_DEG_LON,
            y1 * M_PER_DEG_LAT,
            x2 * M_PER_DEG_LON,
            y2 * M_PER_DEG_LAT,
        )
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(px - (ax + t * dx), py - (ay + t * dy)))
    return best


def centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    a = signed_area(ring)
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairwise(ring))
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairwise(ring))
    return cx / (6 * a), cy / (6 * a)


def point_inside(ring: list[tuple[float, float]], min_margin_m: float = 120) -> tuple[float, float]:
    """A random point near the middle of the ring, at least min_margin_m from its border."""
    cx, cy = centroid(ring)
    for _ in range(1000):
        lon = round(cx + rng.uniform(-0.25, 0.25) * DX, 6)
        lat = round(cy + rng.uniform(-0.25, 0.25) * DY, 6)
        if point_in_ring(lon, lat, ring) and distance_to_ring_m(lon, lat, ring) >= min_margin_m:
            return lon, lat
    raise RuntimeError("no point found inside the ring")


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


# --- Demo content (user-facing text in Dutch, nl-BE) ---------------------------------------

ORGANISATIONS = [
    {
        "key": "buurtwerk-buurtegem",
        "name": "Buurtwerk Buurtegem",
        "description": (
            "Buurtwerk brengt buren samen in de buurthuizen van Buurtegem. We organiseren "
            "activiteiten samen met de mensen uit de buurt, en we helpen je de weg te vinden "
            "als je hulp nodig hebt."
        ),
        "website": "https://buurtwerk.example.org",
        "phone": "+32 53 00 00 00",
        "email": "info@buurtwerk.example.org",
        "verified": True,
    },
    {
        "key": "sociaal-huis-buurtegem",
        "name": "Sociaal Huis Buurtegem (OCMW)",
        "description": (
            "Het Sociaal Huis is de plek voor al je vragen over geld, wonen, werk, zorg en je "
            "rechten. Je kan binnenlopen zonder afspraak tijdens de open uren, of wij komen "
            "naar jouw buurt."
        ),
        "website": "https://sociaalhuis.example.org",
        "phone": "+32 53 00 10 00",
        "email": "onthaal@sociaalhuis.example.org",
        "verified": True,
    },
    {
        "key": "bibliotheek-buurtegem",
        "name": "Bibliotheek Buurtegem",
        "description": (
            "In de bib leen je boeken, strips, films en spelletjes, gratis voor kinderen en "
            "jongeren. Je kan er ook terecht voor hulp met de computer, je smartphone en "
            "online formulieren."
        ),
        "website": "https://bib.example.org",
        "phone": "+32 53 00 20 00",
        "email": "bib@bib.example.org",
        "verified": True,
    },
    {
        "key": "vrijwilligerspunt-buurtegem",
        "name": "Vrijwilligerspunt Buurtegem",
        "description": (
            "Het Vrijwilligerspunt zoekt samen met jou vrijwilligerswerk dat bij je past: "
            "koken, herstellen, op bezoek gaan of buddy zijn. We brengen je in contact met "
            "organisaties in heel Buurtegem."
        ),
        "website": "https://vrijwilligerspunt.example.org",
        "phone": "+32 53 00 30 00",
        "email": "hallo@vrijwilligerspunt.example.org",
        "verified": True,
    },
    {
        "key": "de-brug",
        "name": "De Brug vzw – vereniging waar armen het woord nemen",
        "description": (
            "De Brug is een vereniging van en voor mensen die in armoede leven. We komen "
            "samen, steunen elkaar en gaan samen in gesprek met de stad en het OCMW, zodat "
            "onze stem gehoord wordt."
        ),
        "website": "https://debrug.example.org",
        "phone": "+32 53 00 40 00",
        "email": "info@debrug.example.org",
        "verified": True,
    },
    {
        "key": "welkom-buurtegem",
        "name": "Welkom Buurtegem",
        "description": (
            "Welkom Buurtegem is een groep nieuwkomers die zelf hun weg gevonden hebben en nu "
            "anderen op weg helpen. Samen spreken we veel talen, en we weten hoe het voelt om "
            "hier opnieuw te beginnen."
        ),
        "website": "https://welkom.example.org",
        "phone": "+32 53 00 50 00",
        "email": "welkom@welkom.example.org",
        "verified": False,
    },
    {
        "key": "repair-cafe-buurtegem",
        "name": "Repair Café Buurtegem",
        "description": (
            "Vrijwillige herstellers helpen je om kapotte spullen samen te herstellen: lampen, "
            "kleren, fietsen, koffiezetapparaten. Weggooien? Mooi niet!"
        ),
        "website": "https://repaircafe.example.org",
        "phone": "+32 53 00 60 00",
        "email": "herstel@repaircafe.example.org",
        "verified": False,
    },
]

# Places: key, name, organisation, kind, street address, neighbourhood suffix, precision,
# wheelchair, accessible toilet, hearing loop, opening hours. Each lies in its own
# neighbourhood; the generator picks a point inside that neighbourhood's polygon.
PLACES = [
    (
        "buurthuis-de-sluis",
        "Buurthuis De Sluis",
        "buurtwerk-buurtegem",
        "community_centre",
        "Sluiskaai 14",
        "W04",
        "exact",
        "yes",
        True,
        True,
        "ma–vr 9:00–17:00, wo tot 21:00",
    ),
    (
        "buurthuis-t-spoor",
        "Buurthuis 't Spoor",
        "buurtwerk-buurtegem",
        "community_centre",
        "Spoorweglaan 3",
        "W01",
        "exact",
        "partial",
        False,
        False,
        "ma–vr 9:00–12:30 en 13:30–17:00",
    ),
    (
        "ontmoetingsruimte-ganzeweide",
        "Ontmoetingsruimte Ganzeweide",
        "buurtwerk-buurtegem",
        "community_centre",
        "Ganzeweide 40 (gelijkvloers blok C)",
        "W19",
        "exact",
        "yes",
        True,
        False,
        "di–vr 9:30–17:00",
    ),
    (
        "bib-hoofdbibliotheek",
        "Bibliotheek Buurtegem",
        "bibliotheek-buurtegem",
        "library",
        "Marktplein 1",
        "W03",
        "exact",
        "yes",
        True,
        True,
        "di–vr 10:00–18:00, za 10:00–13:00",
    ),
    (
        "bibliotheekpunt-molenwijk",
        "Bibliotheekpunt Molenwijk",
        "bibliotheek-buurtegem",
        "library",
        "Molenstraat 88",
        "W08",
        "exact",
        "partial",
        False,
        False,
        "wo 14:00–18:00, do 10:00–12:00, za 9:00–12:00",
    ),
    (
        "sociaal-huis",
        "Sociaal Huis Buurtegem",
        "sociaal-huis-buurtegem",
        "social_service",
        "Kerkstraat 25",
        "W02",
        "exact",
        "yes",
        True,
        True,
        "ma–vr 8:30–12:00, di en do ook 13:30–16:30, wo tot 20:00 op afspraak",
    ),
    (
        "dienstencentrum-de-meersen",
        "Lokaal dienstencentrum De Meersen",
        "sociaal-huis-buurtegem",
        "social_service",
        "Meerslaan 6",
        "W14",
        "exact",
        "yes",
        True,
        True,
        "ma–vr 9:00–16:30",
    ),
    (
        "basisschool-de-regenboog",
        "Basisschool De Regenboog (refter)",
        "buurtwerk-buurtegem",
        "school",
        "Nieuwe Driesstraat 21",
        "W20",
        "exact",
        "partial",
        True,
        False,
        "op schooldagen 8:00–17:30",
    ),
    (
        "spinnerijpark",
        "Spinnerijpark",
        "buurtwerk-buurtegem",
        "park",
        "Spinnerijstraat 1",
        "W10",
        "exact",
        "partial",
        False,
        False,
        "altijd open",
    ),
    (
        "sociaal-restaurant-het-warme-nest",
        "Sociaal restaurant Het Warme Nest",
        "vrijwilligerspunt-buurtegem",
        "cafe",
        "Brouwerijplein 5",
        "W05",
        "exact",
        "yes",
        True,
        False,
        "ma, di, do en vr 11:30–14:00",
    ),
    (
        "wijkatelier-de-vonk",
        "Wijkatelier De Vonk",
        "repair-cafe-buurtegem",
        "other",
        "Vaartkant 52 (eerste verdieping)",
        "W15",
        "exact",
        "no",
        False,
        False,
        "eerste zaterdag van de maand 13:30–16:30",
    ),
    (
        "ontmoetingshuis-de-brug",
        "Ontmoetingshuis De Brug",
        "de-brug",
        "community_centre",
        "Hoge Akkerstraat 9",
        "W09",
        "exact",
        "partial",
        False,
        False,
        "ma en do 9:30–16:00",
    ),
    # Sensitive groups meet here: the public only sees the neighbourhood.
    (
        "vergaderzaal-klaverveld",
        "Vergaderzaal in Klaverveld (adres na aanmelding)",
        "de-brug",
        "other",
        "Klaverstraat 17",
        "W07",
        "area",
        "yes",
        True,
        False,
        "alleen tijdens de bijeenkomsten",
    ),
    (
        "praatcafe-welkom",
        "Praatcafé Welkom",
        "welkom-buurtegem",
        "cafe",
        "Beekstraat 30",
        "W13",
        "exact",
        "unknown",
        False,
        False,
        "za 9:00–18:00",
    ),
    (
        "vrijwilligerspunt",
        "Vrijwilligerspunt Buurtegem",
        "vrijwilligerspunt-buurtegem",
        "other",
        "Lindenlaan 2",
        "W16",
        "exact",
        "yes",
        True,
        False,
        "ma–do 9:00–12:00",
    ),
    (
        "speelterrein-heidebos",
        "Speelterrein Heidebos",
        "buurtwerk-buurtegem",
        "park",
        "Heidebosdreef 1",
        "W06",
        "exact",
        "partial",
        False,
        False,
        "elke dag tot zonsondergang",
    ),
    (
        "cafetaria-kasteeldreef",
        "Cafetaria woonzorgcentrum Kasteeldreef",
        "vrijwilligerspunt-buurtegem",
        "cafe",
        "Kasteeldreef 120",
        "W12",
        "exact",
        "yes",
        True,
        True,
        "elke dag 14:00–17:00",
    ),
]


def weekly(day: str, time: str, minutes: int, interval: int = 1, cancel_next: bool = False) -> dict:
    rule = (
        f"FREQ=WEEKLY;INTERVAL={interval};BYDAY={day}"
        if interval > 1
        else f"FREQ=WEEKLY;BYDAY={day}"
    )
    return {
        "time": time,
        "duration_minutes": minutes,
        "rrule": rule,
        "days_from_today": None,
        "cancel_next": cancel_next,
    }


def monthly(byday: str, time: str, minutes: int, cancel_next: bool = False) -> dict:
    return {
        "time": time,
        "duration_minutes": minutes,
        "rrule": f"FREQ=MONTHLY;BYDAY={byday}",
        "days_from_today": None,
        "cancel_next": cancel_next,
    }


def once(days_from_today: int, time: str, minutes: int) -> dict:
    return {
        "time": time,
        "duration_minutes": minutes,
        "rrule": None,
        "days_from_today": days_from_today,
        "cancel_next": False,
    }


FREE = {"kind": "free", "amount": None, "social_tariff": ""}
NO_REGISTRATION = {"required": False, "how": ""}


def paid(amount: str, social_tariff: str) -> dict:
    return {"kind": "paid", "amount": amount, "social_tariff": social_tariff}


def register(how: str) -> dict:
    return {"required": True, "how": how}


def activity(
    key,
    organisation,
    kind,
    title,
    summary,
    description,
    what_to_expect,
    work_models,
    audiences,
    languages,
    cost,
    registration,
    host,
    phone,
    email,
    place,
    schedule,
    *,
    basic_dutch_ok=True,
    service_areas=(),
) -> dict:
    return {
        "key": key,
        "organisation": organisation,
        "kind": kind,
        "title": title,
        "summary": summary,
        "description": description,
        "what_to_expect": what_to_expect,
        "work_models": work_models,
        "audiences": audiences,
        "languages": languages,
        "basic_dutch_ok": basic_dutch_ok,
        "cost": cost,
        "registration": registration,
        "host_name": host,
        "contact_phone": phone,
        "contact_email": email,
        "place": place,
        "service_areas": [ncode(s) for s in service_areas],
        "schedule": schedule,
    }


ACTIVITIES = [
    activity(
        "taalcafe-nederlands",
        "bibliotheek-buurtegem",
        "recurring",
        "Taalcafé: Nederlands oefenen bij een kop koffie",
        "Oefen je Nederlands in een klein groepje, zonder stress en zonder punten.",
        "Elke dinsdag praten we over gewone dingen: de markt, het weer, je kinderen, je werk. "
        "Vrijwilligers helpen het gesprek op gang. Je hoeft je niet in te schrijven.",
        "Je zit aan een tafel met vier tot zes mensen en een vrijwilliger. Fouten maken mag, "
        "daar leer je van. Koffie en thee zijn gratis. Je mag gerust alleen komen.",
        ["competence", "community"],
        ["newcomers", "adults"],
        ["nl"],
        FREE,
        NO_REGISTRATION,
        "Els",
        "+32 53 00 20 11",
        "taalcafe@bib.example.org",
        "bib-hoofdbibliotheek",
        weekly("TU", "14:00", 90),
    ),
    activity(
        "digitaal-spreekuur",
        "bibliotheek-buurtegem",
        "recurring",
        "Digitaal spreekuur: hulp met je smartphone en itsme",
        "Een vrijwilliger helpt je met je smartphone, itsme, e-mail of een online formulier.",
        "Loopt iets vast op je gsm of computer? Kom langs met je vraag en je toestel. Samen "
        "zoeken we het stap voor stap uit, zodat je het de volgende keer zelf kan.",
        "Neem je gsm of laptop mee, en je identiteitskaart als het over itsme of een website "
        "van de overheid gaat. Soms moet je even wachten; er is koffie. We doen niets in jouw "
        "plaats zonder dat jij erbij bent.",
        ["competence"],
        ["seniors", "adults"],
        ["nl", "fr", "ar"],
        FREE,
        NO_REGISTRATION,
        "Marc",
        "+32 53 00 20 12",
        "digitaal@bib.example.org",
        "bibliotheekpunt-molenwijk",
        weekly("TH", "10:00", 120),
    ),
    activity(
        "budgetcursus",
        "sociaal-huis-buurtegem",
        "recurring",
        "Budgetcursus 'Rondkomen met je geld'",
        "In vijf avonden leer je je rekeningen op een rij zetten en wat geld opzij leggen.",
        "Samen met een budgetcoach bekijk je hoe je je vaste kosten overziet, hoe je een "
        "afbetalingsplan vraagt en op welke premies en tegemoetkomingen je recht hebt. De "
        "cursus gaat om de twee weken door, in een kleine groep.",
        "Je hoeft niets over je eigen situatie te vertellen als je dat niet wil. Je krijgt een "
        "map mee om thuis verder te werken. Kinderopvang is mogelijk als je het op voorhand "
        "vraagt.",
        ["competence", "context"],
        ["adults", "parents"],
        ["nl", "fr"],
        FREE,
        register("Bel of mail het Sociaal Huis en vraag naar Sofie."),
        "Sofie",
        "+32 53 00 10 21",
        "budget@sociaalhuis.example.org",
        "sociaal-huis",
        weekly("WE", "19:00", 120, interval=2),
    ),
    activity(
        "buddywerking-samen-op-stap",
        "vrijwilligerspunt-buurtegem",
        "programme",
        "Buddywerking 'Samen op stap'",
        "Een vrijwilliger uit de buurt wordt je buddy en trekt een jaar lang met je op.",
        "Voel je je soms alleen, of wil je graag nieuwe dingen doen maar durf je het niet "
        "alleen? Een buddy is een vrijwilliger die je elke week of om de twee weken ziet. "
        "Samen kiezen jullie wat jullie doen: een wandeling, een koffie, samen naar de markt "
        "of naar een activiteit in de buurt.",
        "Eerst komt Hilde van het Vrijwilligerspunt bij je thuis kennismaken. Daarna zoeken we "
        "een buddy die bij je past. Elke eerste woensdag van de maand is er een telefonisch "
        "infomoment: bel gerust met je vragen, als deelnemer of als toekomstige buddy. "
        "Meedoen is gratis.",
        ["buddy"],
        ["adults", "seniors", "newcomers"],
        ["nl", "fr", "en", "tr"],
        FREE,
        register("Bel of mail het Vrijwilligerspunt; we maken een afspraak bij je thuis."),
        "Hilde",
        "+32 53 00 30 11",
        "buddy@vrijwilligerspunt.example.org",
        None,
        monthly("1WE", "18:30", 60),
        service_areas=("W01", "W02", "W04", "W05", "W10"),
    ),
    activity(
        "leesbuddys",
        "bibliotheek-buurtegem",
        "recurring",
        "Leesbuddy's: samen lezen in de bib",
        "Kinderen lezen elke woensdagnamiddag samen met een vaste vrijwilliger.",
        "Je kind krijgt een vaste leesbuddy: een vrijwilliger die elke week samen leest, een "
        "spelletje doet en vertelt over boeken. Voor kinderen van 6 tot 12 jaar die wat extra "
        "steun kunnen gebruiken bij het lezen in het Nederlands.",
        "Ouders mogen erbij blijven of intussen een boek lenen. Je kind heeft geen bibkaart "
        "nodig om mee te doen, maar we maken er graag gratis een.",
        ["buddy", "competence"],
        ["children", "families"],
        ["nl"],
        FREE,
        register("Schrijf je kind in aan de balie van de bib of bel Nadia."),
        "Nadia",
        "+32 53 00 20 13",
        "leesbuddys@bib.example.org",
        "bib-hoofdbibliotheek",
        weekly("WE", "14:00", 60),
    ),
    activity(
        "infoavond-netwerkberaad",
        "sociaal-huis-buurtegem",
        "event",
        "Infoavond: sterker met je eigen netwerk",
        "Ontdek hoe familie, vrienden en buren samen met jou een plan kunnen maken als het "
        "moeilijk gaat.",
        "Op deze avond leggen we uit hoe een netwerkberaad werkt: jij nodigt de mensen uit die "
        "belangrijk zijn voor jou, en samen maken jullie een plan. Een onafhankelijke "
        "begeleider leidt het gesprek. Ouders die het al deden, vertellen hoe het voor hen was.",
        "Je luistert en stelt vragen; je hoeft niets over jezelf te vertellen. Je mag iemand "
        "meebrengen. Er zijn koffie en koekjes.",
        ["own_network", "context"],
        ["parents", "families"],
        ["nl", "fr", "en"],
        FREE,
        register(
            "Laat even weten dat je komt, met een telefoontje of een mail. Dan zetten we "
            "genoeg stoelen klaar."
        ),
        "Karim",
        "+32 53 00 10 22",
        "netwerk@sociaalhuis.example.org",
        "sociaal-huis",
        once(9, "19:30", 90),
    ),
    activity(
        "netwerkcafe",
        "buurtwerk-buurtegem",
        "recurring",
        "Netwerkcafé: wie staat er rond jou?",
        "Breng iemand mee en ontdek samen wie jou kan helpen en wie jij kan helpen.",
        "In het netwerkcafé tekenen we samen je netwerk: familie, vrienden, buren, mensen van "
        "de school of het werk. Zo zie je wie je kan bellen als je hulp nodig hebt, en met wie "
        "je opnieuw contact wil. Elke maand is er een ander thema, zoals 'iemand voor de "
        "kinderen' of 'iemand om mee te praten'.",
        "Je mag alleen komen, maar breng gerust een vriend, buurvrouw of familielid mee. We "
        "werken aan kleine tafels. Niemand moet iets vertellen wat hij niet wil.",
        ["own_network", "community"],
        ["adults", "parents"],
        ["nl", "fr", "ar"],
        FREE,
        NO_REGISTRATION,
        "Fatima",
        "+32 53 00 00 11",
        "desluis@buurtwerk.example.org",
        "buurthuis-de-sluis",
        monthly("3TH", "19:00", 120),
    ),
    activity(
        "praatgroep-alleenstaande-ouders",
        "de-brug",
        "peer_group",
        "Praatgroep voor alleenstaande ouders",
        "Ouders die er alleen voor staan, praten met elkaar over wat lukt en wat moeilijk is.",
        "Om de twee weken komen alleenstaande mama's en papa's samen. We delen tips over school, "
        "geld en vrije tijd, en we luisteren naar elkaar. Wat in de groep gezegd wordt, blijft "
        "in de groep.",
        "Voor je eerste keer bel je even met Lotte; zij vertelt je waar we samenkomen. Er is "
        "gratis kinderopvang in de zaal ernaast. Je mag eerst gewoon luisteren.",
        ["peer"],
        ["parents"],
        ["nl", "fr", "ar"],
        FREE,
        register("Bel of sms Lotte. Het adres krijg je na je telefoontje."),
        "Lotte",
        "+32 53 00 40 11",
        "ouders@debrug.example.org",
        "vergaderzaal-klaverveld",
        weekly("FR", "09:30", 120, interval=2),
    ),
    activity(
        "lotgenotengroep-schuldenvrij",
        "de-brug",
        "peer_group",
        "Lotgenotengroep 'Schuldenvrij'",
        "Mensen met schulden steunen elkaar, zonder oordeel.",
        "Schulden geven stress en schaamte. In deze groep praat je met mensen die hetzelfde "
        "meemaken of meegemaakt hebben. Soms komt een budgetcoach vertellen over je rechten, "
        "maar meestal helpen we elkaar gewoon verder.",
        "We zitten met hoogstens tien mensen rond de tafel. Je vertelt alleen wat je zelf wil. "
        "Na je aanmelding krijg je het adres. Je naam komt nergens op een lijst.",
        ["peer", "competence"],
        ["adults"],
        ["nl", "fr"],
        FREE,
        register("Bel Youssef; hij vertelt je waar en wanneer we samenkomen."),
        "Youssef",
        "+32 53 00 40 12",
        "schuldenvrij@debrug.example.org",
        "vergaderzaal-klaverveld",
        monthly("-1TU", "19:00", 120),
    ),
    activity(
        "maandag-bij-de-brug",
        "de-brug",
        "peer_group",
        "Maandagnamiddag bij De Brug: samen het woord nemen",
        "Mensen in armoede komen samen, drinken koffie en praten over wat hen bezighoudt.",
        "Elke maandag praten we over wat er in ons leven speelt: de huurprijs, de "
        "energiefactuur, de school van de kinderen. Wat we samen vaststellen, brengen we naar "
        "de stad en het OCMW. Zo wordt onze stem gehoord.",
        "Iedereen is welkom, je hoeft geen lid te zijn. Er is koffie en soep. Je kan alleen "
        "komen: er staat altijd iemand aan de deur om je te verwelkomen.",
        ["peer", "community"],
        ["adults"],
        ["nl", "fr"],
        FREE,
        NO_REGISTRATION,
        "Rita",
        "+32 53 00 40 13",
        "info@debrug.example.org",
        "ontmoetingshuis-de-brug",
        weekly("MO", "13:30", 150),
    ),
    activity(
        "welkom-groep",
        "welkom-buurtegem",
        "peer_group",
        "Welkom-groep: nieuwkomers onder elkaar",
        "Nieuwkomers helpen elkaar met de eerste stappen in Buurtegem, ook in je eigen taal.",
        "Ben je nieuw in België? Bij ons vind je mensen die hetzelfde meegemaakt hebben. We "
        "helpen met brieven, de school, de huisarts en de weg in de stad. En vooral: we drinken "
        "thee en leren elkaar kennen.",
        "Kom gewoon binnen. Er is altijd iemand die Arabisch, Tigrinya, Somali, Oekraïens of "
        "Engels spreekt. Kinderen mogen mee.",
        ["peer"],
        ["newcomers", "families"],
        ["nl", "ar", "ti", "so", "uk", "en"],
        FREE,
        NO_REGISTRATION,
        "Semhar",
        "+32 53 00 50 11",
        "welkom@welkom.example.org",
        "praatcafe-welkom",
        weekly("SA", "14:00", 180),
    ),
    activity(
        "sociaal-huis-in-de-buurt",
        "sociaal-huis-buurtegem",
        "recurring",
        "Sociaal Huis in de buurt: vragen zonder afspraak",
        "Een maatschappelijk werker helpt je in Buurthuis 't Spoor met vragen over geld, wonen "
        "of zorg.",
        "Je hoeft niet naar het stadhuis: elke dinsdagvoormiddag zit een maatschappelijk werker "
        "van het Sociaal Huis in Buurthuis 't Spoor. Je kan er terecht met vragen over je huur, "
        "je energiefactuur, een premie, je leefloon of een brief die je niet begrijpt.",
        "Je komt binnen zonder afspraak en wacht even in het buurthuis. Neem je "
        "identiteitskaart mee, en de brieven waarover je een vraag hebt. Het gesprek blijft "
        "tussen jou en de maatschappelijk werker.",
        ["context"],
        ["everyone"],
        ["nl", "fr", "en"],
        FREE,
        NO_REGISTRATION,
        "Pieter",
        "+32 53 00 10 23",
        "inbuurt@sociaalhuis.example.org",
        "buurthuis-t-spoor",
        weekly("TU", "09:00", 180),
    ),
    activity(
        "koffie-en-vragen-de-meersen",
        "sociaal-huis-buurtegem",
        "recurring",
        "Koffie en vragen in De Meersen",
        "Om de twee weken stel je bij een kop koffie je vragen over zorg, thuishulp en premies.",
        "Voor senioren en mantelzorgers uit Oost. Een maatschappelijk werker van het Sociaal "
        "Huis en een vrijwilliger van het dienstencentrum luisteren naar je vraag en zoeken "
        "samen met jou de juiste hulp: thuiszorg, maaltijden aan huis, een zorgpremie of "
        "iemand die eens langskomt.",
        "Je schuift aan bij een tafel in de cafetaria. Je mag je partner, kind of buur "
        "meebrengen. Koffie is gratis.",
        ["context", "community"],
        ["seniors"],
        ["nl"],
        FREE,
        NO_REGISTRATION,
        "Greet",
        "+32 53 00 10 24",
        "demeersen@sociaalhuis.example.org",
        "dienstencentrum-de-meersen",
        weekly("TH", "14:00", 120, interval=2, cancel_next=True),
    ),
    activity(
        "huiswerkklas-de-regenboog",
        "buurtwerk-buurtegem",
        "recurring",
        "Huiswerkklas in De Regenboog",
        "Kinderen van de lagere school maken hun huiswerk samen, met hulp van vrijwilligers.",
        "Na school maken kinderen hun huiswerk in de refter van De Regenboog. Vrijwilligers "
        "helpen met lezen, rekenen en Nederlands. Ouders die zelf nog Nederlands leren, kunnen "
        "zo toch volgen wat hun kind leert.",
        "Er is een vieruurtje. Je kind komt elke maandag, zo leert het de vrijwilligers goed "
        "kennen. Ouders mogen na afloop even meekijken. Wil je zelf vrijwilliger worden? Welkom!",
        ["competence", "volunteering"],
        ["children", "parents"],
        ["nl", "fr", "ar", "tr"],
        FREE,
        register("Schrijf je kind in bij juf Ilse of bij het buurtwerk."),
        "Ilse",
        "+32 53 00 00 12",
        "huiswerkklas@buurtwerk.example.org",
        "basisschool-de-regenboog",
        weekly("MO", "15:45", 75),
    ),
    activity(
        "mee-koken-het-warme-nest",
        "vrijwilligerspunt-buurtegem",
        "recurring",
        "Mee koken in Het Warme Nest",
        "Help elke donderdagvoormiddag mee in de keuken van ons sociaal restaurant.",
        "In Het Warme Nest koken vrijwilligers en buurtbewoners samen een gezonde maaltijd voor "
        "meer dan zestig mensen. Je snijdt groenten, dekt de tafels of helpt met de afwas. "
        "Ervaring is niet nodig.",
        "Je werkt samen met een vaste kok en andere vrijwilligers. Na het werk eet je gratis "
        "mee. Je mag één keer komen proberen voor je beslist.",
        ["volunteering", "community"],
        ["adults", "seniors"],
        ["nl", "fr", "ro", "pl"],
        FREE,
        NO_REGISTRATION,
        "Dirk",
        "+32 53 00 30 12",
        "warmenest@vrijwilligerspunt.example.org",
        "sociaal-restaurant-het-warme-nest",
        weekly("TH", "09:00", 180),
    ),
    activity(
        "samen-eten-het-warme-nest",
        "vrijwilligerspunt-buurtegem",
        "recurring",
        "Samen eten in Het Warme Nest",
        "Een warme maaltijd met soep en dessert, samen aan tafel met buren.",
        "Het Warme Nest is een sociaal restaurant: iedereen is welkom, en wie het moeilijk "
        "heeft, betaalt minder. Elke dag staat er één menu op tafel, altijd ook vegetarisch "
        "en zonder varkensvlees.",
        "Je hoeft niet te reserveren. Je zit aan lange tafels, dus je raakt snel aan de praat. "
        "Betalen kan cash of met de kaart; met UiTPAS kansentarief betaal je minder.",
        ["community"],
        ["everyone"],
        ["nl", "fr", "en"],
        paid("6.00", "UiTPAS kansentarief: € 1,50"),
        NO_REGISTRATION,
        "Jan",
        "+32 53 00 30 13",
        "warmenest@vrijwilligerspunt.example.org",
        "sociaal-restaurant-het-warme-nest",
        weekly("MO,TU,TH,FR", "12:00", 90),
    ),
    activity(
        "repair-cafe",
        "repair-cafe-buurtegem",
        "recurring",
        "Repair Café: samen herstellen",
        "Breng je kapotte lamp, broek of fiets mee en herstel ze samen met een vrijwilliger.",
        "Elke eerste zaterdag van de maand staan vrijwillige herstellers klaar met gereedschap "
        "en naaimachines. Je herstelt je spullen samen, zodat je leert hoe het moet. Intussen "
        "drink je een koffie met de buren.",
        "Je zet je naam op de lijst aan de ingang en wacht tot er een hersteller vrij is. "
        "Meedoen is gratis; een vrije bijdrage in de pot mag. Wil je zelf mee herstellen als "
        "vrijwilliger? Zeg het gerust. Let op: het atelier is op de eerste verdieping, zonder "
        "lift.",
        ["volunteering", "community"],
        ["everyone"],
        ["nl", "fr", "pl"],
        FREE,
        NO_REGISTRATION,
        "Wim",
        "+32 53 00 60 11",
        "herstel@repaircafe.example.org",
        "wijkatelier-de-vonk",
        monthly("1SA", "13:30", 180),
    ),
    activity(
        "infomoment-vrijwilligerswerk",
        "vrijwilligerspunt-buurtegem",
        "event",
        "Infomoment: welk vrijwilligerswerk past bij jou?",
        "Ontdek in een uur welk vrijwilligerswerk er in Buurtegem is en wat bij jou past.",
        "Wil je iets doen voor anderen, nieuwe mensen leren kennen of ervaring opdoen? Op dit "
        "infomoment stellen vijf organisaties zich voor: het sociaal restaurant, het Repair "
        "Café, de buddywerking, de huiswerkklas en het woonzorgcentrum.",
        "Je luistert, stelt vragen en praat na bij een koffie. Je hoeft niets te beslissen. "
        "Ook met een leefloon of een werkloosheidsuitkering mag je vrijwilligerswerk doen; we "
        "leggen uit hoe je dat meldt.",
        ["volunteering"],
        ["adults", "seniors", "newcomers"],
        ["nl", "en"],
        FREE,
        NO_REGISTRATION,
        "Hilde",
        "+32 53 00 30 11",
        "hallo@vrijwilligerspunt.example.org",
        "vrijwilligerspunt",
        once(5, "10:00", 60),
    ),
    activity(
        "buurtfeest-spinnerijpark",
        "buurtwerk-buurtegem",
        "event",
        "Buurtfeest in het Spinnerijpark",
        "Een gratis namiddag vol muziek, spelletjes en eten uit de hele wereld.",
        "Buren, verenigingen en het buurtwerk maken er samen een feest van. Er is een "
        "springkasteel, schminken, live muziek en een knutselhoek. Bewoners koken gerechten "
        "uit hun land van herkomst.",
        "Kom wanneer je wil en blijf zo lang je wil. Breng gerust je buren mee. Wil je zelf "
        "iets koken of een spel begeleiden? Laat het weten aan het buurtwerk. Bij slecht weer "
        "verhuizen we naar Buurthuis De Sluis.",
        ["community"],
        ["everyone", "families", "children"],
        ["nl", "fr", "ar", "tr", "en"],
        FREE,
        NO_REGISTRATION,
        "Fatima",
        "+32 53 00 00 11",
        "info@buurtwerk.example.org",
        "spinnerijpark",
        once(16, "14:00", 300),
    ),
    activity(
        "spelnamiddag-heidebos",
        "buurtwerk-buurtegem",
        "recurring",
        "Spelnamiddag op het speelterrein Heidebos",
        "Om de twee weken spelen kinderen samen buiten, met jeugdwerkers erbij.",
        "Jeugdwerkers van het buurtwerk brengen ballen, stelten, krijt en grote spellen mee. "
        "Kinderen uit de buurt leren elkaar kennen, ouders maken een praatje op de bank.",
        "Gratis en zonder inschrijving. Kinderen jonger dan 6 komen met een volwassene. Bij "
        "regen gaat de spelnamiddag niet door; dat zie je op deze pagina.",
        ["community"],
        ["children", "families"],
        ["nl"],
        FREE,
        NO_REGISTRATION,
        "Jonas",
        "+32 53 00 00 13",
        "jeugd@buurtwerk.example.org",
        "speelterrein-heidebos",
        weekly("WE", "14:00", 150, interval=2, cancel_next=True),
    ),
    activity(
        "wandelgroep-stap-voor-stap",
        "buurtwerk-buurtegem",
        "recurring",
        "Wandelgroep 'Stap voor stap'",
        "Elke vrijdagochtend wandelen we een uurtje rustig door de buurt, daarna is er koffie.",
        "Een rustige wandeling van ongeveer drie kilometer, op het tempo van de traagste "
        "wandelaar. Onderweg leer je buren kennen, en daarna drinken we koffie in de "
        "Ontmoetingsruimte.",
        "Draag stevige schoenen. Met een rollator of kinderwagen kan je mee: we kiezen vlakke "
        "paden. Je mag gewoon komen, ook als je niemand kent.",
        ["community"],
        ["adults", "seniors"],
        ["nl", "tr"],
        FREE,
        NO_REGISTRATION,
        "Ayşe",
        "+32 53 00 00 14",
        "ganzeweide@buurtwerk.example.org",
        "ontmoetingsruimte-ganzeweide",
        weekly("FR", "10:00", 90),
    ),
    activity(
        "babbelnamiddag-kasteeldreef",
        "vrijwilligerspunt-buurtegem",
        "recurring",
        "Babbelnamiddag: word babbelmaatje van een bewoner",
        "Drink koffie met bewoners van het woonzorgcentrum en word misschien een vast "
        "babbelmaatje.",
        "Veel bewoners van woonzorgcentrum Kasteeldreef krijgen weinig bezoek. Op de "
        "babbelnamiddag maak je kennis in de cafetaria. Klikt het? Dan kan je een vast "
        "babbelmaatje worden en één keer per week of per maand op bezoek gaan.",
        "Je hebt geen ervaring nodig, alleen wat tijd en een luisterend oor. Een medewerker "
        "stelt je voor aan de bewoners. Taart en koffie zijn gratis.",
        ["volunteering", "buddy"],
        ["everyone", "seniors"],
        ["nl", "fr"],
        FREE,
        NO_REGISTRATION,
        "Marleen",
        "+32 53 00 30 14",
        "babbelmaatjes@vrijwilligerspunt.example.org",
        "cafetaria-kasteeldreef",
        monthly("-1SA", "14:30", 120),
    ),
    activity(
        "infoavond-huurdersrechten",
        "sociaal-huis-buurtegem",
        "event",
        "Infoavond: je rechten als huurder",
        "Leer wat je rechten zijn als huurder: huurwaarborg, huurprijs, herstellingen en vocht "
        "in huis.",
        "Een medewerker van het Sociaal Huis en een jurist van de huurdersbond leggen uit hoe "
        "een huurcontract werkt, wanneer de huur mag stijgen en wie welke herstellingen betaalt. "
        "Daarna is er tijd voor je eigen vragen.",
        "Je mag je huurcontract meebrengen. Je hoeft in de groep niets over jezelf te vertellen; "
        "na afloop kan je apart een vraag stellen. Er is iemand die kan vertalen naar het Frans.",
        ["context", "competence"],
        ["adults", "families"],
        ["nl", "fr"],
        FREE,
        register("Schrijf je in aan de balie van de bib of van het Sociaal Huis, of bel ons."),
        "Sofie",
        "+32 53 00 10 21",
        "wonen@sociaalhuis.example.org",
        "bib-hoofdbibliotheek",
        once(12, "19:00", 120),
    ),
    activity(
        "workshop-op-eigen-benen",
        "sociaal-huis-buurtegem",
        "event",
        "Workshop voor jongeren: op eigen benen, niet alleen",
        "Jongeren die alleen gaan wonen, zoeken samen uit wie hen kan helpen.",
        "Ga je binnenkort alleen wonen, of woon je al alleen? In deze workshop tekenen we samen "
        "je netwerk: familie, vrienden, een leerkracht, een trainer. Je bedenkt wie je kan "
        "bellen voor geld, papieren of gewoon om te praten.",
        "Je werkt in een kleine groep jongeren tussen 17 en 25 jaar. Er is pizza. Je mag een "
        "vriend of vriendin meebrengen.",
        ["own_network", "context"],
        ["youth"],
        ["nl", "fr", "en"],
        FREE,
        register("Stuur een sms of mail naar Karim."),
        "Karim",
        "+32 53 00 10 22",
        "jongeren@sociaalhuis.example.org",
        "buurthuis-de-sluis",
        once(20, "18:00", 150),
    ),
    activity(
        "naaiatelier",
        "buurtwerk-buurtegem",
        "recurring",
        "Naaiatelier: herstellen en zelf maken",
        "Leer naaien op de machine en maak of herstel je eigen kleren.",
        "Elke vrijdagnamiddag staan er zes naaimachines klaar in Buurthuis 't Spoor. Een "
        "vrijwillige naaister toont je hoe je een broek korter maakt, een rits vervangt of een "
        "tas maakt. Intussen wordt er veel gelachen en thee gedronken.",
        "Je betaalt een kleine bijdrage voor stof en garen. Beginners zijn welkom. Er is plaats "
        "voor tien mensen, dus schrijf je in.",
        ["competence", "community"],
        ["women", "adults"],
        ["nl", "ar", "tr", "fr"],
        paid("2.00", "UiTPAS kansentarief: € 0,50"),
        register("Schrijf je in aan het onthaal van Buurthuis 't Spoor of bel Hanan."),
        "Hanan",
        "+32 53 00 00 15",
        "tspoor@buurtwerk.example.org",
        "buurthuis-t-spoor",
        weekly("FR", "13:30", 150),
    ),
    activity(
        "welkom-ontbijt",
        "welkom-buurtegem",
        "event",
        "Welkom-ontbijt voor nieuwe inwoners",
        "Nieuwe inwoners ontbijten samen en leren de organisaties uit de buurt kennen.",
        "Ben je het voorbije jaar in Buurtegem komen wonen? Kom ontbijten en maak kennis met je "
        "buren, de bib, het buurtwerk en het Sociaal Huis. Zo weet je meteen bij wie je "
        "terecht kan.",
        "Je krijgt een ontbijt met brood, fruit en thee. Er zijn vrijwilligers die Arabisch, "
        "Oekraïens, Engels en Frans spreken. Kinderen eten gratis mee.",
        ["community", "peer"],
        ["newcomers", "families"],
        ["nl", "ar", "uk", "en", "fr"],
        paid("3.00", "UiTPAS kansentarief: € 0,60"),
        register("Laat weten met hoeveel je komt, zodat er genoeg eten is."),
        "Olena",
        "+32 53 00 50 12",
        "welkom@welkom.example.org",
        "praatcafe-welkom",
        once(2, "09:30", 120),
    ),
]


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

    places = []
    for key, name, org, kind, street, suffix, precision, wheelchair, toilet, loop, hours in PLACES:
        lon, lat = point_inside(rings[ncode(suffix)])
        places.append(
            {
                "key": key,
                "name": name,
                "organisation": org,
                "kind": kind,
                "address": f"{street}, {POSTCODE} {MUNICIPALITY['name']}",
                "lon": lon,
                "lat": lat,
                "precision": precision,
                "wheelchair": wheelchair,
                "accessible_toilet": toilet,
                "hearing_loop": loop,
                "opening_hours": hours,
            }
        )

    demo = {"organisations": ORGANISATIONS, "places": places, "activities": ACTIVITIES}
    (HERE / "demo.json").write_text(
        json.dumps(demo, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(
        f"Wrote the fictional territory {MUNICIPALITY['name']} to {HERE}: 1 municipality, "
        f"{len(district_features)} districts, {len(neighbourhood_features)} neighbourhoods, "
        f"{len(ORGANISATIONS)} organisations, {len(places)} places, {len(ACTIVITIES)} activities."
    )


if __name__ == "__main__":
    main()
