"""The resident mix of the load test (bench/load.py, bench/locustfile.py): which requests a
resident's visit makes, in what proportion, with ids and coordinates drawn from the database
the server reads.

Kept free of locust, which patches the standard library (gevent) when it is imported: the
test of the mix (tests/bench/test_load_mix.py) asks these paths of a live server in a normal
pytest process.
"""

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode, urlsplit

# Drawn once at start-up; md5 orders make the draw the same for the same data.
SAMPLE_SIZE = 400
# Neighbourhoods above which the home page's area filter offers municipalities
# (frontend/forms/home.py MAX_NEIGHBOURHOOD_CHOICES).
MAX_NEIGHBOURHOOD_CHOICES = 400
# The map's viewport: a laptop's 1280 × 720 map; clusters are asked for with the home map's
# max_points (frontend/static/frontend/js/home-map.js).
VIEWPORT_PX = (1280, 720)
MAX_POINTS = 1000
RADII_M = (1000, 2000, 5000)


@dataclass(frozen=True)
class Sample:
    """What the requests are made of: real ids, codes and resident points."""

    activity_ids: list[int]
    neighbourhood_codes: list[str]
    area_codes: list[str]  # what the home page's area filter offers
    points: list[tuple[float, float]]  # lon, lat of public places: residents live near them
    work_models: list[str]
    words: list[str]
    monday: str
    sunday: str

    def as_json(self) -> dict:
        return self.__dict__.copy()

    @classmethod
    def from_json(cls, data: dict) -> "Sample":
        return cls(**{**data, "points": [tuple(point) for point in data["points"]]})


def week_of(today: date) -> tuple[date, date]:
    """Monday and Sunday of the week of `today`: the board's "this week"."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def sample_draw(fetch: Callable[[str], list[tuple]], today: date) -> Sample:
    """The sample, from `fetch(sql) -> rows` (psycopg in the driver, Django in the test)."""
    n = SAMPLE_SIZE
    (neighbourhoods,) = fetch("SELECT count(*) FROM buurt_area WHERE kind = 'neighbourhood'")[0]
    area_kind = "neighbourhood" if neighbourhoods <= MAX_NEIGHBOURHOOD_CHOICES else "municipality"
    monday, sunday = week_of(today)
    sample = Sample(
        activity_ids=[
            row[0]
            for row in fetch(
                "SELECT id FROM events_activity WHERE status = 'published' "
                f"ORDER BY md5(id::text) LIMIT {n}"
            )
        ],
        neighbourhood_codes=[
            row[0]
            for row in fetch(
                "SELECT code FROM buurt_area WHERE kind = 'neighbourhood' "
                f"ORDER BY md5(code) LIMIT {n}"
            )
        ],
        area_codes=[
            row[0]
            for row in fetch(
                f"SELECT code FROM buurt_area WHERE kind = '{area_kind}' "
                f"ORDER BY md5(code) LIMIT {n}"
            )
        ],
        points=[
            (round(lon, 5), round(lat, 5))
            for lon, lat in fetch(
                "SELECT ST_X(public_location), ST_Y(public_location) FROM places_place "
                f"ORDER BY md5(id::text) LIMIT {n}"
            )
        ],
        work_models=[row[0] for row in fetch("SELECT code FROM events_workmodel ORDER BY id")],
        words=[
            row[0]
            for row in fetch(
                "SELECT DISTINCT lower(split_part(title, ' ', 1)) FROM events_activity "
                "WHERE status = 'published' AND length(split_part(title, ' ', 1)) >= 4 "
                "ORDER BY 1 LIMIT 40"
            )
        ],
        monday=monday.isoformat(),
        sunday=sunday.isoformat(),
    )
    empty = [name for name, value in sample.as_json().items() if value == []]
    if empty:
        raise SystemExit(f"The database has nothing to draw for: {', '.join(empty)}.")
    return sample


def _viewport(lon: float, lat: float, zoom: int) -> str:
    """The bbox of the map's viewport centred on a point at a zoom (Web Mercator)."""
    degrees_per_px = 360 / (256 * 2**zoom)
    half_w = VIEWPORT_PX[0] / 2 * degrees_per_px
    half_h = VIEWPORT_PX[1] / 2 * degrees_per_px * math.cos(math.radians(lat))
    return f"{lon - half_w:.5f},{lat - half_h:.5f},{lon + half_w:.5f},{lat + half_h:.5f}"


