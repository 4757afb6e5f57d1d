"""bench.generate at a tiny size, into its own throwaway database on the project's server."""

import json
import os

import pytest

from bench.generate import FINEST_FIRST, connect, database_url
from buurt.models import FINEST_FIRST as APP_FINEST_FIRST
from tests.bench.conftest import generated_database, run_bench

SIZES = {"places": 200, "activities": 200, "occurrences": 1_000}


@pytest.fixture(scope="module")
def generated():
    name = f"buurtwijzer_bench_smoke_{os.getpid()}"
    with generated_database(name, seed=3, **SIZES) as report, connect(database_url(name)) as conn:
        yield conn, report


def count(conn, sql: str) -> int:
    return conn.execute(sql).fetchone()[0]


def test_it_reports_every_step_and_what_it_wrote(generated):
    _, report = generated
    for step in (
        "manage.py migrate",
        "manage.py import_areas (2 files)",
        "organisations",
        "places: COPY",
        "activities: COPY (+ M2M rows)",
        "occurrences: COPY",
        "commit (deferred foreign-key checks)",
        "VACUUM (ANALYZE)",
        "total",
    ):
        assert f"  {step} " in report
    assert "municipalities 304, wijken 2,767, organisations 5, places 200, activities 200" in report
    assert report.rstrip().endswith("occurrences 1,000")


def test_the_real_territory_and_the_asked_sizes(generated):
    conn, _ = generated
    assert count(conn, "SELECT count(*) FROM buurt_area WHERE kind = 'municipality'") == 304
    assert count(conn, "SELECT count(*) FROM buurt_area WHERE kind = 'neighbourhood'") == 2767
    assert count(conn, "SELECT count(*) FROM places_place") == SIZES["places"]
    assert count(conn, "SELECT count(*) FROM events_activity") == SIZES["activities"]
    assert count(conn, "SELECT count(*) FROM events_occurrence") == SIZES["occurrences"]
    assert count(conn, "SELECT count(*) FROM places_organisation") >= 5


def test_area_places_are_public_only_at_their_areas_point_on_surface(generated):
    conn, _ = generated
    assert count(conn, "SELECT count(*) FROM places_place WHERE precision = 'area'") > 0
    assert (
        count(
            conn,
            """
            SELECT count(*) FROM places_place p JOIN buurt_area a ON a.id = p.area_id
            WHERE p.precision = 'area'
              AND (ST_Equals(p.public_location, p.location::geometry)
                   OR NOT ST_Equals(p.public_location, ST_PointOnSurface(a.geometry)))
            """,
        )
        == 0
    )
    assert (
        count(
            conn,
            "SELECT count(*) FROM places_place WHERE precision = 'exact' "
            "AND NOT ST_Equals(public_location, location::geometry)",
        )
        == 0
    )


def test_each_place_lies_in_its_area_found_by_the_apps_rule(generated):
    conn, _ = generated
    assert FINEST_FIRST == APP_FINEST_FIRST
    assert (
        count(
            conn,
            """
            SELECT count(*) FROM places_place p LEFT JOIN buurt_area a ON a.id = p.area_id
            WHERE a.kind IS DISTINCT FROM 'neighbourhood'
               OR NOT ST_Covers(a.geometry, p.location::geometry)
            """,
        )
        == 0
    )


def test_activities_and_occurrences_are_plausible(generated):
    conn, _ = generated
    per_activity = conn.execute(
        "SELECT min(n), max(n) FROM (SELECT count(*) AS n FROM events_activity_work_models "
        "GROUP BY activity_id) s"
    ).fetchone()
    assert per_activity == (1, 2)
    assert (
        count(conn, "SELECT count(DISTINCT activity_id) FROM events_activity_work_models")
        == (SIZES["activities"])
    )
    assert (
        count(
            conn,
            """
        SELECT count(*) FROM events_activity a
        WHERE a.place_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM events_activity_service_areas s
                          WHERE s.activity_id = a.id)
        """,
        )
        == 0
    )
    start, end, shortest, longest, first, last = conn.execute(
        """
        SELECT min((start AT TIME ZONE 'Europe/Brussels')::time),
               max((start AT TIME ZONE 'Europe/Brussels')::time),
               min("end" - start), max("end" - start),
               min((start AT TIME ZONE 'Europe/Brussels')::date) - current_date,
               max((start AT TIME ZONE 'Europe/Brussels')::date) - current_date
        FROM events_occurrence
        """
    ).fetchone()
    assert str(start) >= "09:00:00" and str(end) <= "20:00:00"
    assert shortest.total_seconds() >= 3600 and longest.total_seconds() <= 3 * 3600
    assert first >= -1 and last <= 364


