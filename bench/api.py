"""Benchmark: the public read API over real HTTP against the raw PostGIS query that returns
the same JSON, both measured in one run on the data of bench/generate.py.

    .venv/bin/python -m bench.generate          # once: 100k places, 1M occurrences
    .venv/bin/python -m bench.api [--database buurtwijzer_bench] [--repetitions 30]

The app runs under gunicorn as deployed (config.settings.production, one worker); the
reference is psycopg on one open connection. After a warm-up each metric alternates app and
reference (A B A B ...) so that both see the same cache and machine state; p50 and p95 go
to bench/results.json and a table.
"""

import argparse
import json
import math
from dataclasses import asdict
from datetime import date, datetime, timedelta
from pathlib import Path

import psycopg

from bench.generate import BRUSSELS, DEFAULT_DATABASE, connect, database_url
from bench.measure import Metric, alternate, summarise, table
from bench.server import Client, Gunicorn

RESULTS = Path(__file__).resolve().parent / "results.json"
GENT = (3.7250, 51.0536)
ANTWERPEN = (4.4025, 51.2194)
BRUSSEL = (4.3525, 50.8467)  # Grote Markt
# Box sizes by feature count, each grown around one city centre.
BOXES = [(1_000, "Gent", GENT), (5_000, "Antwerpen", ANTWERPEN), (20_000, "Brussel", BRUSSEL)]
RADIUS_M = 1500

# The reference of the places layer: the same FeatureCollection (same features, properties
# and coordinate precision) built by one plain PostGIS query, without the app's layer cap.
PLACES_SQL = """
    SELECT json_build_object(
        'type', 'FeatureCollection',
        'features', coalesce(json_agg(json_build_object(
            'type', 'Feature',
            'id', p.id,
            'geometry', ST_AsGeoJSON(p.public_location, 6)::json,
            'properties', json_build_object(
                'id', p.id, 'name', p.name, 'kind', p.kind, 'precision', p.precision,
                'address', CASE WHEN p.precision = 'area' THEN '' ELSE p.address END,
                'organisation', p.organisation_id, 'wheelchair', p.wheelchair, 'area', a.code
            )
        )), '[]'::json)
    )::text
    FROM places_place p
    LEFT JOIN buurt_area a ON a.id = p.area_id
    WHERE p.public_location && ST_MakeEnvelope(%s, %s, %s, %s, 4326)
"""
PLACES_COUNT_SQL = """
    SELECT count(*) FROM places_place p
    WHERE p.public_location && ST_MakeEnvelope(%s, %s, %s, %s, 4326)
"""
# The reference of the events board near a point: the first page (50) of occurrences of
# published activities whose public point is within the radius, nearest first, then by
# start, with the fields the API's occurrence serializer returns, as JSON built in PostGIS.
# The cast is to geography(Point, 4326), the expression of place_public_geography_idx: a
# bare ::geography is a different expression, and PostgreSQL then scans all 100k places.
OCCURRENCES_SQL = """
    WITH here AS (SELECT ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326)::geography AS pt),
    hits AS (
        SELECT o.id, o.start, o."end", o.cancelled, o.activity_id,
               ST_Distance(p.public_location::geography(Point, 4326), here.pt) AS distance
        FROM here, events_occurrence o
        JOIN events_activity a ON a.id = o.activity_id
        JOIN places_place p ON p.id = a.place_id
        WHERE a.status = 'published'
          AND ST_DWithin(p.public_location::geography(Point, 4326), here.pt, %(radius)s)
          AND o.start >= %(start)s AND o.start < %(end)s
        ORDER BY distance, o.start, o.id
        LIMIT 50
    )
    SELECT coalesce(json_agg(json_build_object(
        'id', h.id, 'start', h.start, 'end', h."end", 'cancelled', h.cancelled,
        'distance_m', round(h.distance::numeric, 1),
        'activity', json_build_object(
            'id', a.id, 'title', a.title, 'summary', a.summary, 'kind', a.kind,
            'work_models', (
                SELECT json_agg(w.code ORDER BY w.position)
                FROM events_activity_work_models aw
                JOIN events_workmodel w ON w.id = aw.workmodel_id
                WHERE aw.activity_id = a.id
            ),
            'place', json_build_object(
                'id', p.id, 'name', p.name, 'kind', p.kind, 'precision', p.precision,
                'address', CASE WHEN p.precision = 'area' THEN '' ELSE p.address END,
                'location', ST_AsGeoJSON(p.public_location, 6)::json,
                'area', json_build_object('kind', ar.kind, 'code', ar.code, 'name', ar.name),
                'wheelchair', p.wheelchair, 'accessible_toilet', p.accessible_toilet,
                'hearing_loop', p.hearing_loop, 'organisation', p.organisation_id
            ),
            'organisation', json_build_object('id', org.id, 'name', org.name),
            'languages', a.languages,
            'cost', json_build_object(
                'kind', a.cost, 'amount', a.cost_amount, 'social_tariff', a.social_tariff
            )
        )
    ) ORDER BY h.distance, h.start, h.id), '[]'::json)::text
    FROM hits h
    JOIN events_activity a ON a.id = h.activity_id
    JOIN places_place p ON p.id = a.place_id
    LEFT JOIN buurt_area ar ON ar.id = p.area_id
    JOIN places_organisation org ON org.id = a.organisation_id
"""


