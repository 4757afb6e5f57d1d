"""Vector tiles: decoded with mapbox-vector-tile, checked for content, privacy, bad input
and cache headers."""

import mapbox_vector_tile
import pytest
from django.contrib.gis.geos import Point

from places.models import Place, Precision
from places.services import place_update

pytestmark = pytest.mark.django_db

# The demo town Buurtegem at zoom 13 lies in these tiles (lon 3.95-4.02, lat 50.93-50.97).
Z = 13


def tile_xy(lon: float, lat: float, z: int) -> tuple[int, int]:
    import math

    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def decode(response) -> dict:
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    return mapbox_vector_tile.decode(response.content)


def features_around(api, layer: str, lon: float, lat: float, z: int = Z) -> list[dict]:
    x, y = tile_xy(lon, lat, z)
    found = []
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            tile = decode(api.get(f"/tiles/{layer}/{z}/{x + dx}/{y + dy}.pbf"))
            found += tile.get(layer, {}).get("features", [])
    return found


def test_places_activities_and_areas_layers(api):
    places = features_around(api, "places", 3.98, 50.95)
    assert len({f["id"] for f in places}) == Place.objects.count()
    assert {"name", "kind", "precision"} <= set(places[0]["properties"])
    activities = features_around(api, "activities", 3.98, 50.95)
    assert activities and "work_models" in activities[0]["properties"]
    areas = features_around(api, "areas", 3.98, 50.95)
    assert {f["properties"]["kind"] for f in areas} == {"neighbourhood"}
    low = decode(api.get("/tiles/areas/8/{}/{}.pbf".format(*tile_xy(3.98, 50.95, 8))))
    assert {f["properties"]["kind"] for f in low["areas"]["features"]} == {"municipality"}


def test_an_area_place_is_drawn_only_at_its_stand_in(api):
    hidden = Place.objects.filter(precision=Precision.AREA).first()
    z = 18  # at this zoom one tile unit is a few centimetres: the real point would show
    x, y = tile_xy(hidden.location.x, hidden.location.y, z)
    tile = decode(api.get(f"/tiles/places/{z}/{x}/{y}.pbf"))
    ids = [f["id"] for f in tile.get("places", {}).get("features", [])]
    assert hidden.id not in ids
    sx, sy = tile_xy(hidden.public_location.x, hidden.public_location.y, z)
    stand_in = decode(api.get(f"/tiles/places/{z}/{sx}/{sy}.pbf"))
    assert hidden.id in [f["id"] for f in stand_in["places"]["features"]]


def test_etag_revalidation_and_invalidation_when_data_change(api):
    x, y = tile_xy(3.98, 50.95, Z)
    first = api.get(f"/tiles/places/{Z}/{x}/{y}.pbf")
    assert "max-age" in first["Cache-Control"]
    etag = first["ETag"]
    again = api.get(f"/tiles/places/{Z}/{x}/{y}.pbf", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    place = Place.objects.filter(precision=Precision.EXACT).first()
    place_update(place=place, location=Point(3.981, 50.951, srid=4326))
    after = api.get(f"/tiles/places/{Z}/{x}/{y}.pbf", HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200 and after["ETag"] != etag


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/tiles/secrets/13/4186/2735.pbf", 404),
        ("/tiles/places/23/0/0.pbf", 400),
        ("/tiles/places/3/8/0.pbf", 400),
        ("/tiles/areas/13/4186/2735.pbf?kind=galaxy", 400),
    ],
)
def test_bad_tile_requests(api, url, status):
    assert api.get(url).status_code == status


def test_empty_tiles_are_empty_not_errors(api):
    response = api.get("/tiles/places/13/0/0.pbf")
    assert response.status_code == 200 and decode(response) == {}
