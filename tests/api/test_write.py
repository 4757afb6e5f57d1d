"""Posting through the API: who may, what status a post gets, and what DELETE keeps."""

from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from events.models import Activity, Status
from events.recurrence.rules import BRUSSELS
from places.models import Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def next_tuesday_at(hour: int) -> str:
    """The coming Tuesday (not today) at that hour in Brussels, as the API takes it: the
    schedules start from the clock's today, not from a fixed date that once was future."""
    today = timezone.localdate()
    day = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    return datetime.combine(day, time(hour), tzinfo=BRUSSELS).isoformat()


def smallest(organisation) -> dict:
    """The smallest valid activity, as documented in the README and the schema."""
    return {
        "title": "Praatgroep alleenstaande ouders",
        "summary": "Samen sterker.",
        "kind": "peer_group",
        "work_models": ["peer"],
        "organisation": organisation.id,
        "place": organisation.places.first().id,
        "schedule": {
            "dtstart": next_tuesday_at(19),
            "duration_minutes": 120,
            "rrule": "FREQ=WEEKLY;BYDAY=TU",
        },
    }


@pytest.fixture
def verified(api):
    return Organisation.objects.filter(verified=True, places__isnull=False).distinct().first()


@pytest.fixture
def unverified(api):
    return Organisation.objects.filter(verified=False, places__isnull=False).distinct().first()


