"""The coverage figures kept per day (kept.FIGURES_BUILD, statement.DAY_FIGURES_SQL): the
dashboard's figures at the end of a day since the kept days began are read from the
documents as they stood then, and equal what the change history gives for that day. On
fixed days (time-machine), so that the test means the same on any day it runs."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from buurt.models import AreaKind
from events.coverage.distances import CYCLING_M, WALKING_M
from events.coverage.figures import coverage_dashboard, end_of_day
from events.coverage.kept import coverage_catch_up, coverage_rebuild
from events.coverage.matrix import coverage_rows
from events.models import Activity, CoverageDays, CoverageFigureDay
from events.services import activity_cancel, activity_restore, activity_update
from places.models import PlaceKind
from places.services import place_create
from tests.events.coverage.test_matrix import resident_point
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
# Monday 16 to Friday 20 November 2026; each write at noon, Brussels time.
MONDAY = date(2026, 11, 16)


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=BRUSSELS)


def on(day: date):
    return time_machine.travel(noon(day), tick=False)


def rows_at(town, day: date, *, kept: bool = True) -> list[dict]:
    return coverage_rows(
        kind=AreaKind.NEIGHBOURHOOD,
        distances_m=(WALKING_M, CYCLING_M),
        parent_code=town.code,
        at=end_of_day(day),
        kept=kept,
    )


def read_from_kept_days(town, day: date) -> tuple[list[dict], bool]:
    """The rows at the end of `day`, and whether the kept days answered (no history read)."""
    with CaptureQueriesContext(connection) as queries:
        rows = rows_at(town, day)
    sql = " ".join(query["sql"] for query in queries)
    return rows, "events_activitychange" not in sql


def cell(rows: list[dict], code: str, model: str) -> dict:
    return next(row for row in rows if row["code"] == code)["work_models"][model]


@pytest.fixture
def week(territory):
    """Kept days from Monday; Tuesday an activity with `competence` in Oost, Wednesday given
    `own_network` too, Thursday cancelled."""
    with on(MONDAY):
        coverage_catch_up()  # the territory's areas: a full rebuild, the kept days begin
    with on(MONDAY + timedelta(days=1)):
        oost = place_create(
            name="Buurthuis Oost",
            location=resident_point(territory["east"]),
            kind=PlaceKind.COMMUNITY_CENTRE,
        )
        activity = ActivityFactory(work_models=["competence"], place=oost)
    with on(MONDAY + timedelta(days=2)):
        activity_update(activity=activity, work_models=["competence", "own_network"])
    with on(MONDAY + timedelta(days=3)):
        activity_cancel(activity=Activity.objects.get(pk=activity.pk))
    return territory


def test_each_day_reads_as_it_stood_and_as_the_history_has_it(week):
    town = week["town"]
    with on(MONDAY + timedelta(days=4)):
        expected = {
            0: ({}, {}),
            1: ({"competence": 1}, {"competence": 1.0}),
            2: ({"competence": 1, "own_network": 1}, {"competence": 1.0, "own_network": 1.0}),
            3: ({}, {}),
        }
        for days, (activities, walking) in expected.items():
            day = MONDAY + timedelta(days=days)
            rows, from_kept = read_from_kept_days(town, day)
            assert from_kept, day
            # The same figures as the change history gives (the statement from scratch).
            assert rows == rows_at(town, day, kept=False), day
            oost = next(row for row in rows if row["code"] == "T0001W2")["work_models"]
            assert {m: c["activities"] for m, c in oost.items() if c["activities"]} == activities
            assert {m: c["shares"][0] for m, c in oost.items() if c["shares"][0]} == walking
    # Three writes changed Oost's row on three later days: three documents kept.
    assert CoverageFigureDay.objects.filter(code="T0001W2").count() == 3


def test_a_day_before_the_kept_days_began_is_read_from_the_history(week):
    with on(MONDAY + timedelta(days=4)):
        rows, from_kept = read_from_kept_days(week["town"], MONDAY - timedelta(days=1))
    assert not from_kept
    assert cell(rows, "T0001W2", "competence")["activities"] == 0


def test_the_dashboard_compares_with_a_kept_day(week):
    with on(MONDAY + timedelta(days=4)):
        dashboard = coverage_dashboard(
            municipality=week["town"],
            level=AreaKind.NEIGHBOURHOOD,
            then=MONDAY + timedelta(days=2),
        )
    oost = next(row for row in dashboard.rows if row["code"] == "T0001W2")
    assert oost["work_models"]["own_network"]["activities"] == 0
    assert oost["work_models"]["own_network"]["then"] == {
        "activities": 1,
        "per_1000": round(1000 / 6000, 2),
        "walking": 1.0,
        "cycling": 1.0,
    }


def test_a_clock_set_back_ends_the_kept_days_until_a_rebuild(week):
    town = week["town"]
    activity = Activity.objects.get()
    # A write dated Tuesday after Thursday's: the days no longer follow each other.
    with on(MONDAY + timedelta(days=1)):
        activity_restore(activity=activity)
    assert CoverageDays.objects.get().started_on is None
    with on(MONDAY + timedelta(days=4)):
        _, from_kept = read_from_kept_days(town, MONDAY + timedelta(days=2))
        assert not from_kept
        coverage_rebuild()
        assert CoverageDays.objects.get().started_on == MONDAY + timedelta(days=4)
        assert not CoverageFigureDay.objects.exists()
        # A day before the new beginning: the history; the new beginning itself: kept.
        assert not read_from_kept_days(town, MONDAY + timedelta(days=3))[1]
        assert read_from_kept_days(town, MONDAY + timedelta(days=4))[1]


def test_a_moment_inside_a_day_is_read_from_the_history(week):
    with on(MONDAY + timedelta(days=4)), CaptureQueriesContext(connection) as queries:
        coverage_rows(
            kind=AreaKind.NEIGHBOURHOOD,
            distances_m=(WALKING_M, CYCLING_M),
            parent_code=week["town"].code,
            at=noon(MONDAY + timedelta(days=2)),
        )
    assert any("events_activitychange" in query["sql"] for query in queries)


def test_a_write_that_changes_no_figure_keeps_no_day(week):
    before = CoverageFigureDay.objects.count()
    with on(MONDAY + timedelta(days=4)):
        # A cancelled activity given another model: no figure changes.
        activity_update(activity=Activity.objects.get(), work_models=["peer"])
    assert CoverageFigureDay.objects.count() == before
