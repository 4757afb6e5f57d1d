"""Benchmark: importing the 2,767 real wijken with `import_areas` against `ogr2ogr -f
PostgreSQL` loading the same file into the same database (the physical reference).

    .venv/bin/python -m bench.import_areas [--repetitions 7]

Runs in a scratch database (buurtwijzer_bench_import), alternating app and reference after a
warm-up, and prints the medians and their ratio, both for the whole command (interpreter
and Django start included) and for the import inside a running process.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "flanders_wijken"
MUNICIPALITIES = DATA / "gemeenten_vlaanderen_brussel_2025.geojson"
WIJKEN = DATA / "wijken_ggw7_vlaanderen_brussel.geojson"
WIJKEN_ARGS = [
    "--kind",
    "neighbourhood",
    "--code-field",
    "wijk_code",
    "--name-field",
    "wijk_naam",
    "--parent-kind",
    "municipality",
    "--parent-code-field",
    "gemeente_nis",
]


def scratch_database() -> tuple[str, str]:
    """A fresh database on the same server as the project's, migrated, municipalities in."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django
    from django.conf import settings

    django.setup()
    db = settings.DATABASES["default"]
    libpq = (
        f"host={db['HOST'] or '/var/run/postgresql'} port={db['PORT'] or 5432} user={db['USER']}"
    )
    if db.get("PASSWORD"):
        libpq += f" password={db['PASSWORD']}"
    name = "buurtwijzer_bench_import"
    subprocess.run(
        ["psql", f"{libpq} dbname=postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["psql", f"{libpq} dbname=postgres", "-qc", f"CREATE DATABASE {name}"], check=True
    )
    subprocess.run(
        ["psql", f"{libpq} dbname={name}", "-qc", "CREATE EXTENSION postgis"], check=True
    )
    url = f"postgis://{db['USER']}@{db['HOST'] or ''}:{db['PORT'] or 5432}/{name}"
    return url, f"{libpq} dbname={name}"


def manage(url: str, *args: str) -> float:
    env = {**os.environ, "DATABASE_URL": url}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repetitions", type=int, default=7)
    options = parser.parse_args()
    url, libpq = scratch_database()
    manage(url, "migrate", "-v", "0")
    manage(
        url,
        "import_areas",
        str(MUNICIPALITIES),
        "--kind",
        "municipality",
        "--code-field",
        "nis",
        "--name-field",
        "naam",
    )

    def clear() -> None:
        subprocess.run(
            [
                "psql",
                libpq,
                "-qc",
                "DELETE FROM buurt_area WHERE kind = 'neighbourhood'; "
                "DROP TABLE IF EXISTS ogr_wijken",
            ],
            check=True,
            capture_output=True,
        )

    def app() -> float:
        clear()
        return manage(url, "import_areas", str(WIJKEN), *WIJKEN_ARGS)

    def reference() -> float:
        clear()
        started = time.perf_counter()
        subprocess.run(
            [
                "ogr2ogr",
                "-f",
                "PostgreSQL",
                f"PG:{libpq}",
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
        return manage(url, "help")

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


if __name__ == "__main__":
    main()
