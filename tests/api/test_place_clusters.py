"""The public map's viewport layer: places below max_points, grid cells above, public
points only, and bad parameters as a 400 naming the parameter."""

import pytest

from places.models import Place, Precision
from tests.api.test_privacy import assert_no_secret

pytestmark = pytest.mark.django_db
URL = "/api/v1/places/clusters/"
BUURTEGEM = "3.8,50.8,4.2,51.1"


def test_below_max_points_the_places_themselves(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = api.get(f"{URL}?bbox={BUURTEGEM}&zoom=13")
    assert response.status_code == 200
    body = response.json()
    assert body["clustered"] is False
    assert body["total"] == Place.objects.count() == len(body["features"])
    assert response["X-Clustered"] == "false"
    names = {feature["properties"]["name"] for feature in body["features"]}
    assert "Buurthuis De Sluis" in names


def test_above_max_points_cells_that_add_up_to_every_place(api):
    places = Place.objects.count()
    body = api.get(f"{URL}?bbox={BUURTEGEM}&zoom=10&max_points=3").json()
    assert body["clustered"] is True
    assert body["total"] == places
    counts = [feature["properties"]["count"] for feature in body["features"]]
    assert sum(counts) == places
    # At zoom 10 a cell is about 9.8 km: the small demo town falls into a handful of cells.
    assert 1 <= len(counts) < places
    assert body["cell_m"] == pytest.approx(9783.94, rel=1e-3)
    # A closer zoom makes smaller cells, so more of them.
    closer = api.get(f"{URL}?bbox={BUURTEGEM}&zoom=13&max_points=3").json()
    assert len(closer["features"]) > len(counts)
    assert sum(f["properties"]["count"] for f in closer["features"]) == places


def test_an_empty_box(api):
    body = api.get(f"{URL}?bbox=5,50,5.01,50.01&zoom=14").json()
    assert body == {"type": "FeatureCollection", "clustered": False, "total": 0, "features": []}


def test_cells_and_points_show_only_public_points(api):
    hidden = Place.objects.filter(precision=Precision.AREA).select_related("area").first()
    for max_points in (1, 2000):
        response = api.get(f"{URL}?bbox={BUURTEGEM}&zoom=13&max_points={max_points}")
        assert response.status_code == 200
        assert_no_secret(response.content.decode(), hidden)
    # A single-place cell at a close zoom sits exactly on the public point.
    lon, lat = hidden.public_location.coords
    box = f"{lon - 0.0005},{lat - 0.0005},{lon + 0.0005},{lat + 0.0005}"
    body = api.get(f"{URL}?bbox={box}&zoom=18&max_points=1").json()
    assert body["features"], body
    for feature in body["features"]:
        assert feature["geometry"]["coordinates"] == pytest.approx([lon, lat], abs=1e-5)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("zoom=12", "bbox"),
        (f"bbox={BUURTEGEM}", "zoom"),
        (f"bbox={BUURTEGEM}&zoom=23", "zoom"),
        (f"bbox={BUURTEGEM}&zoom=x", "zoom"),
        ("bbox=1,2,3&zoom=12", "bbox"),
        (f"bbox={BUURTEGEM}&zoom=12&max_points=0", "max_points"),
        (f"bbox={BUURTEGEM}&zoom=12&max_points=2001", "max_points"),
        # All of Belgium at street level would be millions of cells.
        ("bbox=2.5,49.5,6.4,51.5&zoom=16", "zoom"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(api, query, field):
    response = api.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert field in response.json()
