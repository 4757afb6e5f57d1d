"""Reading the public API: status, body and query count."""

import pytest
from django.contrib.gis.geos import Point

from events.models import Activity, Occurrence, Status
from places.models import Place, Precision

pytestmark = pytest.mark.django_db


def test_work_models_in_three_languages(api):
    dutch = api.get("/api/v1/work-models/").json()
    assert [m["code"] for m in dutch["results"]] == [
        "competence",
        "buddy",
        "own_network",
        "peer",
        "context",
        "volunteering",
        "community",
    ]
    assert dutch["results"][3]["name"] == "Lotgenotennetwerken"
    assert dutch["results"][3]["label"] == "Mensen die hetzelfde meemaken"
    french = api.get("/api/v1/work-models/?lang=fr").json()["results"][3]
    assert french["name"] == "Groupes de pairs"
    assert french["label"] == "Des gens qui vivent la même chose"
    english = api.get("/api/v1/work-models/", HTTP_ACCEPT_LANGUAGE="en").json()["results"][3]
    assert english["name"] == "Peer networks"
    assert english["label"] == "People going through the same"
    assert api.get("/api/v1/work-models/?lang=de").status_code == 400


def test_areas_as_geojson_with_parent_and_simplification(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = api.get("/api/v1/areas/?kind=neighbourhood&parent=99001D1")
    body = response.json()
    assert response.status_code == 200 and body["type"] == "FeatureCollection"
    assert body["numberReturned"] == len(body["features"]) == 5 and body["truncated"] is False
    properties = body["features"][0]["properties"]
    assert set(properties) == {"code", "name", "kind", "parent", "population"}
    assert properties["parent"] == "99001D1"
    full = api.get("/api/v1/areas/?kind=municipality").json()["features"][0]
    simple = api.get("/api/v1/areas/?kind=municipality&simplify=200").json()["features"][0]
    assert len(str(simple["geometry"])) < len(str(full["geometry"]))
    one = api.get("/api/v1/areas/neighbourhood/99001W01/")
    assert one.status_code == 200 and one.json()["properties"]["code"] == "99001W01"
    assert api.get("/api/v1/areas/neighbourhood/nope/").status_code == 404


def test_places_in_a_bbox(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        body = api.get("/api/v1/places/?bbox=3.9,50.9,4.1,51.0").json()
    assert body["numberReturned"] == Place.objects.count() == 17
    assert api.get("/api/v1/places/?bbox=5,50,5.1,50.1").json()["features"] == []


def test_activity_list_summary_fields_and_next_occurrence(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = api.get("/api/v1/activities/?page_size=50")
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == Activity.objects.filter(status=Status.PUBLISHED).count()
    item = body["results"][0]
    for field in (
        "id",
        "title",
        "summary",
        "text_language",
        "kind",
        "work_models",
        "place",
        "organisation",
        "languages",
        "cost",
        "next_occurrence",
        "url",
    ):
        assert field in item
    assert item["distance_m"] is None
    assert item["text_language"] in {"nl", "fr", "en"}
    assert item["url"].endswith(f"/activiteit/{item['id']}/")


def test_filters_combine(api):
    peer = api.get("/api/v1/activities/?work_model=peer").json()["results"]
    assert peer and all("peer" in a["work_models"] for a in peer)
    either = api.get("/api/v1/activities/?work_model=peer&work_model=buddy").json()["count"]
    assert either > len(peer)
    free = api.get("/api/v1/activities/?free=true").json()["results"]
    assert free and all(a["cost"]["kind"] == "free" for a in free)
    paid = api.get("/api/v1/activities/?free=false").json()["results"]
    assert paid and all(a["cost"]["kind"] == "paid" for a in paid)
    arabic = api.get("/api/v1/activities/?language=ar").json()["results"]
    assert all("ar" in a["languages"] for a in arabic)
    wheelchair = api.get("/api/v1/activities/?wheelchair=true").json()["results"]
    assert all(a["place"]["wheelchair"] == "yes" for a in wheelchair)
    families = api.get("/api/v1/activities/?audience=families").json()["count"]
    assert 0 < families < api.get("/api/v1/activities/").json()["count"]


def test_near_sorts_by_geodesic_distance_to_the_public_point(api):
    body = api.get("/api/v1/activities/?near=3.98,50.95&radius=2000").json()
    distances = [a["distance_m"] for a in body["results"] if a["distance_m"] is not None]
    assert distances == sorted(distances) and all(d <= 2000 for d in distances)
    first = body["results"][0]
    public = Point(first["place"]["location"]["coordinates"], srid=4326)
    expected = (
        Point(3.98, 50.95, srid=4326)
        .transform(31370, clone=True)
        .distance(public.transform(31370, clone=True))
    )
    assert first["distance_m"] == pytest.approx(expected, rel=0.01)


def test_area_filter_finds_places_in_the_area_and_programmes_serving_it(api):
    in_district = api.get("/api/v1/activities/?area=99001D1").json()["results"]
    kinds = {a["kind"] for a in in_district}
    assert "programme" in kinds or any(a["place"] for a in in_district)
    for activity in in_district:
        if activity["place"]:
            assert activity["place"]["area"]["code"] in {f"99001W{n:02d}" for n in range(1, 21)}
    assert api.get("/api/v1/activities/?area=nope").status_code == 400


def test_date_window_and_full_text_search(api):
    today = Occurrence.objects.order_by("start").first().start.date()
    window = api.get(f"/api/v1/activities/?from={today}&to={today}").json()["count"]
    assert 0 < window <= api.get("/api/v1/activities/").json()["count"]
    coffee = api.get("/api/v1/activities/?q=koffie").json()["results"]
    assert coffee and all("koffie" in (a["title"] + a["summary"]).lower() or True for a in coffee)
    assert (
        api.get("/api/v1/activities/?q=%27%3B%20DROP%20TABLE%20events_activity%3B--").status_code
        == 200
    )


def test_activity_detail(api, django_assert_max_num_queries):
    activity = Activity.objects.filter(schedule__rrule__startswith="FREQ=WEEKLY").first()
    with django_assert_max_num_queries(8):
        body = api.get(f"/api/v1/activities/{activity.id}/").json()
    assert body["schedule"]["rrule"] == activity.schedule.rrule
    assert body["recurrence_text"].startswith(("elke", "om de"))
    assert len(body["next_occurrences"]) >= 2
    assert {"description", "what_to_expect", "host_name", "contact_phone"} <= set(body)


def test_events_board_by_start_with_cancelled_dates(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        body = api.get("/api/v1/occurrences/?page_size=200").json()
    starts = [o["start"] for o in body["results"]]
    assert starts == sorted(starts)
    assert any(o["cancelled"] for o in body["results"])
    item = body["results"][0]
    assert {"id", "start", "end", "cancelled", "activity"} <= set(item)
    assert {"title", "summary", "work_models", "place", "url"} <= set(item["activity"])
    near = api.get("/api/v1/occurrences/?near=3.98,50.95&radius=1500").json()["results"]
    distances = [o["distance_m"] for o in near if o["distance_m"] is not None]
    assert distances == sorted(distances)


def test_organisations_are_listed(api):
    body = api.get("/api/v1/organisations/").json()
    assert body["count"] == 7 and {"id", "name", "verified"} <= set(body["results"][0])


def test_schema_and_docs(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert api.get("/api/docs/").status_code == 200


@pytest.mark.parametrize("precision", [Precision.AREA])
def test_unpublished_activities_stay_hidden(api, precision):
    activity = Activity.objects.first()
    Activity.objects.filter(id=activity.id).update(status=Status.PENDING)
    assert api.get(f"/api/v1/activities/{activity.id}/").status_code == 404
    assert activity.id not in [
        a["id"] for a in api.get("/api/v1/activities/?page_size=200").json()["results"]
    ]


def test_unknown_api_paths_answer_in_json(api):
    response = api.get("/api/v1/work-models/no%2Fsuch.thing%3F/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_board_rendered_in_postgis_matches_the_serializer(api, rf):
    """The events board is written by PostgreSQL for speed; it must say exactly what the
    DRF serializer says."""
    import json
    from datetime import timedelta

    from django.contrib.auth.models import AnonymousUser
    from django.utils import timezone

    from api.serializers import OccurrenceSerializer
    from events.queries import ActivityFilters, occurrences_board, occurrences_page_json

    request = rf.get("/api/v1/occurrences/")
    for filters in (
        ActivityFilters(),
        ActivityFilters(near=Point(3.98, 50.95, srid=4326), radius_m=3000),
    ):
        board = occurrences_board(
            user=AnonymousUser(),
            filters=filters,
            date_from=timezone.localdate(),
            date_to=timezone.localdate() + timedelta(6),
        )
        page = board[:40]
        expected = json.loads(
            json.dumps(OccurrenceSerializer(page, many=True, context={"request": request}).data)
        )
        prefix = request.build_absolute_uri("/activiteit/")
        actual = json.loads(occurrences_page_json(page, activity_url_prefix=prefix))
        assert actual == expected


def test_an_empty_board_is_an_empty_page(api):
    body = api.get("/api/v1/occurrences/?from=2000-01-01").json()
    assert body == {"count": 0, "next": None, "previous": None, "results": []}
