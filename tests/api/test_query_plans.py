"""The near and bbox queries can use the spatial indexes (EXPLAIN, with sequential scans
discouraged so that a tiny test table does not hide a missing index)."""

import pytest
from django.contrib.gis.geos import Point
from django.db import connection

from events.queries import ActivityFilters, activities_search, occurrences_board
from places.queries import places_feature_collection

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_seqscan(api):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    yield


def explain(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_bbox_uses_the_gist_index_on_the_public_point(no_seqscan):
    captured = {}
    original = connection.cursor

    class Spy:
        def __init__(self, cursor):
            self.cursor = cursor

        def __enter__(self):
            self.inner = self.cursor.__enter__()
            return self

        def __exit__(self, *exc):
            return self.cursor.__exit__(*exc)

        def execute(self, sql, params=None):
            captured["sql"], captured["params"] = sql, params
            return self.inner.execute(sql, params)

        def fetchone(self):
            return self.inner.fetchone()

    connection.cursor = lambda: Spy(original())
    try:
        places_feature_collection(bbox=(3.9, 50.9, 4.1, 51.0), limit=100)
    finally:
        connection.cursor = original
    plan = explain(captured["sql"], captured["params"])
    assert "places_place_public_location" in plan, plan


def test_near_uses_the_geography_expression_index(no_seqscan, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    filters = ActivityFilters(near=Point(3.98, 50.95, srid=4326), radius_m=1500)
    plan = activities_search(user=AnonymousUser(), filters=filters).explain()
    assert "place_public_geography_idx" in plan, plan
    from datetime import timedelta

    from django.utils import timezone

    board = occurrences_board(
        user=AnonymousUser(),
        filters=filters,
        date_from=timezone.localdate(),
        date_to=timezone.localdate() + timedelta(days=6),
    )
    assert "place_public_geography_idx" in board.explain()
