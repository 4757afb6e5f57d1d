"""Every malformed request body gets a 400 naming the field, never a 500: activities and
their schedules, GeoJSON places, JSON that is not JSON or nested too deep, form fields."""

import json
from datetime import datetime

import pytest

from places.models import Organisation, Place

pytestmark = pytest.mark.django_db


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


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    "body",
    [
        nested(1000),
        '{"title": ' + nested(1000) + "}",
        '{"schedule": ' + '{"a": ' * 1000 + "1" + "}" * 1000 + "}",
        '{"title": ' + nested(200) + "}",
    ],
)
def test_json_nested_too_deep_is_a_400_saying_so(poster, body):
    client, _ = poster
    response = client.generic("POST", "/api/v1/activities/", body, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert "nested" in response.json()["detail"], response.json()


def test_a_nul_byte_in_a_form_field_is_a_400_not_a_server_error(demo):
    from django.test import Client

    from tests.factories import UserFactory

    organisation = Organisation.objects.filter(verified=True).first()
    worker = UserFactory()
    from places.services import membership_add

    membership_add(organisation=organisation, user=worker)
    client = Client(raise_request_exception=False)
    client.force_login(worker)
    response = client.post(
        "/werkruimte/agenda/",
        {
            "organisation": organisation.pk,
            "name": "Agenda",
            "url": "https://example.org/a.ics",
            "place": Place.objects.filter(organisation=organisation).first().pk,
            "work_models": ["peer\x00"],
        },
    )
    assert response.status_code == 400 and "work_models" in response.content.decode()


def test_a_rule_that_never_matches_is_a_400_naming_schedule_rrule_after_a_bounded_search(poster):
    # Counted, not timed: every walk of the date search stays within the search span and
    # dateutil's own iteration (which walks to year 9999 for this rule) is never started;
    # tests/events/recurrence/test_search.py covers the search itself on random rules.
    from events.recurrence.rules import local_naive, search_end
    from tests.events.recurrence.work import counted_walks, walk_budget

    client, organisation = poster
    dtstart = datetime.fromisoformat("2026-12-01T19:00:00+01:00")
    body = minimal(
        organisation,
        schedule={
            "dtstart": dtstart.isoformat(),
            "duration_minutes": 60,
            "rrule": "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        },
    )
    with counted_walks(walk_budget(search_end(dtstart) - local_naive(dtstart))) as work:
        response = client.post("/api/v1/activities/", body, format="json")
    assert response.status_code == 400, response.content[:300]
    assert "rrule" in str(response.json()), response.json()
    assert work.walks, "the rule was refused without being searched"
    work.assert_bounded()


@pytest.mark.parametrize(
    ("crs", "coordinates", "accepted"),
    [
        ("EPSG:31370", [104000, 194000], True),  # Gent in Lambert 72
        ("EPSG:31370", [-9_000_000, 4_000_000], False),  # was stored at (-143.86, 2.78)
        ("EPSG:31370", [900_000, 194000], False),  # in Germany: Lambert 72 is Belgium's
        ("EPSG:3812", [604000, 694000], True),  # Gent in Lambert 2008
        ("EPSG:3812", [604000, 2_694_000], False),
        ("EPSG:3857", [414000, 6_630_000], True),
        ("EPSG:3857", [414000, 30_000_000], False),
        ("EPSG:4326", [3.72, 51.05], True),
        ("EPSG:4326", [3.72, 91], False),
    ],
)
def test_points_outside_their_references_area_of_use_are_a_400(poster, crs, coordinates, accepted):
    client, organisation = poster
    response = client.post(
        "/api/v1/places/",
        {
            "name": f"Plek {crs} {coordinates}",
            "kind": "other",
            "organisation": organisation.id,
            "location": {
                "type": "Point",
                "coordinates": coordinates,
                "crs": {"type": "name", "properties": {"name": crs}},
            },
        },
        format="json",
    )
    if accepted:
        assert response.status_code == 201, response.content
        lon, lat = response.json()["location"]["coordinates"]
        assert 2.5 < lon < 6.4 and 49.5 < lat < 51.6
    else:
        assert response.status_code == 400, response.content
        assert list(response.json()) == ["location"]


@pytest.mark.parametrize(
    ("language", "words"),
    [("nl", "groter dan"), ("fr", "plus grand que"), ("en", "larger than")],
)
@pytest.mark.parametrize("content_type", ["application/json", "application/x-www-form-urlencoded"])
def test_a_body_over_the_limit_is_a_json_413_in_the_requests_language(
    poster, settings, language, words, content_type
):
    client, _ = poster
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = (
        json.dumps({"title": "x" * 20_000})
        if content_type == "application/json"
        else "a=" + "x" * 20_000
    )
    response = client.generic(
        "POST",
        "/api/v1/activities/",
        body,
        content_type=content_type,
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert words in response.json()["detail"]
