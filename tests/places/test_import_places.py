import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from places.models import Organisation, Place

pytestmark = pytest.mark.django_db

OSM = "places/osm_civic_pois_2015/osm_civic_pois_vlaanderen_brussel_2015.geojson"
LIBRARIES = "places/gent_bibliotheken/gent_bibliotheken.geojson"
GENT_WIJKEN = "neighbourhoods/gent_stadswijken/gent_stadswijken_25.geojson"


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_places", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_osm_civic_points_import_completely_and_idempotently(real_data):
    out = run(str(real_data / OSM), "--name-field", "name", "--kind-field", "osm_type_tag")
    assert "created 4791, updated 0, unchanged 0, rejected 0" in out
    assert "1707 places without a name were named after their type" in out
    assert Place.objects.count() == 4791
    assert Place.objects.filter(kind="library").count() == 234 + 3  # libraries + bookcases
    assert Place.objects.filter(kind="community_centre").count() == 49 + 3 + 1 + 1
    again = run(str(real_data / OSM), "--name-field", "name", "--kind-field", "osm_type_tag")
    assert "created 0, updated 0, unchanged 4791, rejected 0" in again


def test_gent_libraries_with_an_organisation(real_data):
    path = real_data / LIBRARIES
    out = run(
        str(path),
        "--name-field",
        "naam",
        "--kind-field",
        "categorie",
        "--organisation",
        "Bibliotheek Gent",
    )
    assert "created 15" in out
    library = Organisation.objects.get(name="Bibliotheek Gent")
    assert not library.verified
    assert library.places.filter(kind="library").count() == 15
    assert "unchanged 15" in run(
        str(path),
        "--name-field",
        "naam",
        "--kind-field",
        "categorie",
        "--organisation",
        "Bibliotheek Gent",
    )


def test_places_get_their_neighbourhood_when_areas_are_known(real_data):
    call_command(
        "import_areas",
        str(real_data / GENT_WIJKEN),
        "--kind",
        "neighbourhood",
        "--code-field",
        "ggw7_wijk_code",
        "--name-field",
        "wijk",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    run(
        str(real_data / LIBRARIES),
        "--name-field",
        "naam",
    )
    main_library = Place.objects.get(name="Hoofdbibliotheek")
    assert main_library.area.code == "44021W01"


def test_bad_place_files_are_refused(tmp_path, real_data):
    with pytest.raises(CommandError, match="does not exist"):
        run(str(tmp_path / "none.geojson"), "--name-field", "name")
    with pytest.raises(CommandError, match="Field 'title' is not in layer"):
        run(str(real_data / OSM), "--name-field", "title")
    with pytest.raises(CommandError, match="places need points"):
        run(
            str(real_data / GENT_WIJKEN),
            "--name-field",
            "wijk",
        )
    far = tmp_path / "far.geojson"
    far.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "Ok"},
                        "geometry": {"type": "Point", "coordinates": [4, 51]},
                    },
                    {
                        "type": "Feature",
                        "properties": {"name": "Metres"},
                        "geometry": {"type": "Point", "coordinates": [104000, 194000]},
                    },
                ],
            }
        )
    )
    with pytest.raises(CommandError, match=r"1 of 2 features of far\.geojson were rejected"):
        run(str(far), "--name-field", "name")
    assert Place.objects.count() == 0


def feature(properties: dict, geometry: dict | None) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def write_points(path, features: list[dict], **members) -> str:
    path.write_text(json.dumps({"type": "FeatureCollection", **members, "features": features}))
    return str(path)


