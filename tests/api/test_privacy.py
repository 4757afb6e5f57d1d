"""The exact point of an `area`-precision place never leaves the server: every endpoint,
every format, every filter."""

import json

import pytest
from django.contrib.gis.geos import Point

from api.hsds.ids import WORK_MODEL_TAXONOMY_ID, hsds_id, work_model_term_id
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


# --- Every route, so that a new projection cannot forget the rule -------------------------
#
# Each named route of the site is either read below as the public reads it (and then must
# not show the real point or the street address of an `area` place), or named with the
# reason it is not. A new route in neither table fails test_every_route_is_swept.


def public_reads(place: Place) -> dict[str, list[str]]:
    """Per route name, the anonymous GETs that show the hidden place (or its activity)."""
    activity = place.activities.filter(status="published").first()
    occurrence = activity.occurrences.order_by("start").first()
    area = place.area
    # Searches around the public point: the real one in a query string would be echoed back.
    lon, lat = round(place.public_location.x, 3), round(place.public_location.y, 3)
    box = f"{lon - 0.05},{lat - 0.05},{lon + 0.05},{lat + 0.05}"
    return {
        "api:api-root": ["/api/v1/"],
        "api:area-list": [f"/api/v1/areas/?kind={area.kind}"],
        "api:area-detail": [f"/api/v1/areas/{area.kind}/{area.code}/"],
        "api:place-list": [f"/api/v1/places/?bbox={box}"],
        "api:place-clusters": [
            f"/api/v1/places/clusters/?bbox={box}&zoom=14",
            f"/api/v1/places/clusters/?bbox={box}&zoom=14&max_points=1",
        ],
        "api:work-model-list": ["/api/v1/work-models/"],
        "api:work-model-detail": [
            f"/api/v1/work-models/{model.code}/" for model in activity.work_models.all()
        ],
        "api:organisation-list": ["/api/v1/organisations/?page_size=200"],
        "api:organisation-detail": [f"/api/v1/organisations/{place.organisation_id}/"],
        "api:activity-list": [
            "/api/v1/activities/?page_size=200",
            f"/api/v1/activities/?near={lon},{lat}&radius=2000",
        ],
        "api:activity-detail": [f"/api/v1/activities/{activity.id}/"],
        "api:activity-ical": [f"/api/v1/activities/{activity.id}/ical"],
        "api:occurrence-list": [
            f"/api/v1/occurrences/?page_size=200&from={occurrence.start.date()}"
            f"&to={occurrence.start.date()}",
            f"/api/v1/occurrences/?near={lon},{lat}&radius=2000&from={occurrence.start.date()}"
            f"&to={occurrence.start.date()}",
        ],
        "api:occurrence-detail": [
            f"/api/v1/occurrences/{occurrence.id}/?from={occurrence.start.date()}"
            f"&to={occurrence.start.date()}"
        ],
        "api:coverage": [f"/api/v1/coverage/?kind={area.kind}"],
        "api:feed-ical": [
            "/api/v1/feeds/ical",
            f"/api/v1/feeds/ical?area={area.code}",
            f"/api/v1/feeds/ical?near={lon},{lat}&radius=2000",
        ],
        "api:feed-atom": [
            "/api/v1/feeds/atom",
            f"/api/v1/feeds/atom?near={lon},{lat}&radius=2000",
        ],
        "hsds:root": ["/api/hsds/"],
        "hsds:services": [
            "/api/hsds/services?full=true&per_page=200",
            f"/api/hsds/services?near={lon},{lat}&proximity=2000&full=true",
        ],
        "hsds:service": [f"/api/hsds/services/{hsds_id('service', activity.pk)}"],
        "hsds:organizations": ["/api/hsds/organizations?full_service=true&per_page=200"],
        "hsds:organization": [
            f"/api/hsds/organizations/{hsds_id('organization', place.organisation_id)}"
            "?full_service=true"
        ],
        "hsds:locations": ["/api/hsds/locations?per_page=200"],
        "hsds:location": [f"/api/hsds/locations/{hsds_id('location', place.pk)}"],
        "hsds:service-at-locations": ["/api/hsds/service_at_locations?per_page=200"],
        "hsds:service-at-location": [
            f"/api/hsds/service_at_locations/{hsds_id('service_at_location', activity.pk)}"
        ],
        "hsds:taxonomies": ["/api/hsds/taxonomies"],
        "hsds:taxonomy": [f"/api/hsds/taxonomies/{WORK_MODEL_TAXONOMY_ID}"],
        "hsds:taxonomy-terms": ["/api/hsds/taxonomy_terms"],
        "hsds:taxonomy-term": [
            f"/api/hsds/taxonomy_terms/{work_model_term_id(model.code)}"
            for model in activity.work_models.all()
        ],
        "frontend:home": ["/", f"/?near={lon},{lat}", "/fr/", "/en/"],
        "frontend:activity": [f"/activiteit/{activity.id}/", f"/en/activiteit/{activity.id}/"],
        "frontend:neighbourhood": [f"/buurt/{area.code}/"],
        "frontend:poster": [f"/buurt/{area.code}/affiche/"],
        "frontend:embed-neighbourhood": [f"/insluiten/buurt/{area.code}/"],
        "frontend:embed-organisation": [f"/insluiten/organisatie/{place.organisation_id}/"],
    }


