"""A control for bench/api.py: a bare WSGI app that answers the two benchmarked paths with
the reference SQL itself, on one kept-open psycopg connection.

    .venv/bin/python -m bench.api --app bench.stub_wsgi:application

Served the same way as the app (gunicorn, one worker), it shows what HTTP and gunicorn add to
the raw query, and that the harness reports a ratio near 1 when both halves do the same work.
Not for anything but the benchmark: no validation beyond what the benchmark sends.
"""

import json
import os
from datetime import date, datetime, timedelta
from urllib.parse import parse_qs

from bench.api import OCCURRENCES_SQL, PLACES_SQL
from bench.generate import BRUSSELS, connect

_connection = None


def cursor():
    global _connection
    if _connection is None or _connection.closed:
        _connection = connect(os.environ["DATABASE_URL"], autocommit=True)
    return _connection.cursor()


def day_start(day: str) -> datetime:
    value = date.fromisoformat(day)
    return datetime(value.year, value.month, value.day, tzinfo=BRUSSELS)


def places(query: dict) -> bytes:
    bbox = [float(v) for v in query["bbox"][0].split(",")]
    with cursor() as c:
        return c.execute(PLACES_SQL, bbox).fetchone()[0].encode()


def occurrences(query: dict) -> bytes:
    lon, lat = (float(v) for v in query["near"][0].split(","))
    arguments = {
        "lon": lon,
        "lat": lat,
        "radius": float(query["radius"][0]),
        "start": day_start(query["from"][0]),
        "end": day_start(query["to"][0]) + timedelta(days=1),
    }
    with cursor() as c:
        results = c.execute(OCCURRENCES_SQL, arguments).fetchone()[0]
    # The page envelope of the API, around the reference's array.
    return f'{{"next": null, "previous": null, "results": {results}}}'.encode()


ROUTES = {"/api/v1/places/": places, "/api/v1/occurrences/": occurrences}


def application(environ, start_response):
    route = ROUTES.get(environ["PATH_INFO"])
    if route is None:
        start_response("404 Not Found", [("Content-Type", "application/json")])
        return [json.dumps({"detail": "Not found."}).encode()]
    body = route(parse_qs(environ.get("QUERY_STRING", "")))
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
