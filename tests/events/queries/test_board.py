"""events.queries.board: the dated sessions of a window, cancelled ones included."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.gis.geos import Point

from events.models import Status
from events.queries import ActivityFilters, occurrences_board, occurrences_upcoming
from places.services import membership_add
from tests.factories import (
    ActivityFactory,
    OccurrenceFactory,
    PlaceFactory,
    ScheduleFactory,
    UserFactory,
)

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db


def board(*, user=None, days: int = 1, **filters) -> list[tuple[str, object, bool]]:
    occurrences = occurrences_board(
        user=user or AnonymousUser(),
        filters=ActivityFilters(**filters),
        date_from=TODAY,
        date_to=TODAY + timedelta(days=days - 1),
    )
    return [(o.activity.title, o.start, o.cancelled) for o in occurrences]


def test_the_board_window_is_whole_days_in_brussels(clock):
    activity = ActivityFactory(title="Yoga")
    for start in (at(-1, 23, 59), at(0, 0, 0), at(0, 23, 59), at(1, 0, 0), at(2, 10)):
        OccurrenceFactory(activity=activity, start=start)
    assert board() == [("Yoga", at(0, 0, 0), False), ("Yoga", at(0, 23, 59), False)]
    assert [start for _, start, _ in board(days=2)] == [at(0, 0, 0), at(0, 23, 59), at(1, 0, 0)]


def test_cancelled_dates_stay_on_the_board_marked(clock):
    activity = ActivityFactory(title="Kookles")
    OccurrenceFactory(activity=activity, start=at(0, 14), cancelled=True)
    OccurrenceFactory(activity=activity, start=at(0, 19))
    assert board() == [("Kookles", at(0, 14), True), ("Kookles", at(0, 19), False)]


def test_sessions_earlier_today_are_on_the_board(clock):
    # The board shows the whole day, also what has already happened this morning.
    OccurrenceFactory(activity=ActivityFactory(title="Ontbijt"), start=at(0, 7))
    assert board() == [("Ontbijt", at(0, 7), False)]


def test_the_board_shows_what_the_reader_may_see(clock):
    draft = ActivityFactory(title="Concept", status=Status.DRAFT)
    OccurrenceFactory(activity=draft, start=at(0, 19))
    OccurrenceFactory(activity=ActivityFactory(title="Open"), start=at(0, 20))
    assert board() == [("Open", at(0, 20), False)]
    worker = UserFactory()
    membership_add(organisation=draft.organisation, user=worker)
    assert [title for title, _, _ in board(user=worker)] == ["Concept", "Open"]


def test_the_board_applies_the_filters_but_its_own_dates(clock, territory):
    ScheduleFactory(activity=ActivityFactory(title="Peer", work_models=("peer",)), dtstart=at(0))
    ScheduleFactory(activity=ActivityFactory(title="Buurt"), dtstart=at(0))
    # The window of the filters is replaced by the board's own.
    seen = board(work_models=("peer",), date_from=TODAY + timedelta(days=30), days=8)
    assert seen == [("Peer", at(0), False), ("Peer", at(7), False)]


def test_the_board_by_distance_when_near_is_given(clock, territory):
    far = PlaceFactory(location=Point(3.735, 51.015, srid=4326))
    close = PlaceFactory(location=Point(3.705, 51.005, srid=4326))
    OccurrenceFactory(activity=ActivityFactory(title="Ver", place=far), start=at(0, 10))
    OccurrenceFactory(activity=ActivityFactory(title="Dichtbij", place=close), start=at(0, 20))
    near = Point(3.705, 51.006, srid=4326)
    assert [t for t, _, _ in board(near=near, radius_m=5000)] == ["Dichtbij", "Ver"]
    assert [t for t, _, _ in board()] == ["Ver", "Dichtbij"]


def test_upcoming_from_a_start_for_some_days_published_only(clock):
    activity = ActivityFactory(title="Zumba")
    for days in (-1, 0, 3, 6, 7):
        OccurrenceFactory(activity=activity, start=at(days), cancelled=days == 3)
    OccurrenceFactory(activity=ActivityFactory(title="Wacht", status=Status.PENDING), start=at(1))

    upcoming = occurrences_upcoming()  # from now (09:00 today) for seven days
    assert [(o.start, o.cancelled) for o in upcoming] == [
        (at(0), False),
        (at(3), True),
        (at(6), False),
    ]
    later = occurrences_upcoming(start=at(3), days=5)
    assert [o.start for o in later] == [at(3), at(6), at(7)]
    assert len(occurrences_upcoming(days=30, limit=2)) == 2


def test_upcoming_orders_sessions_at_the_same_time_by_title(clock):
    OccurrenceFactory(activity=ActivityFactory(title="Zang"), start=at(1))
    OccurrenceFactory(activity=ActivityFactory(title="Dans"), start=at(1))
    assert [o.activity.title for o in occurrences_upcoming()] == ["Dans", "Zang"]