NOT_PUBLIC_READS = {
    "healthz": "the health check: no data",
    "service-worker": "the service worker's script: no data",
    "frontend:manifest": "the web app manifest: the site's name and icons, no data",
    "frontend:privacy": "the privacy page: fixed text",
    "frontend:subscribe": "the sign-up form: fixed text, and a POST",
    "frontend:subscription-confirm": "behind a subscriber's token; about mail, not places",
    "frontend:subscription-unsubscribe": "behind a subscriber's token; about mail, not places",
    "frontend:subscription-change": "behind a subscriber's token; about mail, not places",
    "favicon": "an icon: no data",
    "short-link": "a redirect to the activity page, which is swept",
    "set_language": "a POST that sets a cookie and redirects",
    "language-switch": "a link that sets the language cookie and redirects",
    "login": "the login form",
    "logout": "a POST that logs out",
    "password_change": "account forms, behind a login",
    "password_change_done": "account forms, behind a login",
    "password_reset": "account forms",
    "password_reset_done": "account forms",
    "password_reset_confirm": "account forms",
    "password_reset_complete": "account forms",
    "schema": "the OpenAPI document: no data",
    "api-docs": "Swagger UI: no data",
    "tile": "binary vector tiles: tests/api/test_tiles.py reads the public point in them",
    "frontend:poster-pdf": "the poster page above printed to PDF (compressed, same template)",
    "api:sensitivity": "community workers only, and about areas, not places",
    "frontend:worker-map": "community workers only",
    "frontend:worker-area": "community workers only",
    "frontend:coverage-index": "policymakers only (figures per area)",
    "frontend:coverage": "policymakers only (figures per area)",
    "frontend:coverage-export": "policymakers only (figures per area)",
}


def route_names() -> set[str]:
    from django.urls import URLResolver, get_resolver

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name:
                yield namespace, pattern.name

    return {
        f"{namespace}:{name}".lstrip(":") for namespace, name in walk(get_resolver().url_patterns)
    }


def test_every_route_is_swept(hidden):
    swept = set(public_reads(hidden))
    behind_a_login = {name for name in route_names() if name.startswith("frontend:workspace")}
    assert not swept & set(NOT_PUBLIC_READS)
    missing = route_names() - swept - set(NOT_PUBLIC_READS) - behind_a_login
    assert not missing, (
        f"New routes {sorted(missing)}: add them to public_reads (what the public reads there) "
        "or to NOT_PUBLIC_READS (why the public reads nothing of a place there)."
    )
    assert not (swept | set(NOT_PUBLIC_READS)) - route_names(), "a route was renamed"


def test_no_public_route_reveals_the_real_point_or_the_address(api, hidden):
    for name, urls in public_reads(hidden).items():
        assert urls, name
        for url in urls:
            response = api.get(url)
            assert response.status_code == 200, (name, url, response.content[:300])
            text = response.content.decode()
            for form in digits(hidden.location.x) | digits(hidden.location.y):
                assert form not in text, f"{url}: real point leaked ({form})"
            assert hidden.address not in text, f"{url}: street address leaked"


def test_the_workspace_is_behind_a_login(api, hidden):
    # Its pages show a worker the address of their own hidden places; anonymous readers
    # are sent to the login form.
    response = api.get("/werkruimte/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
