"""Every malformed query parameter gets a 400 naming it, never a 500: the API's, and the
HTML pages' given the same hostile values."""

import pytest

from events.models import Activity
from places.models import Organisation

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
