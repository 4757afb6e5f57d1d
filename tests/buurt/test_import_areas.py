import json
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from buurt.models import Area, AreaKind

pytestmark = pytest.mark.django_db

MUNICIPALITIES = "neighbourhoods/flanders_wijken/gemeenten_vlaanderen_brussel_2025.geojson"
WIJKEN = "neighbourhoods/flanders_wijken/wijken_ggw7_vlaanderen_brussel.geojson"


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_areas", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def import_municipalities(data: Path) -> str:
    return run(
        str(data / MUNICIPALITIES),
        "--kind",
        "municipality",
        "--code-field",
        "nis",
        "--name-field",
        "naam",
    )


def import_wijken(data: Path) -> str:
    return run(
        str(data / WIJKEN),
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
    )


def write_geojson(path: Path, features: list[dict], crs: str | None = None) -> Path:
    collection = {"type": "FeatureCollection", "features": features}
    if crs:
        collection["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(collection))
    return path


def polygon_feature(code: str, ring: list[list[float]], **properties) -> dict:
    return {
        "type": "Feature",
        "properties": {"code": code, "name": f"Area {code}", **properties},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def box(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def test_real_flemish_municipalities_and_wijken_import_with_parents_and_idempotently(real_data):
    assert (
        import_municipalities(real_data)
        .strip()
        .endswith("created 304, updated 0, unchanged 0, rejected 0")
    )
    assert (
        import_wijken(real_data)
        .strip()
        .endswith("created 2767, updated 0, unchanged 0, rejected 0")
    )
    assert Area.objects.filter(kind=AreaKind.MUNICIPALITY).count() == 304
    assert Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD).count() == 2767
    assert not Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD, parent=None).exists()
    gent_wijken = Area.objects.filter(parent__code="44021", kind=AreaKind.NEIGHBOURHOOD)
    assert gent_wijken.count() == 25
    assert Area.objects.get(kind="neighbourhood", code="44021W01").parent.name == "Gent"
    assert Area.objects.get(kind="municipality", code="44021").geometry.geom_type == "MultiPolygon"

    assert "created 0, updated 0, unchanged 304, rejected 0" in import_municipalities(real_data)
    assert "created 0, updated 0, unchanged 2767, rejected 0" in import_wijken(real_data)


def test_parent_by_point_on_surface_when_no_parent_code_field(real_data, tmp_path):
    import_municipalities(real_data)
    out = run(
        str(real_data / "neighbourhoods/gent_stadswijken/gent_stadswijken_25.geojson"),
        "--kind",
        "district",
        "--code-field",
        "ggw7_wijk_code",
        "--name-field",
        "wijk",
        "--parent-kind",
        "municipality",
    )
    assert "created 25" in out
    assert set(Area.objects.filter(kind="district").values_list("parent__code", flat=True)) == {
        "44021"
    }


def test_dry_run_counts_but_writes_nothing(real_data):
    out = StringIO()
    call_command(
        "import_areas",
        str(real_data / MUNICIPALITIES),
        "--kind",
        "municipality",
        "--code-field",
        "nis",
        "--name-field",
        "naam",
        "--dry-run",
        stdout=out,
        stderr=StringIO(),
    )
    assert "Dry run" in out.getvalue() and "created 304" in out.getvalue()
    assert Area.objects.count() == 0


def test_changed_names_and_population_are_updated(tmp_path):
    path = write_geojson(
        tmp_path / "a.geojson",
        [
            polygon_feature("A1", box(4, 50, 4.1, 50.1), population=10),
            polygon_feature("A2", box(4.1, 50, 4.2, 50.1), population=20),
        ],
    )
    run(
        str(path),
        "--kind",
        "district",
        "--code-field",
        "code",
        "--name-field",
        "name",
        "--population-field",
        "population",
    )
    write_geojson(
        path,
        [
            polygon_feature("A1", box(4, 50, 4.1, 50.1), population=11),
            polygon_feature("A2", box(4.1, 50, 4.2, 50.1), population=20),
        ],
    )
    out = run(
        str(path),
        "--kind",
        "district",
        "--code-field",
        "code",
        "--name-field",
        "name",
        "--population-field",
        "population",
    )
    assert "created 0, updated 1, unchanged 1, rejected 0" in out
    assert Area.objects.get(code="A1").population == 11


def test_any_crs_is_reprojected_to_wgs84(tmp_path):
    # A GeoPackage in Belgian Lambert 72, made with GDAL's own ogr2ogr.
    source = write_geojson(
        tmp_path / "wgs84.geojson", [polygon_feature("L1", box(3.7, 51.0, 3.75, 51.05))]
    )
    lambert = tmp_path / "lambert.gpkg"
    subprocess.run(
        [
            "ogr2ogr",
            "-f",
            "GPKG",
            "-t_srs",
            "EPSG:31370",
            "-nln",
            "wijken",
            str(lambert),
            str(source),
        ],
        check=True,
    )
    run(
        str(lambert),
        "--kind",
        "district",
        "--code-field",
        "code",
        "--name-field",
        "name",
        "--layer",
        "wijken",
    )
    xmin, _ymin, _xmax, ymax = Area.objects.get(code="L1").geometry.extent
    assert xmin == pytest.approx(3.7, abs=1e-5) and ymax == pytest.approx(51.05, abs=1e-5)


def test_invalid_polygon_is_repaired_and_counted(tmp_path):
    bow_tie = [[4, 50], [4.1, 50.1], [4.1, 50], [4, 50.1], [4, 50]]
    path = write_geojson(tmp_path / "bowtie.geojson", [polygon_feature("B1", bow_tie)])
    out = run(str(path), "--kind", "district", "--code-field", "code", "--name-field", "name")
    assert "created 1" in out and "repaired 1" in out
    area = Area.objects.get(code="B1")
    assert area.geometry.valid and len(area.geometry) == 2


def assert_rejected(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("import_areas", *args, stdout=StringIO(), stderr=StringIO())
    assert Area.objects.filter(kind="district").count() == 0


def test_bad_input_gets_one_sentence_and_an_untouched_database(tmp_path, territory):
    base = ["--kind", "district", "--code-field", "code", "--name-field", "name"]
    assert_rejected([str(tmp_path / "missing.geojson"), *base], "does not exist")

    garbage = tmp_path / "garbage.geojson"
    garbage.write_text("this is not geojson {")
    assert_rejected([str(garbage), *base], "not a format GDAL can read")

    good = write_geojson(
        tmp_path / "good.geojson", [polygon_feature("G1", box(3.7, 51, 3.71, 51.01))]
    )
    assert_rejected(
        [str(good), "--kind", "district", "--code-field", "nope", "--name-field", "name"],
        "Field 'nope' is not in layer",
    )

    points = write_geojson(
        tmp_path / "points.geojson",
        [
            {
                "type": "Feature",
                "properties": {"code": "P", "name": "P"},
                "geometry": {"type": "Point", "coordinates": [3.7, 51]},
            }
        ],
    )
    assert_rejected([str(points), *base], "Point geometries; areas need polygons")

    # Lambert 72 metres read as degrees: far outside WGS84 bounds.
    lambert_as_degrees = write_geojson(
        tmp_path / "metres.geojson", [polygon_feature("M1", box(104000, 194000, 105000, 195000))]
    )
    assert_rejected([str(lambert_as_degrees), *base], "rejected; nothing was written")

    orphan = write_geojson(
        tmp_path / "orphan.geojson",
        [polygon_feature("O1", box(3.7, 51, 3.71, 51.01), parent="99999")],
    )
    assert_rejected(
        [str(orphan), *base, "--parent-kind", "municipality", "--parent-code-field", "parent"],
        "rejected; nothing was written",
    )

    duplicates = write_geojson(
        tmp_path / "duplicates.geojson",
        [
            polygon_feature("D1", box(3.7, 51, 3.71, 51.01)),
            polygon_feature("D2", box(3.71, 51, 3.72, 51.01)),
            polygon_feature("D1", box(3.72, 51, 3.73, 51.01)),
        ],
    )
    assert_rejected([str(duplicates), *base], "1 of 3 features of duplicates.geojson were rejected")


def test_rejections_name_the_feature_and_the_reason(tmp_path):
    duplicates = write_geojson(
        tmp_path / "dup.geojson",
        [
            polygon_feature("D1", box(3.7, 51, 3.71, 51.01)),
            polygon_feature("D1", box(3.72, 51, 3.73, 51.01)),
        ],
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_areas",
            str(duplicates),
            "--kind",
            "district",
            "--code-field",
            "code",
            "--name-field",
            "name",
            stdout=StringIO(),
            stderr=err,
        )
    assert "code D1 appears twice" in err.getvalue()
    assert "rejected 1" in err.getvalue()


def test_command_exits_non_zero_with_a_sentence(tmp_path):
    result = subprocess.run(
        [
            ".venv/bin/python",
            "manage.py",
            "import_areas",
            str(tmp_path / "nothing.geojson"),
            "--kind",
            "district",
            "--code-field",
            "code",
            "--name-field",
            "name",
        ],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode != 0
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr
