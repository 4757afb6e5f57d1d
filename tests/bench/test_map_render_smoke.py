"""bench.map_render at a tiny size: its own throwaway database, a few repetitions, and a
results file of its own (bench/results.json is left alone)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import database_drop

REPO = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def database():
    name = f"buurtwijzer_bench_map_smoke_{os.getpid()}"
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.generate",
                "--places=3000",
                "--activities=50",
                "--occurrences=200",
                "--seed=5",
                f"--database={name}",
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        yield name
    finally:
        database_drop(name)


def test_map_render_measures_both_viewports_within_the_marker_cap(database, tmp_path):
    output = tmp_path / "results.json"
    output.write_text(json.dumps({"tiles": {"kept": True}}))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.map_render",
            f"--database={database}",
            "--repetitions=3",
            "--warmup=1",
            f"--output={output}",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(output.read_text())
    assert results["tiles"] == {"kept": True}  # other sections are merged, not clobbered
    section = results["map_render"]
    assert section["repetitions"] == 3
    flanders = section["viewports"]["flanders"]
    # 3,000 places over Flanders: more than max_points, so cells counted in PostGIS.
    assert flanders["clustered"] is True and flanders["places_in_view"] == 3000
    for viewport in section["viewports"].values():
        assert 0 < viewport["dom_markers"] <= 2000
        assert viewport["render_response_to_markers"]["p50_ms"] > 0
        assert viewport["json_parse_same_body"]["p50_ms"] >= 0
