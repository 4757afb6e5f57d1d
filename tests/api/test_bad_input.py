"""Every malformed request gets a 400 naming the parameter or field, never a 500."""

import pytest

from events.models import Activity
from places.models import Organisation, Place

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/places/?bbox=1,2,3", "bbox"),
        ("/api/v1/places/?bbox=4,51,3,50", "bbox"),
        ("/api/v1/places/?bbox=-181,0,0,1", "bbox"),
        ("/api/v1/places/?bbox=0,-91,1,1", "bbox"),
        ("/api/v1/places/?bbox=a,b,c,d", "bbox"),
        ("/api/v1/places/?bbox=nan,0,1,1", "bbox"),
        ("/api/v1/places/", "bbox"),
        ("/api/v1/activities/?near=3.7,91", "near"),
        ("/api/v1/activities/?near=here", "near"),
        ("/api/v1/activities/?near=3.7,51&radius=-5", "radius"),
        ("/api/v1/activities/?near=3.7,51&radius=1000000000", "radius"),
        ("/api/v1/activities/?near=3.7,51&radius=far", "radius"),
        ("/api/v1/activities/?radius=100", "radius"),
        ("/api/v1/activities/?from=2026-12-10&to=2026-12-01", "from"),
        ("/api/v1/activities/?from=tomorrow", "from"),
        ("/api/v1/occurrences/?to=2026-13-40", "to"),
        ("/api/v1/occurrences/?to=0001-01-02", "to"),
        ("/api/v1/occurrences/?from=9999-12-31", "from"),
        ("/api/v1/activities/?from=9999-12-31&to=9999-12-31", "from"),
        ("/api/v1/occurrences/?from=2026-01-01&to=2028-01-01", "to"),
        ("/api/v1/activities/?work_model=charity", "work_model"),
        ("/api/v1/occurrences/?work_model=peer&work_model=nope", "work_model"),
        ("/api/v1/activities/?page=-1", "page"),
        ("/api/v1/activities/?page=0", "page"),
        ("/api/v1/activities/?page=999", "page"),
        ("/api/v1/activities/?page_size=100000", "page_size"),
        ("/api/v1/activities/?page_size=0", "page_size"),
        ("/api/v1/activities/?free=maybe", "free"),
        ("/api/v1/activities/?language=dutch", "language"),
        ("/api/v1/activities/?audience=aliens", "audience"),
        ("/api/v1/activities/?area=NOPE", "area"),
        ("/api/v1/activities/?q=" + "x" * 300, "q"),
        ("/api/v1/activities/?q=abc%00def", "q"),
        ("/api/v1/areas/", "kind"),
        ("/api/v1/areas/?kind=galaxy", "kind"),
        ("/api/v1/areas/?kind=district&simplify=-1", "simplify"),
        ("/api/v1/work-models/?lang=xx", "lang"),
        ("/api/v1/feeds/ical?work_model=nope", "work_model"),
    ],
)
def test_bad_query_parameters(api, url, field):
    response = api.get(url)
    assert response.status_code == 400, (url, response.status_code, response.content[:300])
    assert field in response.json(), response.json()


def test_non_utf8_bytes_and_sql_meta_characters_are_harmless(api):
    assert api.get("/api/v1/activities/?q=%FF%FE%27%22%3B--").status_code in (200, 400)
    response = api.get("/api/v1/activities/?q=' OR 1=1; DROP TABLE events_activity; --")
    assert response.status_code == 200 and Activity.objects.exists()
    assert api.get("/api/v1/activities/?q=%22unterminated & | ! (").status_code == 200


@pytest.fixture
def poster(api, worker_of):
    organisation = Organisation.objects.filter(verified=True).first()
    return worker_of(organisation), organisation


def minimal(organisation, **overrides) -> dict:
    body = {
        "title": "Praatgroep",
        "summary": "Samen praten.",
        "kind": "peer_group",
        "work_models": ["peer"],
        "organisation": organisation.id,
        "place": organisation.places.first().id
        if organisation.places.exists()
        else Place.objects.first().id,
        "schedule": {
            "dtstart": "2026-12-01T19:00:00+01:00",
            "duration_minutes": 120,
            "rrule": "FREQ=WEEKLY;BYDAY=TU",
        },
    }
    body.update(overrides)
    return body


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "x" * 1_000_000}, "title"),
        ({"title": ""}, "title"),
        ({"work_models": ["charity"]}, "work_models"),
        ({"work_models": []}, "work_models"),
        ({"kind": "party"}, "kind"),
        (
            {
                "schedule": {
                    "dtstart": "2026-12-01T19:00:00+01:00",
                    "duration_minutes": 60,
                    "rrule": "FREQ=SOMETIMES",
                }
            },
            "rrule",
        ),
        (
            {"schedule": {"dtstart": "2026-12-01T19:00:00+01:00", "duration_minutes": -30}},
            "schedule",
        ),
        ({"schedule": {"dtstart": "not a date", "duration_minutes": 60}}, "schedule"),
        ({"place": None}, "place"),
        ({"place": 999999}, "place"),
        ({"service_areas": ["NOPE"], "place": None}, "service_areas"),
        ({"languages": ["xx"]}, "languages"),
        ({"cost": "paid"}, "cost_amount"),
        ({"contact_email": "not-an-email"}, "contact_email"),
    ],
)
def test_bad_activity_bodies(poster, overrides, field):
    client, organisation = poster
    response = client.post("/api/v1/activities/", minimal(organisation, **overrides), format="json")
    assert response.status_code == 400, response.content[:500]
    assert field in str(response.json()), response.json()


