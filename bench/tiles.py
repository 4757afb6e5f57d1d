"""Benchmark: the vector tile endpoint against the same SQL run directly, over a fixed list
of tiles from z8 to z16 around Gent, Antwerpen and Brussel.

    .venv/bin/python -m bench.tiles [--database buurtwijzer_bench] [--repetitions 30]

Run bench.generate first. The app is served by gunicorn (production settings, one worker)
and asked over HTTP; the reference runs the query functions of the app (places_tile, ...)
in this process. App and reference alternate after a warm-up. Tiles up to z10 are cached
by the app until the data change, which is part of what is measured. Results are merged
into bench/results.json under "tiles".
"""

import argparse
import json
import math
import os
import statistics
from pathlib import Path

from bench.generate import DEFAULT_DATABASE, REPO, database_url
from bench.measure import Metric, alternate, percentile, summarise
from bench.server import Client, Gunicorn

CITIES = {"Gent": (3.7250, 51.0536), "Antwerpen": (4.4025, 51.2194), "Brussel": (4.3525, 50.8467)}
ZOOMS = range(8, 17)
LAYERS = ("places", "activities", "areas")
MAX_TILE_BYTES = 500 * 1024
RESULTS = REPO / "bench" / "results.json"


def tile_xy(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    return int((lon + 180) / 360 * n), int(
        (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
    )


def tile_metric(client, chosen, layer, z, warm, options, largest) -> Metric:
    from api.tiles import (
        CACHED_UP_TO_ZOOM,
        FEATURE_CAP,
        _default_area_kind,
        _render,
        tiles_invalidate,
    )

    def app(i):
        _layer, zz, x, y = chosen[i % len(chosen)]
        if not warm and zz <= CACHED_UP_TO_ZOOM:
            # A new data version (shared Redis): the app's cached tile is stale, a miss.
            tiles_invalidate()
        status, body = client.get(f"/tiles/{_layer}/{zz}/{x}/{y}.pbf")
        assert status == 200, (status, body[:200])
        return body

    def reference(i):
        _layer, zz, x, y = chosen[i % len(chosen)]
        return _render(_layer, zz, x, y, _default_area_kind(zz))

    apps, references = alternate(
        app, reference, repetitions=options.repetitions, warmup=options.warmup
    )
    sizes = [len(reference(i)) for i in range(len(chosen))]
    if max(sizes) > largest["bytes"]:
        largest.update(bytes=max(sizes), tile=f"{layer}/{z}")
    metric = Metric(
        name=f"tile {layer} z{z}" + (" warm (cache hit)" if warm else ""),
        target="app p50 ≤ 1.2 × the same SQL run directly"
        + (" (information: the goal is on a miss)" if warm else ", cache miss"),
        details={
            "tiles": [f"{z}/{x}/{y}" for _l, z, x, y in chosen],
            "bytes_max": max(sizes),
            "feature_cap": FEATURE_CAP[layer],
            "cached_by_app": z <= CACHED_UP_TO_ZOOM,
            "cache": "hit" if warm else "miss",
        },
    )
    summarise(metric, apps, references, limit=lambda m: m.ratio_p50 <= 1.2)
    return metric


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--repetitions", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--output", type=Path, default=RESULTS)
    options = parser.parse_args()
    url = database_url(options.database)

    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from api.tiles import (
        CACHED_UP_TO_ZOOM,
    )

    tiles = [
        (layer, z, *tile_xy(lon, lat, z))
        for layer in LAYERS
        for z in ZOOMS
        for lon, lat in CITIES.values()
    ]
    server = Gunicorn(url, worker_class="sync", conn_max_age=None, app="config.wsgi:application")
    metrics, largest = [], {"bytes": 0, "tile": None}
    try:
        client = Client(server.port)
        for layer in LAYERS:
            for z in ZOOMS:
                chosen = [t for t in tiles if t[0] == layer and t[1] == z]
                # Every zoom on a cache miss (the goal); the zooms the app caches also warm.
                for warm in (False, True) if z <= CACHED_UP_TO_ZOOM else (False,):
                    metrics.append(tile_metric(client, chosen, layer, z, warm, options, largest))
    finally:
        server.stop()

    output = options.output
    results = json.loads(output.read_text()) if output.exists() else {}
    ratios = [m.ratio_p50 for m in metrics if m.details["cache"] == "miss"]
    results["tiles"] = {
        "metrics": [m.__dict__ for m in metrics],
        "median_ratio_p50": round(statistics.median(ratios), 2),
        "worst_ratio_p50": max(ratios),
        "all_misses_met": all(m.met for m in metrics if m.details["cache"] == "miss"),
        "app": "config.wsgi:application (plain tile requests: config.wsgi.TileHandler)",
        "largest_tile_bytes": largest,
        "largest_tile_within_500kb": largest["bytes"] <= MAX_TILE_BYTES,
    }
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n")
    for m in metrics:
        print(
            f"{m.name:44} app p50 {m.app_p50_ms:7.2f} ms  ref p50 {m.reference_p50_ms:7.2f} ms"
            f"  ratio {m.ratio_p50:5.2f}  p95 ratio {m.ratio_p95:5.2f}"
            f"  max {m.details['bytes_max']:>7} B"
        )
    print(
        f"largest tile: {largest}; median ratio {results['tiles']['median_ratio_p50']}, "
        f"p95 of ratios {percentile(ratios, 95):.2f}"
    )


if __name__ == "__main__":
    main()
