"""The polygons of Buurtegem: a jittered grid of cells that tile exactly, the outer ring of
a group of cells, and the checks every ring passes before it is written.

A 5 x 4 grid of cells around lon 3.98, lat 50.95 (about 6 km x 5 km). Grid vertices are
jittered and every cell edge gets two wiggle points; edges are shared by the two cells on
either side, so the cells tile exactly. Districts and the municipality are built by walking
the cell edges: every directed edge that is not cancelled by its reverse lies on the outer
boundary. All rings are counter-clockwise (RFC 7946) and closed, and the generator refuses
to write polygons that are not simple.
"""

import math
import random
from itertools import pairwise

from .territory import COLS, DX, DY, LAT0, LON0, ROWS

# Points are built in "grid units" (one cell = 1 x 1, roughly 1.2 km square), then converted
# to lon/lat and rounded to 6 decimals once, so shared points are bit-identical everywhere.


def to_lonlat(x: float, y: float) -> tuple[float, float]:
    return (round(LON0 + x * DX, 6), round(LAT0 + y * DY, 6))


def jittered_vertices(rng: random.Random) -> dict[tuple[int, int], tuple[float, float]]:
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


def wiggled_edge(
    a: tuple[float, float], b: tuple[float, float], rng: random.Random
) -> list[tuple[float, float]]:
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


def build_cells(rng: random.Random) -> dict[tuple[int, int], list[tuple[float, float]]]:
    """Cell (i, j) -> closed counter-clockwise ring in lon/lat."""
    v = jittered_vertices(rng)
    horizontal = {  # from vertex (i, j) to (i + 1, j)
        (i, j): wiggled_edge(v[(i, j)], v[(i + 1, j)], rng)
        for j in range(ROWS + 1)
        for i in range(COLS)
    }
    vertical = {  # from vertex (i, j) to (i, j + 1)
        (i, j): wiggled_edge(v[(i, j)], v[(i, j + 1)], rng)
        for i in range(COLS + 1)
        for j in range(ROWS)
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