def _tile_xy(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    n = 2**zoom
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def home_path(sample: Sample, rng: random.Random) -> str:
    """The home page: a third without filters (the first visit), the rest with what residents
    choose: a point, a neighbourhood, a kind of support, this week, free, the second page,
    a search word."""
    choice = rng.random()
    if choice < 0.3:
        return "/"
    lon, lat = rng.choice(sample.points)
    query: list[tuple[str, str]] = []
    if choice < 0.55:
        query += [("near", f"{lon},{lat}"), ("radius", str(rng.choice(RADII_M)))]
    elif choice < 0.75:
        query += [("area", rng.choice(sample.area_codes))]
    if rng.random() < 0.4:
        query += [("work_model", rng.choice(sample.work_models))]
    if rng.random() < 0.3:
        query += [("when", rng.choice(("today", "week", "weekend")))]
    if rng.random() < 0.1:
        query += [("free", "on")]
    if rng.random() < 0.1:
        query += [("q", rng.choice(sample.words))]
    if rng.random() < 0.15:
        query += [("page", "2")]
    return "/?" + urlencode(query) if query else "/"


def activity_path(sample: Sample, rng: random.Random) -> str:
    return f"/activiteit/{rng.choice(sample.activity_ids)}/"


def neighbourhood_path(sample: Sample, rng: random.Random) -> str:
    return f"/buurt/{rng.choice(sample.neighbourhood_codes)}/"


def occurrences_path(sample: Sample, rng: random.Random) -> str:
    """The events board near a resident's point, this week (as bench/api.py measures it)."""
    lon, lat = rng.choice(sample.points)
    return (
        f"/api/v1/occurrences/?near={lon},{lat}&radius={rng.choice((1000, 1500, 3000))}"
        f"&from={sample.monday}&to={sample.sunday}"
    )


def clusters_path(sample: Sample, rng: random.Random) -> str:
    """What the home map asks for one viewport: a municipality to a street (zoom 12–16)."""
    lon, lat = rng.choice(sample.points)
    zoom = rng.choice((12, 13, 14, 14, 15, 16))
    return (
        f"/api/v1/places/clusters/?bbox={_viewport(lon, lat, zoom)}&zoom={zoom}"
        f"&max_points={MAX_POINTS}"
    )


def tile_path(sample: Sample, rng: random.Random) -> str:
    """A vector tile of places or activities around a resident's point (zoom 12–16)."""
    lon, lat = rng.choice(sample.points)
    zoom = rng.choice((12, 13, 14, 15, 16))
    x, y = _tile_xy(lon, lat, zoom)
    layer = rng.choice(("places", "activities"))
    return f"/tiles/{layer}/{zoom}/{x}/{y}.pbf"


@dataclass(frozen=True)
class Task:
    name: str
    weight: int
    path: Callable[[Sample, random.Random], str]
    accept: str


HTML = "text/html,application/xhtml+xml"
JSON = "application/json"
# Per 100 requests of residents' visits: most visits open the home page, move the map
# (clusters) a few times and open an activity or two; fewer open a neighbourhood's page, the
# board or a map of tiles.
TASKS = [
    Task("home", 25, home_path, HTML),
    Task("activity", 20, activity_path, HTML),
    Task("neighbourhood", 10, neighbourhood_path, HTML),
    Task("occurrences near", 10, occurrences_path, JSON),
    Task("places clusters", 20, clusters_path, JSON),
    Task("tile", 15, tile_path, "application/vnd.mapbox-vector-tile"),
]
# A resident reads Dutch, French or English (the interface's languages), most of them Dutch.
LANGUAGES = [("nl-BE,nl;q=0.9", 80), ("fr-BE,fr;q=0.9", 15), ("en", 5)]


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def loopback_only(url: str) -> None:
    """Refuse a target that is not this machine's loopback: the load test sends its traffic
    nowhere else."""
    host = urlsplit(url or "").hostname
    if host not in LOOPBACK and not (host or "").startswith("127."):
        raise SystemExit(f"The load test sends traffic to loopback only, not to {host!r}.")


def language_pick(rng: random.Random) -> str:
    return rng.choices([code for code, _ in LANGUAGES], [w for _, w in LANGUAGES])[0]
