"""Benchmark: the policymakers' coverage matrix and dashboard on the data of bench/generate.py
(the real 2,767 wijken, 100,000 generated activities across Flanders).

    .venv/bin/python -m bench.generate          # once
    .venv/bin/python -m bench.coverage [--database buurtwijzer_bench] [--repetitions 30]

Two metrics, each alternating A B A B after a warm-up, p50/p95 into bench/results.json under
"coverage":

- matrix: `events.coverage.matrix.coverage_rows` for every wijk (walking and cycling shares,
  counts, evenings, weekends, languages), against one sequential scan of the activity points
  (`SELECT count(public_location) FROM places_place`, a plain heap scan) in the same run.
  Target: the matrix within 5× of the scan (ratio of p50s).
- page: the dashboard of one municipality (all its wijken) through Django's test client in
  this process (middleware, view, template; no HTTP server), against the matrix query of
  that municipality alone. Target: page p95 under 300 ms.

The generated data has no populations: if no wijk has one, each wijk gets a deterministic
one (500 + hash of its code modulo 7,500) and each municipality the sum of its wijken. That
is the only write.
"""

import argparse
import json
import os
import statistics
import time
from datetime import datetime
from pathlib import Path

from bench.generate import BRUSSELS, DEFAULT_DATABASE, REPO, connect, database_url
from bench.measure import percentile

RESULTS = REPO / "bench" / "results.json"
MUNICIPALITIES = {"Gent": "44021", "Antwerpen": "11002"}
SCAN_SQL = "SELECT count(public_location) FROM places_place"


def populations_ensure(url: str) -> int:
    """Give wijken (and municipalities) populations when none are known; returns how many
    wijken were given one."""
    with connect(url, autocommit=True) as conn:
        known = conn.execute(
            "SELECT count(*) FROM buurt_area "
            "WHERE kind = 'neighbourhood' AND population IS NOT NULL"
        ).fetchone()[0]
        if known:
            return 0
        # hashtext is stable for a given PostgreSQL version: the same figures every run.
        done = conn.execute(
            "UPDATE buurt_area SET population = 500 + abs(hashtext(code)) % 7500 "
            "WHERE kind = 'neighbourhood'"
        ).rowcount
        conn.execute(
            """
            UPDATE buurt_area m SET population = s.total
            FROM (SELECT parent_id, sum(population) AS total FROM buurt_area
                  WHERE kind = 'neighbourhood' GROUP BY parent_id) s
            WHERE m.id = s.parent_id AND m.kind = 'municipality'
            """
        )
        conn.execute("ANALYZE buurt_area")
        return done


def timed_ms(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def alternate(a, b, *, repetitions: int, warmup: int) -> tuple[list[float], list[float]]:
    for _ in range(warmup):
        a()
        b()
    first, second = [], []
    for _ in range(repetitions):
        first.append(timed_ms(a))
        second.append(timed_ms(b))
    return first, second


def summary(name: str, target: str, apps: list[float], references: list[float], **details):
    p50, p95 = statistics.median(apps), percentile(apps, 95)
    r50, r95 = statistics.median(references), percentile(references, 95)
    return {
        "name": name,
        "target": target,
        "n": len(apps),
        "app_p50_ms": round(p50, 2),
        "app_p95_ms": round(p95, 2),
        "reference_p50_ms": round(r50, 2),
        "reference_p95_ms": round(r95, 2),
        "ratio_p50": round(p50 / r50, 2),
        "ratio_p95": round(p95 / r95, 2),
        "details": details,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--repetitions", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--output", default=str(RESULTS))
    options = parser.parse_args(argv)
    if options.repetitions < 1:
        parser.error("--repetitions must be at least 1")
    url = database_url(options.database)
    given = populations_ensure(url)

    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from events.coverage.distances import CYCLING_M, WALKING_M
    from events.coverage.matrix import coverage_rows

    settings.DEBUG = False  # no query log in memory, as in production
    settings.ALLOWED_HOSTS = ["*"]
    # Static URLs without a collectstatic run (the manifest storage needs one).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    distances = (WALKING_M, CYCLING_M)

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + SCAN_SQL)
        scan_plan = " / ".join(row[0].strip() for row in cursor.fetchall())
        cursor.execute(
            "SELECT (SELECT count(*) FROM buurt_area WHERE kind = 'neighbourhood'), "
            "(SELECT count(*) FROM events_activity), "
            "(SELECT count(*) FROM events_activity WHERE status = 'published'), "
            "(SELECT count(*) FROM places_place)"
        )
        wijken, activities, published, places = cursor.fetchone()
    if not activities:
        raise SystemExit(f"No activities in {options.database}: run python -m bench.generate.")
    print(
        f"bench.coverage on {options.database}: {wijken:,} wijken, {activities:,} activities "
        f"({published:,} published), {places:,} places; populations given to {given:,} wijken",
        flush=True,
    )

    def scan():
        with connection.cursor() as cursor:
            cursor.execute(SCAN_SQL)
            cursor.fetchone()

    rows: list = []

    def matrix():
        rows[:] = coverage_rows(kind="neighbourhood", distances_m=distances)

    metrics = []
    apps, references = alternate(
        matrix, scan, repetitions=options.repetitions, warmup=options.warmup
    )
    metric = summary(
        "matrix: all wijken × 7 work models (walking + cycling)",
        "app p50 ≤ 5 × reference p50 (one sequential scan of the activity points)",
        apps,
        references,
        areas=len(rows),
        cells=sum(len(row["work_models"]) for row in rows),
        reference_sql=SCAN_SQL,
        reference_plan=scan_plan,
    )
    metric["met"] = metric["ratio_p50"] <= 5
    metrics.append(metric)
    print(f"  {metric['name']}: {metric['app_p50_ms']} ms vs {metric['reference_p50_ms']} ms")

    user, _ = get_user_model().objects.get_or_create(
        username="bench-coverage", defaults={"is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    for city, code in MUNICIPALITIES.items():
        path = f"/beleid/dekking/{code}/?level=neighbourhood"
        status = client.get(path).status_code
        if status != 200:
            raise SystemExit(f"{path} answered {status}")

        def page(path=path):
            response = client.get(path)
            assert response.status_code == 200

        def query(code=code):
            coverage_rows(kind="neighbourhood", distances_m=distances, parent_code=code)

        apps, references = alternate(
            page, query, repetitions=options.repetitions, warmup=options.warmup
        )
        metric = summary(
            f"page: dashboard of {city} (wijken)",
            "app p95 < 300 ms; reference: the matrix query of the municipality alone",
            apps,
            references,
            path=path,
            areas=len(coverage_rows(kind="neighbourhood", distances_m=distances, parent_code=code)),
        )
        metric["met"] = metric["app_p95_ms"] < 300
        metrics.append(metric)
        print(f"  {metric['name']}: p95 {metric['app_p95_ms']} ms", flush=True)

    output = Path(options.output)
    # Other benchmarks keep their sections of the same file.
    results = json.loads(output.read_text()) if output.exists() else {}
    results["coverage"] = {
        "database": options.database,
        "when": datetime.now(BRUSSELS).isoformat(timespec="seconds"),
        "wijken": wijken,
        "activities": activities,
        "published": published,
        "places": places,
        "repetitions": options.repetitions,
        "warmup": options.warmup,
        "order": "A B A B after warm-up (app, then reference)",
        "metrics": metrics,
    }
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"written to {options.output} under 'coverage'")


if __name__ == "__main__":
    main()
