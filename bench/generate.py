"""Benchmark data: the real 304 municipalities and 2,767 wijken of Flanders and Brussels, with
synthetic organisations, places, activities and occurrences generated from a seed.

    .venv/bin/python -m bench.generate --places 100000 --activities 100000 \
        --occurrences 1000000 [--seed 1] [--database buurtwijzer_bench]
    .venv/bin/python -m bench.generate --small          # a smoke-sized run

The database is dropped and created fresh on the server of the project's DATABASE_URL,
migrated with `manage.py migrate` and given its areas with `manage.py import_areas`, exactly
as bench/import_areas.py does. Everything after that is written with COPY, not the ORM: the
ORM would spend minutes on a million occurrences that COPY loads in seconds.

Deterministic for a seed, except that dates are relative to today (occurrences run over the
52 weeks from today, like the materialised occurrences of the live app).
"""

import argparse
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import psycopg

from bench.generation.activities import activities_copy
from bench.generation.occurrences import occurrences_copy
from bench.generation.places import organisations_copy, places_copy, places_draw, places_locate
from bench.generation.territory import Territory, wijken_read
from bench.generation.vocabulary import (  # noqa: F401  (re-exported for the other benchmarks)
    BRUSSELS,
    FINEST_FIRST,
    Sizes,
)
from bench.scratch import (  # noqa: F401  (re-exported for the other benchmarks)
    REPO,
    areas_import,
    connect,
    database_create,
    database_drop,
    database_url,
    manage,
)

DEFAULT_DATABASE = "buurtwijzer_bench"


@contextmanager
def step(name: str, timings: dict[str, float]) -> Iterator[None]:
    started = time.perf_counter()
    yield
    timings[name] = time.perf_counter() - started
    print(f"  {name:<40} {timings[name]:7.1f} s", flush=True)


def generate(conn: psycopg.Connection, sizes: Sizes, seed: int, timings: dict) -> dict:
    """Every table after the areas, in an order that keeps a seed's draws the same."""
    rng = random.Random(seed)
    now = datetime.now(BRUSSELS)
    territory = Territory(wijken_read(conn), rng)
    work_models = [row[0] for row in conn.execute("SELECT id FROM events_workmodel ORDER BY id")]
    if len(work_models) != 7:
        raise SystemExit(f"Expected the seven work models, found {len(work_models)}.")

    with step("organisations", timings):
        org_ids = organisations_copy(conn, rng, territory, sizes, now)
    with step("places: points in wijken (PostGIS)", timings):
        place_wijk, points = places_draw(conn, rng, territory, sizes, seed)
    with step("places: COPY", timings):
        place_org = places_copy(conn, rng, place_wijk, points, org_ids, now)
    with step("places: area + public point (app rule)", timings):
        print(f"    {places_locate(conn)} rows corrected")
    with step("activities: COPY (+ M2M rows)", timings):
        activities = activities_copy(
            conn,
            rng,
            territory,
            sizes,
            place_wijk=place_wijk,
            place_org=place_org,
            org_ids=org_ids,
            work_models=work_models,
            now=now,
        )
    with step("occurrences: COPY", timings):
        n_occurrences = occurrences_copy(conn, rng, activities.kinds, sizes.occurrences, now.date())

    return {
        "municipalities": len({w.municipality_id for w in territory.wijken}),
        "wijken": len(territory.by_id),
        "organisations": sizes.organisations,
        "places": sizes.places,
        "activities": sizes.activities,
        "work model links": len(activities.links),
        "service areas": len(activities.served),
        "occurrences": n_occurrences,
    }


def sequences_reset(conn: psycopg.Connection) -> None:
    """Ids were given explicitly; let the identity columns continue after them."""
    for table in ("places_organisation", "places_place", "events_activity"):
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--places", type=int, default=100_000)
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--occurrences", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument(
        "--small",
        action="store_true",
        help="Smoke size: 2,000 places and activities, 20,000 occurrences.",
    )
    options = parser.parse_args(argv)
    if options.small:
        options.places, options.activities, options.occurrences = 2_000, 2_000, 20_000
    sizes = Sizes(options.places, options.activities, options.occurrences)
    if sizes.places < 1 or sizes.activities < 1 or sizes.occurrences < 0:
        parser.error("--places and --activities must be at least 1.")

    timings: dict[str, float] = {}
    started = time.perf_counter()
    print(f"bench.generate into {options.database} (seed {options.seed})", flush=True)
    with step("create database + postgis", timings):
        url = database_create(options.database)
    with step("manage.py migrate", timings):
        manage(url, "migrate", "-v", "0")
    with step("manage.py import_areas (2 files)", timings):
        areas_import(url)
    with connect(url) as conn:
        # Bulk load: nothing here needs to survive a crash before the commit.
        conn.execute("SET synchronous_commit = off")
        counts = generate(conn, sizes, options.seed, timings)
        sequences_reset(conn)
        with step("commit (deferred foreign-key checks)", timings):
            conn.commit()
    # As autovacuum leaves a database that has run a while: planner statistics, and the
    # visibility map without which no index-only scan is possible (a freshly COPYed table
    # has none: a count over the 100,000 activities then scans the heap, 60 ms, not 12 ms).
    with connect(url, autocommit=True) as conn, step("VACUUM (ANALYZE)", timings):
        conn.execute("VACUUM (ANALYZE)")
    total = time.perf_counter() - started
    print(f"  {'total':<40} {total:7.1f} s")
    print("  " + ", ".join(f"{name} {count:,}" for name, count in counts.items()))


if __name__ == "__main__":
    main()
