"""Benchmark: importing the 2,767 real wijken with `import_areas` against `ogr2ogr -f
PostgreSQL` loading the same file into the same database (the physical reference).

    .venv/bin/python -m bench.import_areas [--repetitions 7] [--database NAME]

Runs in a scratch database (buurtwijzer_bench_import unless --database names another; it is
dropped and created), alternating app and reference after a warm-up, and prints the medians
and their ratio, both for the whole command (interpreter and Django start included) and for
the import inside a running process. Results are merged into bench/results.json under
"import_areas".
"""

import argparse
import json
import statistics
import subprocess
import time
from pathlib import Path

import environ

from bench.scratch import (
    MUNICIPALITIES,
    MUNICIPALITY_ARGS,
    REPO,
    WIJKEN,
    WIJKEN_ARGS,
    connect,
    database_create,
    manage,
    manage_timed,
)

DATABASE = "buurtwijzer_bench_import"
RESULTS = REPO / "bench" / "results.json"


def libpq(url: str) -> str:
    """The connection string ogr2ogr's PostgreSQL driver reads."""
    config = environ.Env.db_url_config(url)
    parts = {
        "host": config["HOST"] or "/var/run/postgresql",
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"],
        "dbname": config["NAME"],
    }
    return " ".join(f"{key}={value}" for key, value in parts.items() if value)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repetitions", type=int, default=7)
    parser.add_argument("--database", default=DATABASE, help="scratch database (dropped first)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    options = parser.parse_args()
    url = database_create(options.database)
    manage(url, "migrate", "-v", "0")
    manage(url, "import_areas", str(MUNICIPALITIES), *MUNICIPALITY_ARGS)

    def clear() -> None:
        with connect(url, autocommit=True) as conn:
            # The kept coverage points refer to the areas (the area trigger then asks for a
            # rebuild, which the next import makes).
            conn.execute("DELETE FROM events_coveragepoint")
            conn.execute("DELETE FROM events_coveragereach")
            conn.execute("DELETE FROM buurt_area WHERE kind = 'neighbourhood'")
            conn.execute("DROP TABLE IF EXISTS ogr_wijken")

    imported = {}

    def app() -> float:
        clear()
        seconds = manage_timed(url, "import_areas", str(WIJKEN), *WIJKEN_ARGS)
        with connect(url, autocommit=True) as conn:
            imported["wijken"] = conn.execute(
                "SELECT count(*) FROM buurt_area WHERE kind = 'neighbourhood'"
            ).fetchone()[0]
        return seconds

    def reference() -> float:
        clear()
        started = time.perf_counter()
        subprocess.run(
            [
                "ogr2ogr",
                "-f",
                "PostgreSQL",
                f"PG:{libpq(url)}",
                str(WIJKEN),
                "-nln",
                "ogr_wijken",
                "-nlt",
                "MULTIPOLYGON",
            ],
            check=True,
        )
        return time.perf_counter() - started

    def startup() -> float:
        return manage_timed(url, "help")

    app(), reference()  # warm-up: file cache, server buffers
    apps, references, startups = [], [], []
    for _ in range(options.repetitions):
        apps.append(app())
        references.append(reference())
        startups.append(startup())
    app_s, ref_s, start_s = (statistics.median(x) for x in (apps, references, startups))
    print(f"import_areas (2,767 wijken), whole command: median {app_s:.2f} s")
    print(f"  of which interpreter + Django start:       median {start_s:.2f} s")
    print(f"ogr2ogr -f PostgreSQL, same file, same db:   median {ref_s:.2f} s")
    print(f"ratio whole command / ogr2ogr:               {app_s / ref_s:.1f}x")
    print(f"ratio import work (minus start) / ogr2ogr:   {(app_s - start_s) / ref_s:.1f}x")
    result = {
        "wijken": imported["wijken"],
        "repetitions": options.repetitions,
        "app_median_s": round(app_s, 3),
        "reference_median_s": round(ref_s, 3),
        "ratio": round(app_s / ref_s, 2),
        "django_start_s": round(start_s, 3),
        "ratio_without_start": round((app_s - start_s) / ref_s, 2),
        "app_s": [round(x, 3) for x in apps],
        "reference_s": [round(x, 3) for x in references],
        "target": "whole command within 2 × ogr2ogr -f PostgreSQL of the same file",
    }
    result["met"] = result["ratio"] <= 2
    results = json.loads(options.output.read_text()) if options.output.exists() else {}
    results["import_areas"] = result
    options.output.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n")


if __name__ == "__main__":
    main()
