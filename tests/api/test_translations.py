"""Translations through the API: posted, changed and read back as `translations`
{"ar": {...}}, one history row per write, bad ones a 400 naming translations.<code>.<field>,
and the OpenAPI schema describing them."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from events.models import ActivityChange
from places.models import Organisation
from tests.api.test_write import smallest

pytestmark = pytest.mark.django_db

ARABIC = {
    "title": "مجموعة حديث للآباء",
    "summary": "آباء يلتقون على فنجان قهوة.",
    "what_to_expect": "نتحدث معا، ويمكنك أن تأتي وحدك.",
}
TURKISH = {"title": "Ebeveyn sohbet grubu", "summary": "Kahve ile buluşma.", "what_to_expect": ""}


@pytest.fixture
def verified(api):
    return Organisation.objects.filter(verified=True, places__isnull=False).distinct().first()


def test_translations_round_trip_with_one_history_row_per_write(verified, worker_of, api):
    worker = worker_of(verified)
    posted = worker.post(
        "/api/v1/activities/",
        {**smallest(verified), "translations": {"ar": ARABIC, "tr": TURKISH}},
        format="json",
    )
    assert posted.status_code == 201, posted.content
    body = posted.json()
    assert body["translations"] == {"ar": ARABIC, "tr": TURKISH}
    url = f"/api/v1/activities/{body['id']}/"
    assert api.get(url).json()["translations"] == {"ar": ARABIC, "tr": TURKISH}
    listed = api.get("/api/v1/activities/", {"q": "Praatgroep alleenstaande"}).json()["results"]
    assert [item["translations"] for item in listed if item["id"] == body["id"]] == [
        {"ar": ARABIC, "tr": TURKISH}
    ]
    assert ActivityChange.objects.filter(activity_id=body["id"]).count() == 1

    # A PATCH with translations replaces the set (Turkish removed, Arabic changed), with the
    # title in the same write: one more row.
    changed = {**ARABIC, "title": "مجموعة حديث"}
    patched = worker.patch(
        url, {"title": "Praatgroep ouders", "translations": {"ar": changed}}, format="json"
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["translations"] == {"ar": changed}
    history = ActivityChange.objects.filter(activity_id=body["id"]).order_by("id")
    assert history.count() == 2
    assert set(history.last().changes) == {"title", "translations"}

    # A PATCH without translations keeps them; {} removes them all.
    assert worker.patch(url, {"summary": "Anders."}, format="json").json()["translations"] == {
        "ar": changed
    }
    assert worker.patch(url, {"translations": {}}, format="json").json()["translations"] == {}
    assert ActivityChange.objects.filter(activity_id=body["id"]).count() == 4


@pytest.mark.parametrize(
    ("translations", "expected"),
    [
        ({"zz": TURKISH}, {"zz"}),
        ({"ar": {"summary": "..."}}, {"ar": {"title"}}),
        ({"ar": {**ARABIC, "title": ""}}, {"ar": {"title"}}),
        (
            {"ar": {**ARABIC, "summary": "x" * 301}, "tr": {"title": "T"}},
            {"ar": {"summary"}, "tr": {"summary"}},
        ),
        ({"nl": TURKISH}, {"nl"}),  # the texts themselves are Dutch
        ({"ar": "عنوان"}, {"ar"}),
        (["ar"], None),
    ],
)
def test_bad_translations_are_a_400_naming_language_and_field(
    verified, worker_of, translations, expected
):
    response = worker_of(verified).post(
        "/api/v1/activities/",
        {**smallest(verified), "translations": translations},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400, response.content
    errors = response.json()
    assert set(errors) == {"translations"}, errors
    if expected is None:
        return
    named = errors["translations"]
    assert set(named) == set(expected)
    if isinstance(expected, dict):
        for code, fields in expected.items():
            assert set(named[code]) == fields, named


def test_a_patch_into_a_translated_language_is_a_400_naming_it(verified, worker_of):
    worker = worker_of(verified)
    body = worker.post(
        "/api/v1/activities/",
        {**smallest(verified), "translations": {"fr": {"title": "Groupe", "summary": "Parents."}}},
        format="json",
    ).json()
    url = f"/api/v1/activities/{body['id']}/"
    # The texts' own language, named in a PATCH that does not say text_language.
    response = worker.patch(
        url, {"translations": {"nl": {"title": "Groep", "summary": "Ouders."}}}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["translations"]) == {"nl"}
    response = worker.patch(url, {"text_language": "fr"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"text_language"}
    assert ActivityChange.objects.filter(activity_id=body["id"]).count() == 1


def test_the_schema_describes_translations(api):
    out = StringIO()
    call_command("spectacular", "--format", "openapi-json", stdout=out)

    schemas = json.loads(out.getvalue())["components"]["schemas"]
    for name, item in [
        ("ActivityWriteRequest", "TranslationRequest"),
        ("PatchedActivityWriteRequest", "TranslationRequest"),
        ("ActivityDetail", "Translation"),
        ("ActivityList", "Translation"),
    ]:
        field = schemas[name]["properties"]["translations"]
        assert field["type"] == "object"
        assert field["additionalProperties"]["$ref"] == f"#/components/schemas/{item}"
        assert "whole set" in field["description"]
    assert set(schemas["TranslationRequest"]["required"]) == {"title", "summary"}
