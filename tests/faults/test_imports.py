"""An import interrupted half-way (SIGINT, as Ctrl-C in a terminal, or SIGKILL, as the OOM
killer or a reboot) leaves the database as it was, and running it again completes.

The moment is made deterministic with a row lock: the test locks one row that the second
import must update, runs the import as a subprocess (as an operator does, against the test
database), waits until PostgreSQL shows the import's backend waiting for that lock (by then
it has written other rows in its transaction), signals it, and then compares checksums of the
tables with the ones from before."""

import json
import signal
import subprocess
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command

from buurt.models import Area
from tests.faults.conftest import REPO, manage, sql_connection, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

AREAS = 30
PLACES = 30
# What an import may have written: every table an import writes, as one checksum each.
TABLES = {
    "buurt_area": "code, kind, name, population, parent_id, ST_AsEWKB(geometry), updated_at",
    "places_place": "import_key, name, kind, address, organisation_id, area_id, "
    "ST_AsEWKB(location::geometry), precision",
    "places_organisation": "name, verified",
}


def state() -> dict[str, tuple[int, str]]:
    """Row count and an md5 over every row (in a fixed order) of each table an import writes."""
    found = {}
    with sql_connection() as connection:
        for table, columns in TABLES.items():
            found[table] = connection.execute(
                f"SELECT count(*), md5(coalesce(string_agg(row::text, '|' ORDER BY row::text), ''))"
                f" FROM (SELECT ({columns}) AS row FROM {table}) rows"
            ).fetchone()
    return found


