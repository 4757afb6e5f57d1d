"""Benchmark: `import_places` of generated points against `psql \\copy` of the same rows
into the same table, in one run, alternating after a warm-up.

    .venv/bin/python -m bench.import_places [--points 50000] [--repetitions 5] [--database D]

The points are spread over Flanders (a scratch database, buurtwijzer_bench_places unless
--database names another, with the real municipalities imported), written once as GeoJSON
for the command and as CSV (the rows the command stores) for psql. Each run starts from an
empty places table. Results are merged into bench/results.json under
"import_places".
"""

import argparse
import json
import random
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.scratch import (
    MUNICIPALITIES,
    MUNICIPALITY_ARGS,
    REPO,
    database_create,
    manage,
    manage_timed,
)

DATABASE = "buurtwijzer_bench_places"
RESULTS = REPO / "bench" / "results.json"


def psql(url: str, command: str) -> float:
    target = url.replace("postgis://", "postgresql://")
    started = time.perf_counter()
    subprocess.run(["psql", "-w", target, "-qc", command], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=50_000)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--database", default=DATABASE, help="scratch database (dropped and created again)"
    )
    options = parser.parse_args()
    url = database_create(options.database)
    manage(url, "migrate", "-v", "0")
    manage(url, "import_areas", str(MUNICIPALITIES), *MUNICIPALITY_ARGS)

    rng = random.Random(1)
    work = Path(tempfile.mkdtemp(prefix="bench-places-"))
    features = []
    for i in range(options.points):
        lon, lat = rng.uniform(2.6, 5.8), rng.uniform(50.7, 51.4)
        features.append(
            {
                "type": "Feature",
                "properties": {"name": f"Plek {i}", "id": str(i)},
                "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
            }
        )
    geojson = work / "points.geojson"
    geojson.write_text(json.dumps({"type": "FeatureCollection", "features": features}))

    # The reference rows: what the command stores, ready for COPY.
    manage(url, "import_places", str(geojson), "--name-field", "name", "--id-field", "id")
    table = work / "places.csv"
    psql(
        url,
        f"\\copy (SELECT name, kind, address, location, precision, area_id, "
        f"public_location, wheelchair, accessible_toilet, hearing_loop, opening_hours, "
        f"import_key, created_at, updated_at FROM places_place) TO '{table}' CSV",
    )
    columns = (
        "name, kind, address, location, precision, area_id, public_location, wheelchair,"
        " accessible_toilet, hearing_loop, opening_hours, import_key, created_at,"
        " updated_at"
    )

    def app() -> float:
        psql(url, "TRUNCATE places_place CASCADE")
        return manage_timed(
            url, "import_places", str(geojson), "--name-field", "name", "--id-field", "id"
        )

    def reference() -> float:
        psql(url, "TRUNCATE places_place CASCADE")
        return psql(url, f"\\copy places_place ({columns}) FROM '{table}' CSV")

    app(), reference()
    apps, references = [], []
    for _ in range(options.repetitions):
        apps.append(app())
        references.append(reference())
    startup = statistics.median(manage_timed(url, "check") for _ in range(3))
    result = {
        "points": options.points,
        "repetitions": options.repetitions,
        "app_median_s": round(statistics.median(apps), 2),
        "reference_median_s": round(statistics.median(references), 2),
        "ratio": round(statistics.median(apps) / statistics.median(references), 2),
        "django_start_s": round(startup, 2),
        "ratio_without_start": round(
            (statistics.median(apps) - startup) / statistics.median(references), 2
        ),
        "target": "import within 2 × psql \\copy of the same rows",
    }
    result["met"] = result["ratio"] <= 2
    results = json.loads(options.output.read_text()) if options.output.exists() else {}
    results["import_places"] = result
    options.output.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
