import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from places.models import Organisation, Place

pytestmark = pytest.mark.django_db

OSM = "osm_civic_pois_2015/osm_civic_pois_vlaanderen_brussel_2015.geojson"


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_places", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_osm_civic_points_import_completely_and_idempotently(shared_data):
    out = run(str(shared_data / OSM), "--name-field", "name", "--kind-field", "osm_type_tag")
    assert "created 4791, updated 0, unchanged 0, rejected 0" in out
    assert "1707 places without a name were named after their type" in out
    assert Place.objects.count() == 4791
    assert Place.objects.filter(kind="library").count() == 234 + 3  # libraries + bookcases
    assert Place.objects.filter(kind="community_centre").count() == 49 + 3 + 1 + 1
    again = run(str(shared_data / OSM), "--name-field", "name", "--kind-field", "osm_type_tag")
    assert "created 0, updated 0, unchanged 4791, rejected 0" in again


def test_gent_libraries_with_an_organisation(shared_data):
    path = shared_data / "gent_open_data/gent_bibliotheken.geojson"
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


def test_places_get_their_neighbourhood_when_areas_are_known(shared_data):
    call_command(
        "import_areas",
        str(shared_data / "gent_open_data/gent_stadswijken_25.geojson"),
        "--kind",
        "neighbourhood",
        "--code-field",
        "ggw7_wijk_code",
        "--name-field",
        "wijk",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    run(str(shared_data / "gent_open_data/gent_bibliotheken.geojson"), "--name-field", "naam")
    main_library = Place.objects.get(name="Hoofdbibliotheek")
    assert main_library.area.code == "44021W01"


def test_bad_place_files_are_refused(tmp_path, shared_data):
    with pytest.raises(CommandError, match="does not exist"):
        run(str(tmp_path / "none.geojson"), "--name-field", "name")
    with pytest.raises(CommandError, match="Field 'title' is not in layer"):
        run(str(shared_data / OSM), "--name-field", "title")
    with pytest.raises(CommandError, match="places need points"):
        run(str(shared_data / "gent_open_data/gent_stadswijken_25.geojson"), "--name-field", "wijk")
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
