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


def test_a_nul_byte_in_a_query_parameter_of_the_api_is_a_400_naming_it(api):
    for url, field in (
        ("/api/v1/activities/?area=%00", "area"),
        ("/api/v1/places/?bbox=3,50,4,51%00", "bbox"),
        ("/api/v1/occurrences/?work_model=peer%00", "work_model"),
        ("/api/v1/areas/?kind=%00district", "kind"),
    ):
        response = api.get(url)
        assert response.status_code == 400, (url, response.status_code)
        assert field in response.json(), response.json()


# --- The HTML pages: their parameters get the same hostile values as the API's. -------------

HOSTILE = ["%00", "peer%00", "%FF%FE", "x" * 3000, "-1", "9" * 40, "%C2%B2", "1e309", "'%22;--"]


@pytest.fixture
def pages(demo, db):
    """A page of each kind with its parameters, and a client that may see it."""
    from django.test import Client

    from buurt.models import Area, AreaKind
    from places.services import membership_add
    from tests.factories import UserFactory

    area = Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD).first()
    municipality = Area.objects.filter(kind=AreaKind.MUNICIPALITY).first()
    organisation = Organisation.objects.filter(verified=True).first()
    activity = Activity.objects.filter(status="published").first()
    policymaker = UserFactory()
    membership_add(organisation=organisation, user=policymaker, role="policymaker")
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(policymaker)
    anonymous = Client(raise_request_exception=False)
    home_params = [
        "work_model",
        "when",
        "from_date",
        "to_date",
        "area",
        "near",
        "radius",
        "audience",
        "language",
        "free",
        "wheelchair",
        "page",
    ]
    dashboard_params = ["level", "model", "date", "table"]
    return {
        "home": (anonymous, "/", home_params),
        "home_fr": (anonymous, "/fr/", ["work_model", "near", "page"]),
        "neighbourhood": (anonymous, f"/buurt/{area.code}/", ["model", "page"]),
        "poster": (anonymous, f"/buurt/{area.code}/affiche/", ["model"]),
        "poster_pdf": (anonymous, f"/buurt/{area.code}/affiche.pdf", ["model"]),
        "embed_area": (anonymous, f"/insluiten/buurt/{area.code}/", ["model"]),
        "embed_organisation": (anonymous, f"/insluiten/organisatie/{organisation.pk}/", ["page"]),
        "activity": (anonymous, f"/activiteit/{activity.pk}/", ["page"]),
        "dashboard": (signed_in, f"/beleid/dekking/{municipality.code}/", dashboard_params),
        "dashboard_csv": (
            signed_in,
            f"/beleid/dekking/{municipality.code}/dekking.csv",
            [*dashboard_params, "separator"],
        ),
        "dashboard_pdf": (signed_in, f"/beleid/dekking/{municipality.code}/dekking.pdf", ["level"]),
        "worker_map": (signed_in, "/werkers/kaart/", ["kind"]),
    }


@pytest.mark.parametrize(
    "page",
    [
        "home",
        "home_fr",
        "neighbourhood",
        "poster",
        "poster_pdf",
        "embed_area",
        "embed_organisation",
        "activity",
        "dashboard",
        "dashboard_csv",
        "dashboard_pdf",
        "worker_map",
    ],
)
def test_page_parameters_never_give_a_server_error(pages, page):
    client, path, parameters = pages[page]
    for parameter in parameters:
        for value in HOSTILE:
            response = client.get(f"{path}?{parameter}={value}")
            assert response.status_code < 500, (path, parameter, value[:20], response.status_code)
            if "%00" in value:
                assert response.status_code == 400, (path, parameter, value)
                assert parameter in response.content.decode(errors="replace")


def test_the_poster_with_a_nul_byte_for_its_model_is_a_400(pages):
    client, path, _ = pages["poster"]
    response = client.get(path + "?model=%00")
    assert response.status_code == 400 and "model" in response.content.decode()


def test_a_nul_byte_in_a_form_field_is_a_400_not_a_server_error(pages, worker_of):
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


def test_a_rule_that_never_matches_is_a_400_naming_schedule_rrule_at_once(poster):
    import time

    client, organisation = poster
    body = minimal(
        organisation,
        schedule={
            "dtstart": "2026-12-01T19:00:00+01:00",
            "duration_minutes": 60,
            "rrule": "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        },
    )
    began = time.monotonic()
    response = client.post("/api/v1/activities/", body, format="json")
    assert time.monotonic() - began < 1.0
    assert response.status_code == 400, response.content[:300]
    assert "rrule" in str(response.json()), response.json()
