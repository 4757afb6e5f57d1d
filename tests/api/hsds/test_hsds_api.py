"""The HSDS 3.0 API against the official schema files, on the demo (its programme without a
venue and its place shown by its neighbourhood only included), over real PostGIS."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from api.hsds.ids import WORK_MODEL_TAXONOMY_ID, hsds_id, key_of, work_model_term_id
from events.models import Activity, Status, WorkModel
from places.models import Organisation, Place, Precision

from .schemas import errors, page_validator

pytestmark = pytest.mark.django_db

# Every list, with the schema of its items (plain, and with `full`).
LISTS = [
    ("services", "compiled/service_list.json"),
    ("services?full=true", "service.json"),
    ("organizations", "compiled/organization_list.json"),
    ("organizations?full=true", "organization.json"),
    ("organizations?full_service=true", "organization.json"),
    ("locations", "location.json"),
    ("service_at_locations", "compiled/service_at_location_list.json"),
    ("taxonomies", "taxonomy.json"),
    ("taxonomy_terms", "taxonomy_term.json"),
]


def _get(api, path: str, **headers):
    return api.get(f"/api/hsds/{path}", **headers)


def _page(api, path: str) -> dict:
    separator = "&" if "?" in path else "?"
    response = _get(api, f"{path}{separator}per_page=200")
    assert response.status_code == 200, response.content
    return response.json()


def _all_errors(schema: str, documents: list[dict]) -> list[str]:
    return [
        f"{document.get('id')}: {line}"
        for document in documents
        for line in errors(schema, document)
    ]


@pytest.mark.parametrize(("path", "schema"), LISTS)
def test_every_list_is_a_valid_page_of_valid_objects(api, path, schema):
    page = _page(api, path)
    assert list(page_validator().iter_errors(page)) == []
    assert page["contents"], "the demo publishes something on every list"
    assert _all_errors(schema, page["contents"]) == []


@pytest.mark.parametrize(
    ("list_path", "detail", "schema"),
    [
        ("services", "services", "service.json"),
        ("organizations", "organizations", "organization.json"),
        ("locations", "locations", "location.json"),
        ("service_at_locations", "service_at_locations", "service_at_location.json"),
        ("taxonomies", "taxonomies", "taxonomy.json"),
        ("taxonomy_terms", "taxonomy_terms", "taxonomy_term.json"),
    ],
)
def test_every_object_by_id_is_valid(api, list_path, detail, schema):
    ids = [item["id"] for item in _page(api, list_path)["contents"]]
    found = []
    for object_id in ids:
        response = _get(api, f"{detail}/{object_id}")
        assert response.status_code == 200, (object_id, response.content)
        found.append(response.json())
    assert [one["id"] for one in found] == ids
    assert _all_errors(schema, found) == []


def test_the_root_says_the_version_and_where_the_description_is(api):
    body = _get(api, "").json()
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/api/schema/")
    schema = api.get("/api/schema/?format=json").json()
    assert "/api/hsds/services" in schema["paths"]


def test_the_programme_without_a_venue_is_a_service_with_areas_and_no_location(api):
    programme = Activity.objects.get(place__isnull=True, status=Status.PUBLISHED)
    service = _get(api, f"services/{hsds_id('service', programme.pk)}").json()
    assert "service_at_locations" not in service
    areas = {area.name: area for area in programme.service_areas.all()}
    assert {area["name"] for area in service["service_areas"]} == set(areas)
    for published in service["service_areas"]:
        extent = json.loads(published["extent"])
        assert published["extent_type"] == "geojson"
        assert extent["type"] in ("Polygon", "MultiPolygon")
    assert errors("service.json", service) == []


def test_a_place_shown_by_its_area_has_no_address_and_only_the_areas_point(api):
    hidden = Place.objects.filter(precision=Precision.AREA).first()
    assert hidden is not None and hidden.address  # the demo's: it has a real address
    location = _get(api, f"locations/{hsds_id('location', hidden.pk)}").json()
    assert "addresses" not in location
    assert (location["longitude"], location["latitude"]) == pytest.approx(
        (hidden.public_location.x, hidden.public_location.y), abs=1e-6
    )
    assert (location["longitude"], location["latitude"]) != pytest.approx(
        (hidden.location.x, hidden.location.y), abs=1e-5
    )
    # Not through any other door either: its services, the lists, NDJSON.
    street = hidden.address.split(",")[0]
    for path in ("services?full=true", "service_at_locations", "locations"):
        assert (
            street
            not in _get(api, f"{path}&per_page=200" if "?" in path else path).content.decode()
        )
    assert street not in b"".join(_get(api, "locations?format=ndjson").streaming_content).decode()


def test_a_place_with_an_address_has_its_parts_and_province(api):
    place = Place.objects.filter(
        precision=Precision.EXACT, activities__status=Status.PUBLISHED
    ).first()
    location = _get(api, f"locations/{hsds_id('location', place.pk)}").json()
    (address,) = location["addresses"]
    assert f"{address['address_1']}, {address['postal_code']} {address['city']}" == place.address
    assert address["country"] == "BE"
    assert address["state_province"] == "Oost-Vlaanderen"  # 9999: bpost's 9000-9999 range


def test_drafts_and_their_organisations_are_not_published(api):
    draft = Activity.objects.filter(status=Status.PUBLISHED).first()
    Activity.objects.filter(organisation=draft.organisation).update(status=Status.DRAFT)
    ids = {item["id"] for item in _page(api, "services")["contents"]}
    assert hsds_id("service", draft.pk) not in ids
    assert _get(api, f"services/{hsds_id('service', draft.pk)}").status_code == 404
    organisations = {item["id"] for item in _page(api, "organizations")["contents"]}
    assert hsds_id("organization", draft.organisation_id) not in organisations


def test_work_models_are_the_taxonomy_linked_from_each_service(api):
    terms = _page(api, "taxonomy_terms")["contents"]
    assert {term["code"] for term in terms} == set(WorkModel.objects.values_list("code", flat=True))
    assert {term["taxonomy_id"] for term in terms} == {WORK_MODEL_TAXONOMY_ID}
    activity = Activity.objects.filter(status=Status.PUBLISHED).first()
    service = _get(api, f"services/{hsds_id('service', activity.pk)}").json()
    linked = {attribute["taxonomy_term"]["code"] for attribute in service["attributes"]}
    assert linked == set(activity.work_models.values_list("code", flat=True))
    assert {attribute["link_entity"] for attribute in service["attributes"]} == {"service"}


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_taxonomy_terms_speak_the_requested_language(api, language):
    terms = _page(api, f"taxonomy_terms?lang={language}")["contents"]
    buddy = next(term for term in terms if term["code"] == "buddy")
    model = WorkModel.objects.get(code="buddy")
    assert buddy["name"] == getattr(model, f"name_{language}")
    assert buddy["description"] == getattr(model, f"description_{language}")
    assert buddy["language"] == language
    other = _get(api, "taxonomy_terms", HTTP_ACCEPT_LANGUAGE=language).json()["contents"]
    assert {term["language"] for term in other} == {language}
    taxonomy = _get(api, f"taxonomies/{WORK_MODEL_TAXONOMY_ID}?lang={language}").json()
    if language != "en":
        assert taxonomy["name"] != "Buurtwijzer work models", "the taxonomy name is translated"


def _service_ids(api, query: str) -> set[int]:
    page = _page(api, f"services?{query}")
    return {key_of("service", item["id"]) for item in page["contents"]}


def test_filters_narrow_and_combine(api):
    published = set(Activity.objects.filter(status=Status.PUBLISHED).values_list("pk", flat=True))
    assert _service_ids(api, "") == published
    buddy = set(
        Activity.objects.filter(status=Status.PUBLISHED, work_models__code="buddy").values_list(
            "pk", flat=True
        )
    )
    assert buddy and buddy != published
    assert _service_ids(api, "taxonomy_term_id=buddy") == buddy
    assert _service_ids(api, f"taxonomy_term_id={work_model_term_id('buddy')}") == buddy
    organisation = Organisation.objects.filter(activities__work_models__code="buddy").first()
    of_organisation = set(
        Activity.objects.filter(status=Status.PUBLISHED, organisation=organisation).values_list(
            "pk", flat=True
        )
    )
    organisation_id = hsds_id("organization", organisation.pk)
    assert _service_ids(api, f"organization_id={organisation_id}") == of_organisation
    # Cumulative: both at once is the intersection.
    assert (
        _service_ids(api, f"organization_id={organisation_id}&taxonomy_term_id=buddy")
        == of_organisation & buddy
    )
    assert _service_ids(api, f"taxonomy_id={WORK_MODEL_TAXONOMY_ID}") == published
    # Ids of other kinds or other systems match nothing (and are no error).
    assert _service_ids(api, f"organization_id={hsds_id('service', organisation.pk)}") == set()
    assert _service_ids(api, "taxonomy_id=00000000-0000-4000-8000-000000000000") == set()


def test_modified_after(api):
    activity = Activity.objects.filter(status=Status.PUBLISHED).first()
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    Activity.objects.update(updated_at=long_ago)
    Activity.objects.filter(pk=activity.pk).update(updated_at=long_ago + timedelta(days=400))
    assert _service_ids(api, "modified_after=2021-01-01T00:00:00Z") == {activity.pk}
    assert len(_service_ids(api, "modified_after=2019-12-31T00:00:00Z")) > 1


def test_search_finds_by_words(api):
    activity = Activity.objects.filter(status=Status.PUBLISHED, title__icontains="taalcaf").first()
    assert activity.pk in _service_ids(api, "search=taalcafé")
    assert _service_ids(api, "search=zzqqxxnotaword") == set()


def test_proximity_from_a_point_and_from_a_postcode(api):
    place = Place.objects.filter(
        precision=Precision.EXACT, activities__status=Status.PUBLISHED
    ).first()
    lon, lat = place.public_location.x, place.public_location.y
    near = _service_ids(api, f"near={lon},{lat}&proximity=50")
    assert (
        set(place.activities.filter(status=Status.PUBLISHED).values_list("pk", flat=True)) <= near
    )
    assert near < _service_ids(api, f"near={lon},{lat}&proximity=50000")
    at_postcode = _service_ids(api, "postcode=9999")
    assert at_postcode and all(
        Activity.objects.get(pk=pk).place.precision == Precision.EXACT for pk in at_postcode
    )
    assert _service_ids(api, "postcode=1000") == set()
    assert _service_ids(api, "postcode=9999&proximity=50000") >= at_postcode


def test_pages_count_and_stop(api):
    total = Activity.objects.filter(status=Status.PUBLISHED).count()
    first = _get(api, "services?per_page=10").json()
    assert (first["total_items"], first["total_pages"], first["size"]) == (
        total,
        -(-total // 10),
        10,
    )
    assert first["first_page"] and not first["last_page"]
    last = _get(api, f"services?per_page=10&page={first['total_pages']}").json()
    assert last["last_page"] and last["size"] == total - 10 * (first["total_pages"] - 1)
    beyond = _get(api, f"services?per_page=10&page={first['total_pages'] + 1}").json()
    assert beyond["empty"] and beyond["contents"] == []
    ids = set()
    for page in range(1, first["total_pages"] + 1):
        ids |= {
            item["id"] for item in _get(api, f"services?per_page=10&page={page}").json()["contents"]
        }
    assert len(ids) == total


def test_ndjson_streams_every_result_valid(api):
    response = _get(api, "services?format=ndjson&full=true")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson"
    lines = b"".join(response.streaming_content).decode().splitlines()
    documents = [json.loads(line) for line in lines]
    assert len(documents) == Activity.objects.filter(status=Status.PUBLISHED).count()
    assert _all_errors("service.json", documents) == []
    minimal = _get(api, "services?minimal=true").json()["contents"]
    assert all(set(item) == {"id", "last_modified"} for item in minimal)


def test_bad_parameters_are_one_400_naming_each(api):
    response = _get(
        api,
        "services?page=0&per_page=1000&taxonomy_term_id=nonsense&organization_id=12"
        "&modified_after=yesterday&postcode=90000&proximity=-5&near=3,91&format=xml&colour=red",
    )
    assert response.status_code == 400
    assert set(response.json()) == {
        "page",
        "per_page",
        "taxonomy_term_id",
        "organization_id",
        "modified_after",
        "postcode",
        "proximity",
        "near",
        "format",
        "colour",
    }
    assert list(_get(api, "services?proximity=500").json()) == ["proximity"]
    unknown_postcode = _get(api, "services?postcode=1000&proximity=500")
    assert unknown_postcode.status_code == 400 and "postcode" in unknown_postcode.json()
    for path in (
        "organizations?full=maybe",
        "taxonomy_terms?parent_id=x",
        "locations?search=" + "x" * 300,
    ):
        assert _get(api, path).status_code == 400, path


@pytest.mark.parametrize(
    "path",
    [
        "services/not-a-uuid",
        "services/00000000-0000-4000-8000-000000000000",
        f"services/{hsds_id('organization', 1)}",
        "organizations/00000000-0000-4000-8000-000000000000",
        "locations/1",
        "service_at_locations/00000000-0000-4000-8000-000000000000",
        "taxonomies/00000000-0000-4000-8000-000000000000",
        "taxonomy_terms/00000000-0000-4000-8000-000000000000",
    ],
)
def test_unknown_ids_are_404_in_json(api, path):
    response = _get(api, path)
    assert response.status_code == 404
    assert "detail" in response.json()


def test_ids_are_stable_and_read_back():
    assert hsds_id("service", 42) == hsds_id("service", 42)
    assert key_of("service", hsds_id("service", 42)) == 42
    assert key_of("organization", hsds_id("service", 42)) is None
    assert hsds_id("service", 42) != hsds_id("location", 42)
    assert key_of("service", "00000000-0000-4000-8000-00000000002a") is None
    with pytest.raises(ValueError):
        key_of("service", "nope")


@pytest.mark.parametrize(
    "path",
    [
        "services?full=true",
        "organizations?full_service=true",
        "organizations?full=true",
        "service_at_locations",
        "locations",
    ],
)
def test_a_page_costs_the_same_few_queries_however_long(api, path, django_assert_max_num_queries):
    # count, page, work models, service areas, outlines, (services of the organisations) and
    # the session's own: never one per object.
    with django_assert_max_num_queries(9):
        page = _get(api, f"{path}&per_page=200" if "?" in path else f"{path}?per_page=200")
    assert page.status_code == 200 and page.json()["size"] > 5


def test_a_page_beyond_any_directory_is_a_400_not_a_database_error(api):
    response = _get(api, "locations?page=1887372552503681875968")
    assert response.status_code == 400 and list(response.json()) == ["page"]