def run_both(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_places", *args, stdout=out, stderr=err)
    except CommandError as error:
        return f"{out.getvalue()}{error}", err.getvalue()
    return out.getvalue(), err.getvalue()


BAD_FEATURES = [
    feature({"name": "Ok", "id": "1"}, point(3.705, 51.005)),
    feature({"name": "Geen punt", "id": "2"}, None),
    feature({"name": "Meters", "id": "3"}, point(104000, 194000)),
    feature({"name": "Geen id", "id": ""}, point(3.71, 51.01)),
    feature({"name": "Dubbel", "id": "1"}, point(3.72, 51.01)),
]
BAD_REASONS = [
    "  rejected feature 2: it has no geometry.",
    "  rejected feature 3: coordinates (104000.0, 194000.0) are outside WGS84 bounds.",
    "  rejected feature 4: field 'id' is empty.",
    "  rejected feature 5: id 1 appears twice.",
    "created 0, updated 0, unchanged 0, rejected 4",
]


@pytest.mark.parametrize("through_gdal", [False, True], ids=["json", "gdal"])
def test_every_bad_feature_is_listed_and_nothing_is_written(tmp_path, through_gdal):
    # --layer sends a GeoJSON file through GDAL: both readers must refuse alike.
    path = write_points(tmp_path / "bad.geojson", BAD_FEATURES, name="bad")
    layer = ["--layer", "bad"] if through_gdal else []
    out, err = run_both(path, "--name-field", "name", "--id-field", "id", *layer)
    listed = [line for line in err.splitlines() if line.startswith(("  rejected", "created"))]
    assert listed == BAD_REASONS
    assert "5/5" in err  # the progress bar, moved in chunks, still ends at the total
    assert "4 of 5 features of bad.geojson were rejected; nothing was written." in out
    assert Place.objects.count() == 0


def test_json_and_gdal_read_the_same_rows(real_data):
    from places.importers import _geojson_point_features, read_place_rows

    path = real_data / OSM
    assert _geojson_point_features(path, ["name", "osm_type_tag", "osm_id"]) is not None
    options = {"name_field": "name", "kind_field": "osm_type_tag", "progress": None}
    fast, fast_notes = read_place_rows(path, **options)
    slow, slow_notes = read_place_rows(path, layer_name=path.stem, **options)
    assert fast == slow
    assert fast_notes == slow_notes == ["1707 places without a name were named after their type"]
    with_ids, _notes = read_place_rows(path, id_field="osm_id", **options)
    assert with_ids == read_place_rows(path, id_field="osm_id", layer_name=path.stem, **options)[0]


def test_a_projected_crs_still_goes_through_gdal(tmp_path, territory):
    # Belgian Lambert 72 coordinates of a point in the test town's west neighbourhood.
    path = write_points(
        tmp_path / "lambert.geojson",
        [feature({"name": "Lambert"}, point(103768.43, 189070.26))],
        crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::31370"}},
    )
    assert "created 1" in run(path, "--name-field", "name")
    place = Place.objects.get()
    assert place.location.coords == pytest.approx((3.71, 51.01), abs=1e-3)
    assert place.area == territory["west"]


def test_dry_run_writes_nothing(tmp_path, territory):
    path = write_points(tmp_path / "p.geojson", [feature({"name": "A"}, point(3.705, 51.005))])
    out = run(path, "--name-field", "name", "--organisation", "Nieuw", "--dry-run")
    assert "Dry run, nothing written: created 1, updated 0, unchanged 0, rejected 0" in out
    assert Place.objects.count() == 0
    assert not Organisation.objects.filter(name="Nieuw").exists()


def test_new_places_get_their_finest_area_and_a_public_point_equal_to_theirs(tmp_path, territory):
    path = write_points(
        tmp_path / "p.geojson",
        [
            feature({"name": "West", "id": 1}, point(3.705, 51.005)),
            feature({"name": "Oost", "id": 2}, point(3.735, 51.015)),
            feature({"name": "Ver", "id": 3}, point(5.5, 50.9)),
        ],
    )
    assert "created 3, updated 0" in run(path, "--name-field", "name", "--id-field", "id")
    places = {place.name: place for place in Place.objects.all()}
    assert places["West"].area == territory["west"]
    assert places["Oost"].area == territory["east"]
    assert places["Ver"].area is None
    for place in places.values():
        assert place.precision == "exact"
        assert place.import_key == f"id:{ {'West': 1, 'Oost': 2, 'Ver': 3}[place.name] }"
        assert place.public_location.coords == place.location.coords


def test_changed_places_are_updated_and_hidden_ones_stay_hidden(tmp_path, territory):
    first = [
        feature({"name": "Buurthuis", "id": "b"}, point(3.705, 51.005)),
        feature({"name": "Praatgroep", "id": "p"}, point(3.706, 51.006)),
        feature({"name": "Bib", "id": "l"}, point(3.707, 51.007)),
    ]
    path = write_points(tmp_path / "p.geojson", first)
    run(path, "--name-field", "name", "--id-field", "id")
    # A hidden place always has an organisation (issue 20, finding 10).
    owner = Organisation.objects.create(name="Praatgroepwerking")
    Place.objects.filter(import_key="id:p").update(precision="area", organisation=owner)
    moved = [
        feature({"name": "Buurthuis", "id": "b"}, point(3.735, 51.015)),  # to the east
        feature({"name": "Praatgroep", "id": "p"}, point(3.736, 51.016)),  # to the east
        feature({"name": "Bib", "id": "l"}, point(3.707, 51.007)),
    ]
    write_points(tmp_path / "p.geojson", moved)
    out = run(path, "--name-field", "name", "--id-field", "id", "--organisation", "Buurtwerk")
    assert "created 0, updated 3, unchanged 0, rejected 0" in out  # the organisation is new
    buurthuis = Place.objects.get(import_key="id:b")
    assert buurthuis.area == territory["east"]
    assert buurthuis.public_location.coords == pytest.approx((3.735, 51.015))
    hidden = Place.objects.get(import_key="id:p")
    assert hidden.precision == "area"
    assert hidden.location.coords == pytest.approx((3.736, 51.016))
    assert hidden.area == territory["east"]
    expected = territory["east"].geometry.point_on_surface.coords
    assert hidden.public_location.coords == pytest.approx(expected)
    assert set(Place.objects.values_list("organisation__name", flat=True)) == {"Buurtwerk"}
    again = run(path, "--name-field", "name", "--id-field", "id", "--organisation", "Buurtwerk")
    assert "created 0, updated 0, unchanged 3, rejected 0" in again
