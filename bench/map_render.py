"""Benchmark: the public map in headless Chromium, drawing the busiest viewport (all of
Flanders), next to JSON.parse of the same response body in the same page.

    .venv/bin/python -m bench.generate          # once: 100k places, 1M occurrences
    .venv/bin/python -m bench.map_render [--database buurtwijzer_bench] [--repetitions 30]

The app runs under gunicorn as deployed (config.settings.production, one sync worker, static
files collected and served by whitenoise). Debian's /usr/bin/chromium opens the home page
with map tiles intercepted (a blank PNG), and the map is fitted to Flanders. Each repetition
makes the page fetch and draw that viewport again (home-map.js records, per draw, the time
from the response body being received to the markers added to the page, and to the next
painted frame); the reference is JSON.parse of the same body in the same page. After a
warm-up they alternate (A B A B ...). A second viewport, a city at the zoom where the places
are drawn one by one (leaflet.markercluster), is measured the same way. The DOM marker count
of each viewport is recorded. Results are merged into bench/results.json under "map_render".
"""

import argparse
import base64
import json
import os
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench.generate import DEFAULT_DATABASE, REPO, database_url
from bench.measure import percentile
from bench.server import Gunicorn

RESULTS = REPO / "bench" / "results.json"
CHROMIUM = "/usr/bin/chromium"
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
# Flanders and Brussels, west to east and south to north.
FLANDERS = [[50.68, 2.54], [51.51, 5.92]]
VIEWPORTS = {
    "flanders": {"fit": FLANDERS},
    # Antwerpen at the zoom where the places are drawn one by one (at most max_points).
    "antwerpen_points": {"center": [51.2194, 4.4025], "zoom": 15},
}
MARKERS = "#places-map .leaflet-marker-icon, #places-map path.leaflet-interactive"
MAX_MARKERS = 2000


def collectstatic(url: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=REPO,
        env=env,
        check=True,
    )


def summary(values: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(values), 2),
        "p95_ms": round(percentile(values, 95), 2),
        "min_ms": round(min(values), 2),
        "max_ms": round(max(values), 2),
    }


def _wait_for_timings(page, more_than: int, seconds: float = 60) -> None:
    """Until the map has recorded more than `more_than` timings. Polled from Python: the
    site's Content-Security-Policy refuses the eval behind Playwright's wait_for_function."""
    import time

    deadline = time.monotonic() + seconds
    while page.evaluate("window.buurtwijzerMapTimings.length") <= more_than:
        if time.monotonic() > deadline:
            raise TimeoutError(f"no map timing after {seconds:.0f} s")
        page.wait_for_timeout(50)


def measure_viewport(page, name: str, viewport: dict, *, repetitions: int, warmup: int) -> dict:
    before = page.evaluate("window.buurtwijzerMapTimings.length")
    if "fit" in viewport:
        page.evaluate("(b) => window.buurtwijzerHomeMap.fitBounds(b)", viewport["fit"])
    else:
        page.evaluate(
            "([c, z]) => window.buurtwijzerHomeMap.setView(c, z)",
            [viewport["center"], viewport["zoom"]],
        )
    _wait_for_timings(page, before)
    first = page.evaluate("window.buurtwijzerMapTimings.at(-1)")
    zoom = page.evaluate("window.buurtwijzerHomeMap.getZoom()")
    # The same body the map got, kept in the page for the reference.
    page.evaluate(
        "async (url) => { window.benchBody = await (await fetch(url)).text(); }", first["url"]
    )

    def draw_once() -> dict:
        count = page.evaluate("window.buurtwijzerMapTimings.length")
        page.evaluate("window.buurtwijzerHomeMap.fire('moveend')")
        _wait_for_timings(page, count)
        return page.evaluate("window.buurtwijzerMapTimings.at(-1)")

    def parse_once() -> float:
        return page.evaluate(
            "() => { const t = performance.now(); JSON.parse(window.benchBody);"
            " return performance.now() - t; }"
        )

    for _ in range(warmup):
        draw_once()
        parse_once()
    # Counted after the warm-up: right after the first load, outlines and the list's numbered
    # pins may still be arriving (a run of make bench saw the count change under it).
    markers = page.locator(MARKERS).count()
    renders, painted, parses_in_draw, parses, fetches = [], [], [], [], []
    for _ in range(repetitions):
        timing = draw_once()
        renders.append(timing["renderMs"])
        painted.append(timing["paintedMs"])
        parses_in_draw.append(timing["parseMs"])
        fetches.append(timing["fetchMs"])
        parses.append(parse_once())
        assert page.locator(MARKERS).count() == markers
    render = summary(renders)
    reference = summary(parses)
    return {
        "viewport": viewport,
        "zoom": zoom,
        "url": first["url"],
        "bytes": first["bytes"],
        "clustered": first["clustered"],
        "features": first["features"],
        "places_in_view": first["total"],
        "dom_markers": markers,
        "dom_markers_within_2000": markers <= MAX_MARKERS,
        "render_response_to_markers": render,
        "render_response_to_painted_frame": summary(painted),
        "json_parse_same_body": reference,
        "json_parse_inside_the_draw": summary(parses_in_draw),
        "request_to_response_body": summary(fetches),
        "timer_resolution_ms": 0.1,
        "ratio_p50": round(render["p50_ms"] / max(reference["p50_ms"], 0.01), 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--repetitions", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--output", type=Path, default=RESULTS)
    options = parser.parse_args(argv)
    url = database_url(options.database)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing; `make setup` installs Debian's chromium.")

    from playwright.sync_api import sync_playwright

    collectstatic(url)
    server = Gunicorn(url, worker_class="sync", conn_max_age=None, app="config.wsgi:application")
    viewports = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            context = browser.new_context(viewport={"width": 1920, "height": 1080})
            context.route(
                "**/tile.openstreetmap.org/**",
                lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_TILE),
            )
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"http://127.0.0.1:{server.port}/", wait_until="load")
            _wait_for_timings(page, 0)
            size = page.evaluate("window.buurtwijzerHomeMap.getSize()")
            for name, viewport in VIEWPORTS.items():
                viewports[name] = measure_viewport(
                    page,
                    name,
                    viewport,
                    repetitions=options.repetitions,
                    warmup=options.warmup,
                )
            browser.close()
            if errors:
                raise SystemExit(f"page errors: {errors}")
    finally:
        server.stop()

    results = json.loads(options.output.read_text()) if options.output.exists() else {}
    results["map_render"] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": options.database,
        "browser": CHROMIUM + " (headless, tiles intercepted)",
        "window": "1920x1080",
        "map_size_px": size,
        "repetitions": options.repetitions,
        "warmup": options.warmup,
        "viewports": viewports,
    }
    options.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    for name, v in viewports.items():
        print(
            f"{name:18} z{v['zoom']:<3} {v['features']:>5} features "
            f"({'cells' if v['clustered'] else 'places'}, {v['places_in_view']} places), "
            f"{v['dom_markers']} DOM markers; response→markers p50 "
            f"{v['render_response_to_markers']['p50_ms']} ms "
            f"p95 {v['render_response_to_markers']['p95_ms']} ms, painted p50 "
            f"{v['render_response_to_painted_frame']['p50_ms']} ms; JSON.parse p50 "
            f"{v['json_parse_same_body']['p50_ms']} ms p95 {v['json_parse_same_body']['p95_ms']} ms"
        )


if __name__ == "__main__":
    main()
