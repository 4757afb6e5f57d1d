"""Unit tests of places/queries.py: the public reads of places (GeoJSON, tiles, clusters, a
neighbourhood's places) and the workspace's reads, in real PostGIS on the test territory
(tests/conftest.py: Testdorp, West 3.70-3.72, Oost 3.72-3.74, latitudes 51.00-51.02)."""

import json
import math
from datetime import timedelta

import mapbox_vector_tile
import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.utils import timezone

from buurt.models import Area, AreaKind
from events.services import ScheduleInput, activity_create
from places.models import Precision
from places.queries import (
    CLUSTER_CELL_PX,
    MERCATOR_HALF_WORLD_M,
    SHARED_PLACES_RADIUS_M,
    cluster_cell_m,
    organisations_neighbourhoods,
    places_clusters,
    places_feature_collection,
    places_tile,
    public_places_in,
    workspace_places,
)
from places.services import place_create
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

TOWN_BOX = (3.69, 50.99, 3.75, 51.03)
SECRET = Point(3.7051, 51.0123, srid=4326)


@pytest.fixture
def places(territory) -> dict:
    group = OrganisationFactory()
    return {
        "group": group,
        "linde": place_create(
            name="Buurthuis De Linde",
            location=Point(3.731, 51.011, srid=4326),
            kind="community_centre",
            address="Lindestraat 4",
            organisation=group,
        ),
        "hidden": place_create(
            name="Praatgroep schulden",
            location=SECRET,
            kind="other",
            precision=Precision.AREA,
            address="Geheime straat 7",
            organisation=group,
        ),
        "bib": place_create(
            name="Bibliotheek", location=Point(3.712, 51.004, srid=4326), kind="library"
        ),
    }


def leaks(text: str) -> bool:
    return any(f"{c:.4f}" in text for c in SECRET.coords) or "Geheime" in text


# --- places_feature_collection --------------------------------------------------------------


def test_the_feature_collection_shows_public_points_and_public_addresses(places, territory):
    body, count, truncated = places_feature_collection(bbox=TOWN_BOX, limit=100)
    collection = json.loads(body)
    assert (count, truncated, collection["numberReturned"]) == (3, False, 3)
    features = {f["properties"]["name"]: f for f in collection["features"]}
    hidden = features["Praatgroep schulden"]
    assert hidden["properties"]["address"] == "" and hidden["properties"]["precision"] == "area"
    stand_in = territory["west"].geometry.point_on_surface
    assert hidden["geometry"]["coordinates"] == pytest.approx(list(stand_in.coords), abs=1e-6)
    assert features["Buurthuis De Linde"]["properties"]["address"] == "Lindestraat 4"
    assert features["Buurthuis De Linde"]["properties"]["area"] == "T0001W2"
    assert not leaks(body.decode() if isinstance(body, bytes) else body)


def test_the_feature_collection_is_cut_at_the_limit_and_says_so(places):
    body, count, truncated = places_feature_collection(bbox=TOWN_BOX, limit=2)
    assert (count, truncated) == (2, True)
    assert len(json.loads(body)["features"]) == 2
    body, count, truncated = places_feature_collection(bbox=(4.0, 50.0, 4.1, 50.1), limit=2)
    assert (count, truncated, json.loads(body)["features"]) == (0, False, [])


# --- places_tile ----------------------------------------------------------------------------


def tile_of(point: Point, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((point.x + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(point.y))) / math.pi) / 2 * n)
    return x, y


def test_a_tile_holds_the_places_at_their_public_points(places):
    z = 16  # tiles of about 600 m: the real point and the stand-in lie in different ones
    hidden = places["hidden"]
    public_tile, secret_tile = tile_of(hidden.public_location, z), tile_of(SECRET, z)
    assert public_tile != secret_tile

    def features(tile):
        x, y = tile
        layer = mapbox_vector_tile.decode(places_tile(z=z, x=x, y=y, cap=100)).get("places", {})
        return {feature["id"]: feature for feature in layer.get("features", [])}

    assert features(public_tile)[hidden.id]["properties"]["precision"] == "area"
    assert hidden.id not in features(secret_tile)


def test_a_tile_stops_at_the_cap(places):
    x, y = tile_of(Point(3.72, 51.01, srid=4326), 10)
    layer = mapbox_vector_tile.decode(places_tile(z=10, x=x, y=y, cap=1))["places"]
    assert len(layer["features"]) == 1


# --- public_places_in -----------------------------------------------------------------------