@pytest.mark.parametrize(
    ("location", "field"),
    [
        ({"type": "Polygon", "coordinates": [[[3, 50], [4, 50], [4, 51], [3, 50]]]}, "location"),
        ({"type": "Point", "coordinates": [3.98]}, "location"),
        ({"type": "Point", "coordinates": [200, 50]}, "location"),
        ({"type": "Point", "coordinates": ["3.9", "50"]}, "location"),
        (
            {
                "type": "Point",
                "coordinates": [3.98, 50.95],
                "crs": {"type": "name", "properties": {"name": "+proj=longlat +datum=WGS84"}},
            },
            "location",
        ),
        ("POINT(3.98 50.95)", "location"),
        (
            {
                "type": "Point",
                "coordinates": [1e10, 1e10],
                "crs": {"type": "name", "properties": {"name": "EPSG:3857"}},
            },
            "location",
        ),
    ],
)
def test_places_must_be_geojson_points(poster, location, field):
    client, organisation = poster
    response = client.post(
        "/api/v1/places/",
        {
            "name": "Plek",
            "kind": "other",
            "organisation": organisation.id,
            "location": location,
        },
        format="json",
    )
    assert response.status_code == 400 and field in response.json()


def test_lambert_72_points_are_accepted_by_epsg_code(poster):
    client, organisation = poster
    response = client.post(
        "/api/v1/places/",
        {
            "name": "Plek in Lambert",
            "kind": "other",
            "organisation": organisation.id,
            "location": {
                "type": "Point",
                "coordinates": [104000, 194000],
                "crs": {"type": "name", "properties": {"name": "EPSG:31370"}},
            },
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    lon, lat = response.json()["location"]["coordinates"]
    assert 3.6 < lon < 3.8 and 51.0 < lat < 51.1


def test_non_utf8_and_non_json_bodies(poster):
    client, _ = poster
    response = client.generic(
        "POST", "/api/v1/activities/", b"\xff\xfe\x00garbage", content_type="application/json"
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/areas/municipality/%00/",
        "/api/v1/work-models/%00/",
        "/api/v1/activities/?page=%C2%B2",
        "/api/v1/activities/?page_size=%C2%B2",
    ],
)
def test_control_characters_and_odd_digits_are_not_server_errors(api, url):
    assert api.get(url).status_code in (400, 404)


def test_rules_that_would_flood_the_calendar_are_a_400(poster):
    client, organisation = poster
    for rule in (
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=DAILY;BYHOUR=4,5,6,7",
        "FREQ=WEEKLY;UNTIL=2027-01-01",
    ):
        body = minimal(
            organisation,
            schedule={
                "dtstart": "2026-12-01T19:00:00+01:00",
                "duration_minutes": 60,
                "rrule": rule,
            },
        )
        response = client.post("/api/v1/activities/", body, format="json")
        assert response.status_code == 400 and "rrule" in str(response.json())
    far = minimal(
        organisation, schedule={"dtstart": "9999-12-01T19:00:00+01:00", "duration_minutes": 60}
    )
    assert client.post("/api/v1/activities/", far, format="json").status_code == 400


def test_a_patch_with_part_of_a_schedule_is_a_400(poster):
    client, organisation = poster
    created = client.post("/api/v1/activities/", minimal(organisation), format="json").json()
    for partial in ({"rrule": "FREQ=DAILY"}, {"exdates": []}, {}):
        response = client.patch(
            f"/api/v1/activities/{created['id']}/", {"schedule": partial}, format="json"
        )
        assert response.status_code == 400 and "schedule" in response.json()


def test_another_organisations_hidden_place_cannot_be_used(poster):
    client, organisation = poster
    hidden = Place.objects.filter(precision="area").exclude(organisation=organisation).first()
    response = client.post(
        "/api/v1/activities/", minimal(organisation, place=hidden.id), format="json"
    )
    assert response.status_code == 400 and "place" in response.json()
