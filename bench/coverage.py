"""Benchmark: the policymakers' coverage matrix and dashboard on the data of bench/generate.py
(the real 2,767 wijken, 100,000 generated activities across Flanders).

    .venv/bin/python -m bench.generate          # once
    .venv/bin/python -m bench.coverage [--database buurtwijzer_bench] [--repetitions 30]

Six metrics, each alternating A B A B after a warm-up, p50/p95 into bench/results.json under
"coverage":

- matrix: `events.coverage.matrix.coverage_rows` for every wijk (walking and cycling shares,
  counts, evenings, weekends, languages), against one sequential scan of the activity points
  (`SELECT count(public_location) FROM places_place`, a plain heap scan) in the same run.
  Target: the matrix within 5× of the scan (ratio of p50s).
- page: the dashboard of one municipality (all its wijken) through Django's test client in
  this process (middleware, view, template; no HTTP server), against the matrix query of
  that municipality alone. Target: page p95 under 150 ms.
- earlier date: the dashboard of Antwerpen next to yesterday (`&date=`), read from the
  figures kept per day, against the same page without the date; and next to a day before
  the kept days began, computed from the change history. Target: p95 under 500 ms.
- write: one activity write through the services (cancel, restore, other work models, back),
  with the kept coverage figures taken in, against the same write without the catch-up (the
  catch-up then runs untimed). Target: p95 under 30 ms.

The coverage figures are kept (events/coverage/kept.py); a database loaded with COPY has
them not yet, so they are rebuilt first when anything waits (`manage.py rebuild_coverage`,
its time recorded).

The generated data has no populations: if no wijk has one, each wijk gets a deterministic
one (500 + hash of its code modulo 7,500) and each municipality the sum of its wijken. That
is the only write.
"""

import argparse
import json
import os
import statistics
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench.generate import BRUSSELS, DEFAULT_DATABASE, REPO, connect, database_url, manage
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


