"""The exact point of an `area`-precision place never leaves the server: every endpoint,
every format, every filter."""

import json

import pytest
from django.contrib.gis.geos import Point

from places.models import Place, Precision

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(api) -> Place:
    place = Place.objects.filter(precision=Precision.AREA).select_related("area").first()
    assert place is not None and place.activities.exists()
    return place


def digits(value: float) -> set[str]:
    # The real coordinate to about 1 m, rounded or cut, as any JSON or iCal writer prints it.
    whole, _, fraction = f"{value:.10f}".partition(".")
    return {f"{value:.5f}", f"{whole}.{fraction[:5]}"}


def assert_no_secret(text: str, place: Place) -> None:
    for form in digits(place.location.x) | digits(place.location.y):
        assert form not in text, f"real point leaked ({form})"
    assert place.address not in text, "street address leaked"


def test_no_endpoint_or_format_reveals_the_real_point(api, hidden):
    activity = hidden.activities.first()
    area_code = hidden.area.code
    urls = [
        "/api/v1/places/?bbox=3.8,50.8,4.2,51.1",
        "/api/v1/activities/?page_size=200",
        f"/api/v1/activities/{activity.id}/",
        f"/api/v1/activities/?area={area_code}",
        f"/api/v1/activities/?near={hidden.location.x},{hidden.location.y}&radius=50000",
        "/api/v1/occurrences/?page_size=200",
        f"/api/v1/occurrences/?near={hidden.location.x},{hidden.location.y}&radius=50000",
        f"/api/v1/activities/{activity.id}/ical",
        f"/api/v1/feeds/ical?area={area_code}",
        f"/activiteit/{activity.id}/",
        "/",
    ]
    for url in urls:
        response = api.get(url)
        assert response.status_code == 200, url
        assert_no_secret(response.content.decode(), hidden)


def test_the_public_point_is_the_areas_point_on_surface(api, hidden):
    body = api.get("/api/v1/places/?bbox=3.8,50.8,4.2,51.1").json()
    feature = next(f for f in body["features"] if f["id"] == hidden.id)
    assert feature["properties"]["precision"] == "area"
    expected = hidden.area.geometry.point_on_surface
    assert feature["geometry"]["coordinates"] == pytest.approx(list(expected.coords), abs=1e-6)


def test_near_distances_are_measured_to_the_public_point(api, hidden):
    # Standing on the real point: the reported distance is to the stand-in, not zero, so
    # repeated queries cannot triangulate the hidden place.
    lon, lat = hidden.location.x, hidden.location.y
    body = api.get(f"/api/v1/activities/?near={lon},{lat}&radius=50000&page_size=200").json()
    mine = [a for a in body["results"] if a["place"] and a["place"]["id"] == hidden.id]
    assert mine
    public = hidden.public_location
    expected = (
        Point(lon, lat, srid=4326)
        .transform(31370, clone=True)
        .distance(public.transform(31370, clone=True))
    )
    assert expected > 50
    for activity in mine:
        assert activity["distance_m"] == pytest.approx(expected, rel=0.01)
    # A radius just around the real point finds nothing when the stand-in is further away.
    tight = api.get(f"/api/v1/activities/?near={lon},{lat}&radius=10").json()["results"]
    assert hidden.id not in [a["place"]["id"] for a in tight if a["place"]]


def test_creating_an_area_place_returns_only_the_public_point(api, worker_of):
    organisation = Place.objects.filter(organisation__isnull=False).first().organisation
    client = worker_of(organisation)
    secret = Point(3.9744, 50.9521, srid=4326)
    response = client.post(
        "/api/v1/places/",
        {
            "name": "Praatgroep schulden",
            "kind": "other",
            "precision": "area",
            "organisation": organisation.id,
            "address": "Verborgenstraat 3",
            "location": json.loads(secret.geojson),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.content.decode()
    assert response.json()["area"]["kind"] == "neighbourhood"
    assert not any(form in body for form in digits(secret.x) | digits(secret.y))
    assert "Verborgenstraat" not in body
