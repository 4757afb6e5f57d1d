"""events.queries.tiles: published activities as a vector tile layer, built in PostGIS."""

import math

import mapbox_vector_tile
import pytest
from django.contrib.gis.geos import Point

from events.models import Status
from events.queries import activities_tile
from tests.factories import ActivityFactory, PlaceFactory

pytestmark = pytest.mark.django_db

Z = 15  # a tile of about 1.2 km here: the territory spans a few of them
POINT = Point(3.705, 51.005, srid=4326)  # PlaceFactory's default, in West


def tile_xy(lon: float, lat: float, z: int = Z) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def features(tile: bytes) -> list[dict]:
    return mapbox_vector_tile.decode(tile).get("activities", {}).get("features", [])


def test_a_tile_with_an_activity_holds_its_feature(clock):
    activity = ActivityFactory(title="Taalcafé", work_models=("peer", "competence"))
    ActivityFactory(title="Concept", status=Status.DRAFT)  # at the same place, not drawn
    x, y = tile_xy(POINT.x, POINT.y)

    tile = activities_tile(z=Z, x=x, y=y, cap=100)

    assert isinstance(tile, bytes) and tile
    [feature] = features(tile)
    assert feature["id"] == activity.id
    assert feature["geometry"]["type"] == "Point"
    properties = feature["properties"]
    assert properties["title"] == "Taalcafé"
    assert properties["kind"] == activity.kind
    assert properties["work_models"] == "competence,peer"  # in the display order


def test_a_tile_without_activities_is_empty(clock):
    ActivityFactory()
    x, y = tile_xy(POINT.x, POINT.y)
    assert activities_tile(z=Z, x=x + 5, y=y, cap=100) == b""


def test_programmes_without_a_venue_are_not_drawn(clock, territory):
    ActivityFactory(without_venue=True, service_areas=[territory["west"]])
    x, y = tile_xy(POINT.x, POINT.y)
    assert activities_tile(z=Z, x=x, y=y, cap=100) == b""


def test_the_cap_limits_the_features_of_a_tile(clock):
    place = PlaceFactory(location=POINT)
    for _ in range(3):
        ActivityFactory(place=place)
    x, y = tile_xy(POINT.x, POINT.y)
    assert len(features(activities_tile(z=Z, x=x, y=y, cap=2))) == 2