def app_get(client: Client, paths: list[str]):
    """The app side of a metric: call i GETs the paths in turn; an answer other than 200
    ends the run."""

    def app(i: int) -> bytes:
        path = paths[i % len(paths)]
        status, body = client.get(path)
        if status != 200:
            raise SystemExit(f"{path} answered {status} during the run")
        return body

    return app


def app_and_reference(app, reference, options) -> tuple[list[float], list[float]]:
    """App and reference alternated after the warm-up; no app timings where the app did not
    answer (app None)."""
    apps, references = alternate(
        app or (lambda _i: None),
        reference,
        repetitions=options.repetitions,
        warmup=options.warmup,
    )
    return (apps if app else []), references


def box_for(cursor: psycopg.Cursor, centre: tuple[float, float], target: int):
    """A box around `centre`, square on the ground, grown until it holds about `target`
    public points (bisection on its half-height; the count only grows with the box)."""
    lon, lat = centre
    stretch = 1 / math.cos(math.radians(lat))

    def box(half: float) -> tuple[float, float, float, float]:
        return (
            round(lon - half * stretch, 5),
            round(lat - half, 5),
            round(lon + half * stretch, 5),
            round(lat + half, 5),
        )

    def count(b) -> int:
        return cursor.execute(PLACES_COUNT_SQL, b).fetchone()[0]

    low, high = 0.0, 0.01
    while count(box(high)) < target:
        low, high = high, high * 2
        if high > 10:
            raise SystemExit(f"Fewer than {target} places in the whole region: generate more.")
    for _ in range(40):
        middle = (low + high) / 2
        found = count(box(middle))
        if abs(found - target) <= target * 0.01:
            return box(middle), found
        low, high = (middle, high) if found < target else (low, middle)
    return box(high), count(box(high))


def places_metric(client: Client | None, cursor, target, city, centre, options) -> Metric:
    bbox, _count = box_for(cursor, centre, target)
    path = "/api/v1/places/?bbox=" + ",".join(f"{v:.5f}" for v in bbox)
    metric = Metric(
        name=f"places bbox ≈{target:,} ({city})",
        target="app p50 ≤ 1.3 × reference p50",
    )
    reference_text = cursor.execute(PLACES_SQL, bbox).fetchone()[0]
    metric.details = {
        "path": path,
        "bbox": bbox,
        "reference_features": len(json.loads(reference_text)["features"]),
        "reference_bytes": len(reference_text.encode()),
    }

    def reference(_i: int) -> str:
        return cursor.execute(PLACES_SQL, bbox).fetchone()[0]

    app = None
    if client is not None:
        status, body = client.get(path)
        metric.details["app_status"] = status
        if status == 200:
            metric.details["app_features"] = len(json.loads(body)["features"])
            metric.details["app_bytes"] = len(body)
            app = app_get(client, [path])
    apps, references = app_and_reference(app, reference, options)
    summarise(metric, apps, references, limit=lambda m: m.ratio_p50 <= 1.3)
    return metric


def next_week(today: date) -> tuple[date, date]:
    monday = today + timedelta(days=7 - today.weekday())
    return monday, monday + timedelta(days=6)