def coverage_ensure(url: str) -> float | None:
    """Rebuild the kept coverage figures when a write waits (a COPY load, the populations
    just given); returns the seconds it took, None when nothing waited."""
    with connect(url, autocommit=True) as conn:
        waiting = conn.execute("SELECT EXISTS (SELECT 1 FROM events_coveragedirty)").fetchone()[0]
    if not waiting:
        return None
    started = time.perf_counter()
    manage(url, "rebuild_coverage")
    return round(time.perf_counter() - started, 1)


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
    parser.add_argument(
        "--earlier-repetitions",
        type=int,
        default=10,
        help="Repetitions of the earlier-date page (computed from history: seconds each).",
    )
    parser.add_argument("--output", default=str(RESULTS))
    options = parser.parse_args(argv)
    if options.repetitions < 1:
        parser.error("--repetitions must be at least 1")
    url = database_url(options.database)
    given = populations_ensure(url)
    rebuild_s = coverage_ensure(url)

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
            "app p95 < 150 ms; reference: the matrix query of the municipality alone",
            apps,
            references,
            path=path,
            areas=len(coverage_rows(kind="neighbourhood", distances_m=distances, parent_code=code)),
        )
        metric["met"] = metric["app_p95_ms"] < 150
        metrics.append(metric)
        print(f"  {metric['name']}: p95 {metric['app_p95_ms']} ms", flush=True)

    began = kept_days_begin(days_ago=2)
    metrics.append(writes(options))
    metrics.append(earlier_date(client, options))
    metrics.append(earlier_date_from_history(client, options, day=began - timedelta(days=1)))

    output = Path(options.output)
    # Other benchmarks keep their sections of the same file.
    results = json.loads(output.read_text()) if output.exists() else {}
    results["coverage"] = {
        "database": options.database,
        "when": datetime.now(BRUSSELS).isoformat(timespec="seconds"),
        "wijken": wijken,
        "rebuild_coverage_s": rebuild_s,
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


def kept_days_begin(*, days_ago: int):
    """The day the kept days began. When they began today (the rebuild just made), date them
    `days_ago` back, as if the figures had been rebuilt then and nothing had been written
    since: the rows are the same, and a generated database has no past of its own. The
    writes that follow (`writes`) then keep the documents they replace, as the first writes
    of a day do. A later run on the same database finds them begun already."""
    from django.db import connection

    from events.coverage.kept import today

    with connection.cursor() as cursor:
        cursor.execute("SELECT started_on FROM events_coveragedays")
        started_on = cursor.fetchone()[0]
        if started_on is None:
            raise SystemExit("The kept days have ended: run manage.py rebuild_coverage.")
        if started_on != today():
            return started_on
        shift = {"days": days_ago}
        cursor.execute(
            "UPDATE events_coveragedays SET started_on = started_on - %(days)s, "
            "last_day = last_day - %(days)s",
            shift,
        )
        cursor.execute("UPDATE events_coveragefigure SET since = since - %(days)s", shift)
    return started_on - timedelta(days=days_ago)


def earlier_date(client, options) -> dict:
    from django.utils import timezone

    yesterday = timezone.localdate() - timedelta(days=1)
    return _earlier_page(
        client,
        yesterday,
        "earlier date: dashboard of Antwerpen (wijken) next to yesterday",
        repetitions=options.repetitions,
        warmup=options.warmup,
        note="yesterday is read from the figures kept per day (the kept days began two days "
        "ago: kept_days_begin); the writes benchmarked before kept the documents they replaced",
    )


def earlier_date_from_history(client, options, *, day) -> dict:
    return _earlier_page(
        client,
        day,
        "earlier date before the kept days began: dashboard of Antwerpen (wijken) next to "
        "the day before",
        repetitions=min(options.repetitions, options.earlier_repetitions),
        warmup=min(options.warmup, 1),
        note="computed from the change history on every request",
    )


def _earlier_page(client, day, name: str, *, repetitions: int, warmup: int, note: str) -> dict:
    today = f"/beleid/dekking/{MUNICIPALITIES['Antwerpen']}/?level=neighbourhood"
    path = f"{today}&date={day.isoformat()}"

    def page(path=path):
        assert client.get(path).status_code == 200

    def now():
        assert client.get(today).status_code == 200

    apps, references = alternate(page, now, repetitions=repetitions, warmup=warmup)
    metric = summary(
        name,
        "app p95 < 500 ms; reference: the same page without the date",
        apps,
        references,
        path=path,
        note=note,
    )
    metric["met"] = metric["app_p95_ms"] < 500
    print(f"  {metric['name']}: p95 {metric['app_p95_ms']} ms", flush=True)
    return metric


def writes(options) -> dict:
    """Cancel, restore, other work models and back, on published activities with a place in
    Antwerpen's wijken; the reference is the same write with the catch-up left out."""
    from unittest import mock

    from django.db import transaction

    import events.history
    from events.coverage.kept import coverage_catch_up
    from events.models import Activity, Status
    from events.services import activity_cancel, activity_restore, activity_update

    activities = list(
        Activity.objects.filter(
            status=Status.PUBLISHED,
            place__area__parent__code=MUNICIPALITIES["Antwerpen"],
        )
        .order_by("id")
        .values_list("id", flat=True)[:200]
    )
    if not activities:
        raise SystemExit("No published activity with a place in Antwerpen.")

    def writer(ids: list[int]):
        """Cancel, restore, other work models, back: each fourth call leaves it as it was."""
        state = {"n": 0, "codes": []}

        def write():
            n = state["n"]
            state["n"] += 1
            activity = Activity.objects.select_related("place").get(pk=ids[(n // 4) % len(ids)])
            if n % 4 == 0:
                activity_cancel(activity=activity)
            elif n % 4 == 1:
                activity_restore(activity=activity)
            elif n % 4 == 2:
                codes = sorted(activity.work_models.values_list("code", flat=True))
                state["codes"] = codes
                other = [code for code in codes if code != "buddy"] or ["peer"]
                activity_update(
                    activity=activity,
                    work_models=other if "buddy" in codes else [*codes, "buddy"],
                )
            else:
                activity_update(activity=activity, work_models=state["codes"])

        return write

    # Two halves of the activities, so that both sides take the same steps; the reference's
    # catch-up runs outside its timing.
    kept, bare = writer(activities[::2]), writer(activities[1::2])
    apps: list[float] = []
    references: list[float] = []
    for i in range((options.warmup + options.repetitions) * 4):
        app_ms = timed_ms(kept)
        started = time.perf_counter()
        with mock.patch.object(events.history, "coverage_catch_up", lambda: None):
            bare()
        reference_ms = (time.perf_counter() - started) * 1000
        with transaction.atomic():
            coverage_catch_up()
        if i >= options.warmup * 4:
            apps.append(app_ms)
            references.append(reference_ms)
    metric = summary(
        "write: one activity write with the kept coverage figures taken in",
        "app p95 < 30 ms; reference: the same service write without the catch-up",
        apps,
        references,
        writes="cancel, restore, work models changed, changed back (Antwerpen, committed)",
    )
    metric["met"] = metric["app_p95_ms"] < 30
    print(f"  {metric['name']}: p95 {metric['app_p95_ms']} ms", flush=True)
    return metric


if __name__ == "__main__":
    main()
