"""events.queries.occurrence_json and board.occurrences_page_json: the board's page as
PostgreSQL writes it. Field for field agreement with the API's serializer is held in
tests/api/test_occurrence_json.py; here the SQL builder and the page itself."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.gis.geos import Point
from django.db import connection

from events.queries import ActivityFilters, occurrences_board, occurrences_page_json
from events.queries.occurrence_json import JSONObject, _iso_local
from tests.factories import ActivityFactory, OccurrenceFactory

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db


def select(expression: str):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {expression}")
        return cursor.fetchone()[0]


def test_a_json_object_in_field_order_and_null_when_told():
    inner = JSONObject((("b", "2"), ("a", "'x'")), null_when="false")
    outer = JSONObject((("z", "1"), ("inner", inner)))
    assert select(f"({outer.sql()})::text") == '{"z" : 1, "inner" : {"b" : 2, "a" : "x"}}'
    assert outer.names() == {"z": None, "inner": {"b": None, "a": None}}
    hidden = JSONObject((("a", "1"),), null_when="true")
    assert select(hidden.sql()) is None


@pytest.mark.parametrize(
    ("utc", "local"),
    [
        ("2026-01-15 12:00:00+00", "2026-01-15T13:00:00+01:00"),
        ("2026-07-01 12:00:00+00", "2026-07-01T14:00:00+02:00"),
        # The night the clocks go back: 02:30 happens twice.
        ("2026-10-25 00:30:00+00", "2026-10-25T02:30:00+02:00"),
        ("2026-10-25 01:30:00+00", "2026-10-25T02:30:00+01:00"),
    ],
)
def test_timestamps_in_brussels_time_with_their_offset(utc, local):
    assert select(_iso_local(f"'{utc}'::timestamptz")) == local


def page(**filters) -> list[dict]:
    occurrences = occurrences_board(
        user=AnonymousUser(),
        filters=ActivityFilters(**filters),
        date_from=TODAY,
        date_to=TODAY + timedelta(days=6),
    )
    return json.loads(occurrences_page_json(occurrences[:10], activity_url_prefix="/a/"))


def test_an_empty_page_is_an_empty_list(clock):
    assert page() == []
    assert (
        occurrences_page_json(
            occurrences_board(
                user=AnonymousUser(), filters=ActivityFilters(), date_from=TODAY, date_to=TODAY
            ).none(),
            activity_url_prefix="/a/",
        )
        == "[]"
    )


def test_the_page_keeps_the_board_order_and_writes_distances(clock):
    later = ActivityFactory(title="Later")
    OccurrenceFactory(activity=later, start=at(3))
    soon = ActivityFactory(title="Straks")
    OccurrenceFactory(activity=soon, start=at(0, 20), cancelled=True)

    by_start = page()
    assert [o["activity"]["title"] for o in by_start] == ["Straks", "Later"]
    first = by_start[0]
    assert first["start"] == "2026-03-02T20:00:00+01:00"
    assert first["end"] == "2026-03-02T22:00:00+01:00"
    assert first["cancelled"] is True
    assert first["distance_m"] is None
    assert first["activity"]["url"] == f"/a/{soon.id}/"
    assert first["activity"]["work_models"] == ["community"]

    near = page(near=Point(3.705, 51.006, srid=4326), radius_m=1000)
    assert {round(o["distance_m"]) for o in near} == {111}  # both at the same place