def occurrences_metric(client: Client | None, cursor, options) -> Metric:
    monday, sunday = next_week(datetime.now(BRUSSELS).date())
    start = datetime(monday.year, monday.month, monday.day, tzinfo=BRUSSELS)
    after = sunday + timedelta(days=1)
    end = datetime(after.year, after.month, after.day, tzinfo=BRUSSELS)
    centres = [("Gent", GENT), ("Antwerpen", ANTWERPEN)]
    paths = [
        f"/api/v1/occurrences/?near={lon},{lat}&radius={RADIUS_M}&from={monday}&to={sunday}"
        for _, (lon, lat) in centres
    ]
    arguments = [
        {"lon": lon, "lat": lat, "radius": RADIUS_M, "start": start, "end": end}
        for _, (lon, lat) in centres
    ]
    metric = Metric(
        name="occurrences near, 1,500 m, one week (Gent/Antwerpen)",
        target="app p95 ≤ 1.5 × reference p95 and app p95 < 50 ms",
    )
    metric.details = {"paths": paths, "window": [str(monday), str(sunday)]}

    def reference(i: int) -> str:
        return cursor.execute(OCCURRENCES_SQL, arguments[i % 2]).fetchone()[0]

    reference_ids = []
    for i, (city, _) in enumerate(centres):
        rows = json.loads(reference(i))
        reference_ids.append([row["id"] for row in rows])
        metric.details[f"reference_results_{city}"] = len(rows)

    app = None
    if client is not None:
        statuses = []
        for i, (city, _) in enumerate(centres):
            status, body = client.get(paths[i])
            statuses.append(status)
            if status == 200:
                results = json.loads(body).get("results", [])
                metric.details[f"app_results_{city}"] = len(results)
                # The app also lists programmes without a venue that serve an area
                # covering the point (no distance, so after the others): compare the rest.
                placed = [r["id"] for r in results if r.get("distance_m") is not None]
                metric.details[f"same_placed_ids_as_reference_{city}"] = (
                    placed == reference_ids[i][: len(placed)]
                )
        metric.details["app_status"] = statuses
        if all(status == 200 for status in statuses):
            app = app_get(client, paths)
    apps, references = app_and_reference(app, reference, options)
    summarise(
        metric,
        apps,
        references,
        limit=lambda m: m.ratio_p95 <= 1.5 and m.app_p95_ms < 50,
    )
    return metric


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--repetitions", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument(
        "--worker-class",
        default="sync",
        help="gunicorn worker class (default sync: one request at a time, the plain cost "
        "of a request; the image deploys gthread, config/gunicorn.py, which keeps "
        "connections alive).",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="CONN_MAX_AGE for the app; default: the settings (persistent connections, 60 s).",
    )
    parser.add_argument(
        "--app",
        default="config.wsgi:application",
        help="WSGI application to serve (a stub here checks the harness).",
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="multiply the bbox sizes (1,000, 5,000 and 20,000 places) for a small smoke run",
    )
    parser.add_argument(
        "--only",
        choices=("places", "occurrences"),
        help="measure one endpoint only (a quick check); results.json is then left alone",
    )
    options = parser.parse_args(argv)
    if options.repetitions < 1:
        parser.error("--repetitions must be at least 1")

    url = database_url(options.database)
    with connect(url, autocommit=True) as conn, conn.cursor() as cursor:
        places = cursor.execute("SELECT count(*) FROM places_place").fetchone()[0]
        occurrences = cursor.execute("SELECT count(*) FROM events_occurrence").fetchone()[0]
        if not places:
            raise SystemExit(f"No places in {options.database}: run python -m bench.generate.")
        print(
            f"bench.api on {options.database}: {places:,} places, {occurrences:,} occurrences; "
            f"{options.repetitions} repetitions after {options.warmup} warm-up, app and "
            "reference alternating",
            flush=True,
        )
        server = Gunicorn(
            url,
            worker_class=options.worker_class,
            conn_max_age=options.conn_max_age,
            app=options.app,
        )
        try:
            client = Client(server.port)
            status, _ = client.get("/api/v1/places/?bbox=4.35,50.84,4.36,50.85")
            if status == 404:
                print("  the app answers 404 on /api/v1/places/: measuring the reference only")
            metrics = []
            for target, city, centre in BOXES if options.only != "occurrences" else []:
                target = max(1, round(target * options.scale))
                metrics.append(places_metric(client, cursor, target, city, centre, options))
                print(f"  {metrics[-1].name}: {metrics[-1].details}", flush=True)
            if options.only != "places":
                metrics.append(occurrences_metric(client, cursor, options))
                print(f"  {metrics[-1].name}: {metrics[-1].details}", flush=True)
        finally:
            server.stop()

    report = {
        "database": options.database,
        "places": places,
        "occurrences": occurrences,
        "when": datetime.now(BRUSSELS).isoformat(timespec="seconds"),
        "app": {
            "wsgi": options.app,
            "settings": "config.settings.production",
            "workers": 1,
            "worker_class": options.worker_class,
            "conn_max_age": options.conn_max_age
            if options.conn_max_age is not None
            else "from settings (CONN_MAX_AGE, default 60)",
        },
        "repetitions": options.repetitions,
        "warmup": options.warmup,
        "metrics": [asdict(m) for m in metrics],
    }
    print()
    print(table(metrics))
    if options.only:
        return
    # Other benchmarks (tiles, imports, coverage, map rendering…) keep their sections of the
    # same file: everything that is not this report's own.
    previous = json.loads(options.output.read_text()) if options.output.exists() else {}
    kept = {key: value for key, value in previous.items() if key not in report}
    options.output.write_text(json.dumps({**report, **kept}, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten to {options.output}")


if __name__ == "__main__":
    main()