def test_the_coverage_benchmark_runs_and_writes_its_section(generated, tmp_path):
    conn, _ = generated
    output = tmp_path / "results.json"
    output.write_text('{"tiles": {"kept": true}}')
    run_bench(
        "bench.coverage",
        f"--database={conn.info.dbname}",
        "--repetitions=2",
        "--warmup=0",
        f"--output={output}",
    )
    results = json.loads(output.read_text())
    assert results["tiles"] == {"kept": True}
    matrix, *pages, write, earlier, history = results["coverage"]["metrics"]
    assert matrix["details"]["areas"] == 2767
    assert matrix["details"]["cells"] == 2767 * 7
    assert "Seq Scan" in matrix["details"]["reference_plan"]
    assert [page["details"]["path"] for page in pages] == [
        "/beleid/dekking/44021/?level=neighbourhood",
        "/beleid/dekking/11002/?level=neighbourhood",
    ]
    assert earlier["details"]["path"] == (
        "/beleid/dekking/11002/?level=neighbourhood&date=" + earlier["details"]["path"][-10:]
    )
    assert write["name"].startswith("write: one activity write")
    assert write["n"] == 2 * 4  # cancel, restore, other work models, back
    assert "kept per day" in earlier["details"]["note"]
    assert "change history" in history["details"]["note"]
    for metric in (matrix, *pages, earlier, history):
        assert metric["n"] == 2
        assert metric["app_p50_ms"] > 0 and metric["reference_p50_ms"] > 0
    # The generated data has no populations: the benchmark gave them, so shares exist.
    populated = conn.execute(
        "SELECT count(*) FROM buurt_area WHERE kind = 'neighbourhood' AND population > 0"
    ).fetchone()[0]
    assert populated == 2767


@pytest.mark.parametrize("module, section", [("bench.api", "metrics"), ("bench.tiles", "tiles")])
def test_the_api_and_tile_benchmarks_run_and_write_their_section(
    generated, tmp_path, module, section
):
    conn, _ = generated
    output = tmp_path / "results.json"
    output.write_text('{"coverage": {"kept": true}}')
    run_bench(
        module,
        f"--database={conn.info.dbname}",
        "--repetitions=1",
        "--warmup=0",
        f"--output={output}",
        *(["--scale=0.005"] if module == "bench.api" else []),
    )
    results = json.loads(output.read_text())
    assert results["coverage"] == {"kept": True}
    metrics = results[section] if section == "metrics" else results[section]["metrics"]
    assert metrics and all(m["n"] == 1 and m["app_p50_ms"] > 0 for m in metrics)


def test_the_area_import_benchmark_runs_and_writes_its_section(tmp_path):
    # Its own output file: the smoke run must never overwrite the recorded figures.
    output = tmp_path / "results.json"
    output.write_text('{"coverage": {"kept": true}}')
    done = run_bench("bench.import_areas", "--repetitions=1", f"--output={output}")
    assert "ratio whole command / ogr2ogr" in done.stdout
    results = json.loads(output.read_text())
    assert results["coverage"] == {"kept": True}
    assert results["import_areas"]["wijken"] == 2767
    assert results["import_areas"]["repetitions"] == 1


def test_the_place_import_benchmark_runs_and_writes_its_section(tmp_path):
    from bench.scratch import database_drop as scratch_drop

    output = tmp_path / "results.json"
    output.write_text('{"coverage": {"kept": true}}')
    database = f"buurtwijzer_bench_places_smoke_{os.getpid()}"
    try:
        run_bench(
            "bench.import_places",
            "--points=500",
            "--repetitions=1",
            f"--database={database}",
            f"--output={output}",
        )
    finally:
        scratch_drop(database)
    results = json.loads(output.read_text())
    assert results["coverage"] == {"kept": True}
    assert results["import_places"]["points"] == 500
    assert results["import_places"]["ratio"] > 0