def test_a_neighbourhoods_places_are_those_whose_public_point_lies_in_it(places, territory):
    assert [p.name for p in public_places_in(territory["east"])] == ["Buurthuis De Linde"]
    assert [p.name for p in public_places_in(territory["west"])] == [
        "Bibliotheek",
        "Praatgroep schulden",
    ]
    assert len(public_places_in(territory["town"])) == 3


def test_a_hidden_place_does_not_count_where_it_really_is(places, territory):
    # A small area around the real point: the hidden place is not listed there, so small
    # areas cannot narrow down where it meets.
    around = Area.objects.create(
        kind=AreaKind.SECTOR,
        code="T0001W1S9",
        name="Rond het geheim",
        parent=territory["west"],
        geometry=MultiPolygon(Polygon.from_bbox((3.704, 51.011, 3.706, 51.013)), srid=4326),
    )
    assert not around.geometry.covers(places["hidden"].public_location)
    assert list(public_places_in(around)) == []


def test_public_places_in_never_reads_the_real_point(places, territory):
    listed = list(public_places_in(territory["west"]))
    assert all("location" in place.get_deferred_fields() for place in listed)


# --- workspace_places -----------------------------------------------------------------------


def test_a_worker_chooses_from_own_places_used_places_and_shared_ones_nearby(places, territory):
    group = places["group"]
    other = OrganisationFactory()
    foreign = place_create(
        name="Lokaal van een ander",
        location=Point(3.732, 51.012, srid=4326),
        kind="other",
        organisation=other,
    )
    far_shared = place_create(
        name="Sporthal ver weg", location=Point(3.90, 51.20, srid=4326), kind="other"
    )
    used_far = place_create(
        name="Zaal ver weg", location=Point(3.95, 51.25, srid=4326), kind="other"
    )
    activity_create(
        organisation=group,
        kind="recurring",
        title="Uitstap",
        summary="Samen op stap.",
        work_models=["community"],
        place=used_far,
        schedule=ScheduleInput(
            dtstart=timezone.now() + timedelta(days=2), duration=timedelta(hours=1)
        ),
    )
    names = [place.name for place in workspace_places({group.id})]
    assert names == sorted(names)
    assert set(names) == {
        "Buurthuis De Linde",  # own
        "Praatgroep schulden",  # own, hidden
        "Bibliotheek",  # shared, within SHARED_PLACES_RADIUS_M of an own place
        "Zaal ver weg",  # already used by one of its activities
    }
    assert foreign.name not in names and far_shared.name not in names
    assert SHARED_PLACES_RADIUS_M == 2000


def test_a_worker_without_places_is_offered_no_shared_ones(places):
    assert list(workspace_places(set())) == []
    assert list(workspace_places({OrganisationFactory().id})) == []


# --- organisations_neighbourhoods -----------------------------------------------------------


def test_the_neighbourhoods_of_an_organisation_by_its_public_points(places, territory):
    group = places["group"]
    assert [a.name for a in organisations_neighbourhoods({group.id})] == ["Oost", "West"]
    assert list(organisations_neighbourhoods({OrganisationFactory().id})) == []


# --- clusters -------------------------------------------------------------------------------


def test_a_cluster_cell_is_64_pixels_and_halves_with_each_zoom():
    assert cluster_cell_m(0) == pytest.approx(2 * MERCATOR_HALF_WORLD_M / 256 * CLUSTER_CELL_PX)
    assert cluster_cell_m(13) == pytest.approx(cluster_cell_m(12) / 2)


def test_few_places_are_drawn_one_by_one(places):
    body, count, clustered = places_clusters(bbox=TOWN_BOX, zoom=14, max_points=10)
    collection = json.loads(body)
    assert (count, clustered, collection["clustered"], collection["total"]) == (3, False, False, 3)
    assert {f["properties"]["count"] for f in collection["features"]} == {1}
    assert not leaks(body if isinstance(body, str) else body.decode())


def test_many_places_are_counted_per_cell_at_public_points(places):
    body, count, clustered = places_clusters(bbox=TOWN_BOX, zoom=3, max_points=2)
    collection = json.loads(body)
    assert clustered and collection["clustered"] and collection["total"] == 3
    # At zoom 3 a cell is hundreds of kilometres: the whole town is one cell.
    assert count == 1 and collection["features"][0]["properties"] == {"count": 3}
    assert collection["cell_m"] == pytest.approx(cluster_cell_m(3))
