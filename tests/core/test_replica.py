"""The replica router: map reads on the configured paths go to `replica`, everything else
(writes, sessions, users, other pages) to the primary. `replica` is a second connection to
the same test database, so the rows must be committed (a transactional test)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test.utils import CaptureQueriesContext

from core.replica import ReplicaRouter, replica_reads
from places.models import Place
from tests.api.test_tiles import tile_xy
from tests.factories import PlaceFactory

DATABASES = ["default", "replica"]


def statements(context: CaptureQueriesContext) -> str:
    return "\n".join(query["sql"] for query in context.captured_queries)


@pytest.mark.django_db(transaction=True, databases=DATABASES)
def test_map_reads_go_to_the_replica_and_the_rest_to_the_primary(client, territory, settings):
    settings.REPLICA_READ_PATHS = ["/tiles/", "/api/v1/places/", "/api/v1/areas/"]
    place = PlaceFactory()
    x, y = tile_xy(place.public_location.x, place.public_location.y, 14)

    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        assert client.get(f"/tiles/places/14/{x}/{y}.pbf").status_code == 200
        places = client.get("/api/v1/places/", {"bbox": "3.69,50.99,3.75,51.03"})
        assert places.status_code == 200
        assert [f["properties"]["name"] for f in places.json()["features"]] == [place.name]
        assert client.get("/api/v1/areas/neighbourhood/T0001W1/").status_code == 200

    assert "ST_AsMVT" in statements(replica)
    assert "places_place" in statements(replica)
    assert "buurt_area" in statements(replica)
    assert "places_place" not in statements(primary)
    assert "buurt_area" not in statements(primary)

    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        # Not on the list: the events board reads from the primary.
        assert client.get("/api/v1/activities/").status_code == 200
    assert replica.captured_queries == []
    assert "events_activity" in statements(primary)


@pytest.mark.django_db(transaction=True, databases=DATABASES)
def test_writes_users_and_sessions_never_go_to_the_replica(client, settings):
    settings.REPLICA_READ_PATHS = ["/"]
    user = get_user_model().objects.create_user("ines", password="pw")
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(Place) == "replica"
        assert router.db_for_read(get_user_model()) == "default"
        assert router.db_for_write(Place) == "default"
    assert router.db_for_read(Place) == "default"
    assert router.allow_migrate("replica", "places") is False

    client.force_login(user)
    with CaptureQueriesContext(connections["replica"]) as replica:
        # A write is a POST: never marked as a replica read, whatever the path.
        response = client.post("/api/v1/activities/", {}, content_type="application/json")
    assert response.status_code in (400, 403)
    assert replica.captured_queries == []