def test_a_verified_organisation_publishes_directly_with_a_token(verified, worker_of, api):
    worker = worker_of(verified)
    user = worker.handler._force_user
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post("/api/v1/activities/", smallest(verified), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "published" and body["id"]
    assert body["schedule"]["rrule"] == "FREQ=WEEKLY;BYDAY=TU"
    assert len(body["next_occurrences"]) > 0
    assert api.get(f"/api/v1/activities/{body['id']}/").status_code == 200


def test_an_unverified_organisation_waits_for_a_moderator(unverified, worker_of, api):
    response = worker_of(unverified).post(
        "/api/v1/activities/", smallest(unverified), format="json"
    )
    assert response.status_code == 201 and response.json()["status"] == "pending"
    activity_id = response.json()["id"]
    assert api.get(f"/api/v1/activities/{activity_id}/").status_code == 404
    # The poster sees their own pending post; another organisation does not.
    assert worker_of(unverified).get(f"/api/v1/activities/{activity_id}/").status_code == 200
    other = Organisation.objects.exclude(id=unverified.id).first()
    assert worker_of(other).get(f"/api/v1/activities/{activity_id}/").status_code == 404
    # Asking to publish does not skip moderation.
    patch = worker_of(unverified).patch(
        f"/api/v1/activities/{activity_id}/", {"status": "published"}, format="json"
    )
    assert patch.json()["status"] == "pending"
    moderator = worker_of(other, role="moderator")
    published = moderator.patch(
        f"/api/v1/activities/{activity_id}/", {"status": "published"}, format="json"
    )
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert api.get(f"/api/v1/activities/{activity_id}/").status_code == 200


def test_nobody_edits_another_organisations_activity(verified, worker_of, api):
    activity = Activity.objects.filter(organisation=verified).first()
    other = Organisation.objects.exclude(id=verified.id).first()
    intruder = worker_of(other)
    assert (
        intruder.patch(
            f"/api/v1/activities/{activity.id}/", {"title": "Gekaapt"}, format="json"
        ).status_code
        == 403
    )
    assert intruder.delete(f"/api/v1/activities/{activity.id}/").status_code == 403
    assert (
        intruder.post("/api/v1/activities/", smallest(verified), format="json").status_code == 403
    )
    assert api.post("/api/v1/activities/", smallest(verified), format="json").status_code in (
        401,
        403,
    )
    assert Activity.objects.get(id=activity.id).title != "Gekaapt"


def test_patch_and_delete_keep_the_record(verified, worker_of, api):
    worker = worker_of(verified)
    activity = Activity.objects.filter(organisation=verified, status=Status.PUBLISHED).first()
    response = worker.patch(
        f"/api/v1/activities/{activity.id}/",
        {
            "title": "Nieuwe titel",
            "schedule": {
                "dtstart": next_tuesday_at(14),
                "duration_minutes": 90,
                "rrule": "FREQ=WEEKLY;BYDAY=TU",
            },
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Nieuwe titel"
    assert response.json()["next_occurrences"]
    assert all(
        o["start"].endswith("14:00:00+01:00") or o["start"].endswith("14:00:00+02:00")
        for o in response.json()["next_occurrences"]
    )
    assert worker.delete(f"/api/v1/activities/{activity.id}/").status_code == 204
    activity.refresh_from_db()
    assert activity.status == Status.CANCELLED
    assert not activity.occurrences.filter(cancelled=False, start__gte=timezone.now()).exists()
    assert api.get(f"/api/v1/activities/{activity.id}/").status_code == 404


def test_programmes_post_with_service_areas(verified, worker_of):
    body = smallest(verified)
    body.update(
        place=None, kind="programme", work_models=["buddy"], service_areas=["99001W01", "99001W02"]
    )
    response = worker_of(verified).post("/api/v1/activities/", body, format="json")
    assert response.status_code == 201, response.content
    assert {a["code"] for a in response.json()["service_areas"]} == {"99001W01", "99001W02"}


def test_only_moderators_create_organisations(verified, worker_of, api):
    body = {"name": "Nieuwe vzw", "verified": True}
    assert (
        worker_of(verified).post("/api/v1/organisations/", body, format="json").status_code == 403
    )
    response = worker_of(verified, role="moderator").post(
        "/api/v1/organisations/", body, format="json"
    )
    assert response.status_code == 201 and response.json()["verified"] is True


def test_drf_create_token_issues_a_token(verified):
    user = UserFactory(username="tokenuser")
    call_command("drf_create_token", "tokenuser", stdout=StringIO())
    assert Token.objects.filter(user=user).exists()


def test_anonymous_reads_and_writes_are_throttled(api, verified, worker_of, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import SimpleRateThrottle

    cache.clear()
    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        {"anon": "3/minute", "user": "100/minute", "writes": "2/minute"},
    )
    try:
        codes = [api.get("/api/v1/work-models/").status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[-1] == 429
        worker = worker_of(verified)
        writes = [
            worker.post("/api/v1/activities/", smallest(verified), format="json").status_code
            for _ in range(3)
        ]
        assert writes == [201, 201, 429]
    finally:
        cache.clear()


def test_policymakers_read_but_never_write(verified, worker_of):
    policymaker = worker_of(verified, role="policymaker")
    assert (
        policymaker.post("/api/v1/activities/", smallest(verified), format="json").status_code
        == 403
    )
    assert policymaker.get("/api/v1/activities/").status_code == 200


def test_an_unverified_organisations_edit_of_what_the_public_reads_goes_back_to_moderation(
    unverified, verified, worker_of, api
):
    """Issue 20, finding 6: approval is not a blank cheque. A change to the title, summary,
    description, contact or place of a published activity of an unverified organisation
    takes it off the site until a moderator approves it again; dates and lists do not."""
    worker = worker_of(unverified)
    moderator = worker_of(verified, role="moderator")
    activity_id = worker.post("/api/v1/activities/", smallest(unverified), format="json").json()[
        "id"
    ]
    url = f"/api/v1/activities/{activity_id}/"
    assert moderator.patch(url, {"status": "published"}, format="json").status_code == 200

    for change in (
        {"title": "Gratis crypto! klik hier"},
        {"summary": "Bel dit nummer."},
        {"description": "Lange tekst"},
        {"contact_phone": "0900 00 00 00"},
        {"contact_email": "geld@example.org"},
    ):
        edited = worker.patch(url, change, format="json")
        assert edited.status_code == 200 and edited.json()["status"] == "pending", change
        assert api.get(url).status_code == 404
        assert Activity.objects.filter(pk=activity_id, status=Status.PENDING).exists()
        assert moderator.patch(url, {"status": "published"}, format="json").status_code == 200

    # Facts chosen from lists, and the moderator's own edits, stay published.
    assert worker.patch(url, {"languages": ["nl", "fr"]}, format="json").json()["status"] == (
        "published"
    )
    assert moderator.patch(url, {"title": "Praatgroep"}, format="json").json()["status"] == (
        "published"
    )
    # A verified organisation is trusted with its edits.
    own = worker_of(verified)
    posted = own.post("/api/v1/activities/", smallest(verified), format="json").json()
    edited = own.patch(f"/api/v1/activities/{posted['id']}/", {"title": "Nieuw"}, format="json")
    assert edited.json()["status"] == "published"


def test_a_moderators_publication_through_the_api_is_in_the_history(unverified, worker_of):
    """A status set by PATCH goes through the same use case as the workspace: a history
    row names who published, and updated_by says so (the coverage dashboard's earlier-date
    figures read that history)."""
    from events.models import ActivityChange, ChangeAction

    posted = worker_of(unverified).post("/api/v1/activities/", smallest(unverified), format="json")
    activity_id = posted.json()["id"]
    other = Organisation.objects.exclude(id=unverified.id).first()
    moderator = worker_of(other, role="moderator")
    response = moderator.patch(
        f"/api/v1/activities/{activity_id}/", {"status": "published"}, format="json"
    )
    assert response.status_code == 200
    activity = Activity.objects.get(id=activity_id)
    moderator_user = activity.updated_by
    assert moderator_user is not None and moderator_user.memberships.filter(role="moderator")
    last = ActivityChange.objects.filter(activity=activity).latest("id")
    assert last.action == ChangeAction.PUBLISHED
    assert last.by == moderator_user
    assert last.snapshot["status"] == Status.PUBLISHED


def test_the_language_of_the_texts_is_written_and_read(verified, worker_of, api):
    worker = worker_of(verified)
    # Not said: Dutch, the workspace's first language.
    dutch = worker.post("/api/v1/activities/", smallest(verified), format="json")
    assert dutch.status_code == 201 and dutch.json()["text_language"] == "nl"
    # A short French title the function-word guess would call Dutch: the stored fact wins.
    french = {**smallest(verified), "title": "Atelier vélo", "summary": "Répare ton vélo."}
    response = worker.post("/api/v1/activities/", {**french, "text_language": "fr"}, format="json")
    assert response.status_code == 201, response.content
    activity_id = response.json()["id"]
    assert Activity.objects.get(pk=activity_id).text_language == "fr"
    assert api.get(f"/api/v1/activities/{activity_id}/").json()["text_language"] == "fr"
    listed = api.get("/api/v1/activities/", {"q": "Atelier vélo"}).json()["results"]
    assert [item["text_language"] for item in listed if item["id"] == activity_id] == ["fr"]
    # A PATCH that does not name it keeps it; one that does changes it.
    url = f"/api/v1/activities/{activity_id}/"
    assert worker.patch(url, {"summary": "Viens réparer."}, format="json").status_code == 200
    assert Activity.objects.get(pk=activity_id).text_language == "fr"
    assert worker.patch(url, {"text_language": "en"}, format="json").json()["text_language"] == "en"


@pytest.mark.parametrize("value", ["de", "NL", "", None, 3])
def test_an_unknown_text_language_is_a_400_naming_the_field(verified, worker_of, value):
    worker = worker_of(verified)
    response = worker.post(
        "/api/v1/activities/", {**smallest(verified), "text_language": value}, format="json"
    )
    assert response.status_code == 400, response.content
    assert set(response.json()) == {"text_language"}
    activity = Activity.objects.filter(organisation=verified).first()
    patch = worker.patch(
        f"/api/v1/activities/{activity.pk}/", {"text_language": value}, format="json"
    )
    assert patch.status_code == 400 and set(patch.json()) == {"text_language"}