def square(x: float, y: float, size: float = 0.002) -> list:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def areas_file(path: Path, *, count: int, names: str) -> Path:
    features = [
        {
            "type": "Feature",
            "properties": {"code": f"F{number:04d}", "name": f"{names} {number}"},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [
                    square(3.70 + (number % 10) * 0.002, 51.0 + (number // 10) * 0.002)
                ],
            },
        }
        for number in range(count)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def places_file(path: Path, *, count: int, names: str) -> Path:
    features = [
        {
            "type": "Feature",
            "properties": {"id": f"p{number}", "name": f"{names} {number}", "kind": "library"},
            "geometry": {"type": "Point", "coordinates": [3.701 + number * 0.0005, 51.001]},
        }
        for number in range(count)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def finished(process: subprocess.Popen, *, seconds: float = 60) -> tuple[int, str]:
    out, err = process.communicate(timeout=seconds)
    return process.returncode, out + err


def waiting_for_a_lock(application_name: str) -> bool:
    with sql_connection() as connection:
        return bool(
            connection.execute(
                "SELECT 1 FROM pg_stat_activity WHERE application_name = %s"
                " AND wait_event_type = 'Lock'",
                [application_name],
            ).fetchone()
        )


def gone(application_name: str) -> bool:
    with sql_connection() as connection:
        return not connection.execute(
            "SELECT 1 FROM pg_stat_activity WHERE application_name = %s", [application_name]
        ).fetchone()


IMPORTS = {
    # The second import renames every area and adds ten (COPY), then updates (bulk_update).
    "import_areas": {
        "file": areas_file,
        "count": AREAS,
        "arguments": ["--kind", "neighbourhood", "--code-field", "code", "--name-field", "name"],
        "lock": "SELECT 1 FROM buurt_area WHERE code = 'F0015' FOR UPDATE",
    },
    # The second one creates an organisation, adds ten places, and renames every place.
    "import_places": {
        "file": places_file,
        "count": PLACES,
        "arguments": ["--name-field", "name", "--kind-field", "kind", "--id-field", "id"],
        "second": ["--organisation", "Nieuwe bibliotheekvzw"],
        "lock": "SELECT 1 FROM places_place WHERE name = 'Bib 15' FOR UPDATE",
    },
}


def run(*arguments: str) -> str:
    """The command in this process (the runs that are not interrupted)."""
    out = StringIO()
    call_command(*arguments, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.parametrize(
    ("command", "signum"),
    [("import_areas", signal.SIGINT), ("import_places", signal.SIGKILL)],
    ids=["import_areas-SIGINT", "import_places-SIGKILL"],
)
def test_an_interrupted_import_changes_nothing_and_a_rerun_completes(
    tmp_path, territory, command, signum
):
    spec = IMPORTS[command]
    first = spec["file"](tmp_path / "first.geojson", count=spec["count"], names="Bib")
    second = spec["file"](tmp_path / "second.geojson", count=spec["count"] + 10, names="Nieuw")
    arguments = [command, *spec["arguments"]]
    run(*arguments, str(first))
    before = state()

    name = f"bw-faults-{command}"
    with sql_connection() as locker:
        with locker.transaction():
            assert locker.execute(spec["lock"]).fetchone(), "the row to lock is there"
            process = manage(*arguments, *spec.get("second", []), str(second), PGAPPNAME=name)
            wait_until(
                lambda: waiting_for_a_lock(name) or process.poll() is not None,
                seconds=60,
                what=f"{command} waits for the locked row",
            )
            assert process.poll() is None, finished(process)[1]
            process.send_signal(signum)
            if signum == signal.SIGINT:
                # Ctrl-C stops the import at once, even while PostgreSQL still holds it.
                code, output = finished(process, seconds=15)
                assert code != 0
                assert "KeyboardInterrupt" in output or code == -signal.SIGINT
        # The lock is released: a killed client's backend now finds its client gone.
        if signum == signal.SIGKILL:
            assert process.wait(timeout=15) == -signal.SIGKILL
        wait_until(lambda: gone(name), seconds=15, what="the import's backend ends")

    assert state() == before

    output = run(*arguments, *spec.get("second", []), str(second))
    assert "created 10, updated 30" in output, output
    after = state()
    assert after != before
    table = "buurt_area" if command == "import_areas" else "places_place"
    assert after[table][0] == before[table][0] + 10


WIJKEN = (
    REPO / "data" / "neighbourhoods" / "flanders_wijken" / "wijken_ggw7_vlaanderen_brussel.geojson"
)
MECHELEN = "12025"


def test_load_territory_killed_half_way_changes_nothing_and_a_rerun_completes():
    """The real Flemish data (data/territory.json): Mechelen's municipality is written, then
    its wijken, its civic points and the sources, in one transaction. The test holds an
    uncommitted row with the code of one of Mechelen's wijken, so the command waits on that
    unique key with the municipality already written, and is killed there."""
    features = json.loads(WIJKEN.read_text())["features"]
    wijk = next(
        feature["properties"]["wijk_code"]
        for feature in features
        if str(feature["properties"]["gemeente_nis"]) == MECHELEN
    )
    before = state()
    sources_before = source_count()
    name = "bw-faults-load_territory"
    with sql_connection() as locker:
        with locker.transaction():
            locker.execute(
                "INSERT INTO buurt_area (kind, code, name, geometry, updated_at) VALUES"
                " ('neighbourhood', %s, 'in de weg', ST_Multi(ST_MakeEnvelope(4.4, 51.0,"
                " 4.5, 51.1, 4326)), now())",
                [wijk],
            )
            process = manage("load_territory", MECHELEN, PGAPPNAME=name)
            wait_until(
                lambda: waiting_for_a_lock(name) or process.poll() is not None,
                seconds=60,
                what="load_territory waits on the wijk's code",
            )
            assert process.poll() is None, finished(process)[1]
            process.send_signal(signal.SIGKILL)
            assert process.wait(timeout=15) == -signal.SIGKILL
            raise psycopg.Rollback  # the row in the way goes too
        wait_until(lambda: gone(name), seconds=15, what="the command's backend ends")

    assert state() == before
    assert source_count() == sources_before

    output = run("load_territory", MECHELEN)
    assert "Territory loaded" in output, output
    assert Area.objects.filter(kind="municipality", code=MECHELEN).exists()
    assert Area.objects.filter(parent__code=MECHELEN).count() == sum(
        1 for feature in features if str(feature["properties"]["gemeente_nis"]) == MECHELEN
    )


def source_count() -> int:
    with sql_connection() as connection:
        return connection.execute("SELECT count(*) FROM buurt_opendatasource").fetchone()[0]
