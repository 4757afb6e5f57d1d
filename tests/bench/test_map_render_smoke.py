"""bench.map_render at a tiny size: its own throwaway database, a few repetitions, and a
results file of its own (bench/results.json is left alone)."""

import json
import os

import pytest

from tests.bench.conftest import generated_database, run_bench

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def database():
    name = f"buurtwijzer_bench_map_smoke_{os.getpid()}"
    with generated_database(name, seed=5, places=3000, activities=50, occurrences=200):
        yield name


def test_map_render_measures_both_viewports_within_the_marker_cap(database, tmp_path):
    output = tmp_path / "results.json"
    output.write_text(json.dumps({"tiles": {"kept": True}}))
    run_bench(
        "bench.map_render",
        f"--database={database}",
        "--repetitions=3",
        "--warmup=1",
        f"--output={output}",
    )
    results = json.loads(output.read_text())
    assert results["tiles"] == {"kept": True}  # other sections are merged, not clobbered
    section = results["map_render"]
    assert section["repetitions"] == 3
    flanders = section["viewports"]["flanders"]
    # 3,000 places over Flanders: more than max_points (1,000), so cells counted in PostGIS.
    # Fitting Flanders into the page's map box may leave a few of the random places at its
    # edges out of view, depending on the box's shape.
    assert flanders["clustered"] is True and 2900 <= flanders["places_in_view"] <= 3000
    for viewport in section["viewports"].values():
        assert 0 < viewport["dom_markers"] <= 2000
        assert viewport["render_response_to_markers"]["p50_ms"] > 0
        assert viewport["json_parse_same_body"]["p50_ms"] >= 0
