"""The policymakers' dashboard figures on the hand-built test town, against figures worked out
by hand below (the arithmetic is in the comments and the asserts)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.gis.geos import GEOSGeometry, Point
from django.db import connection
from django.utils import timezone

from buurt.models import AreaKind, SensitivityAssessment
from events.coverage.distances import WALKING_M
from events.coverage.figures import coverage_dashboard, end_of_day
from events.models import Activity, ActivityChange, Status
from events.services import ScheduleInput, activity_cancel, activity_update
from places.models import PlaceKind
from places.services import place_create
from tests.events.coverage.test_matrix import geodesic_m, resident_point
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")
# 2026-11-28 is a Saturday, 2026-11-24 a Tuesday.
SATURDAY_19H = datetime(2026, 11, 28, 19, 0, tzinfo=BRUSSELS)
TUESDAY_10H = datetime(2026, 11, 24, 10, 0, tzinfo=BRUSSELS)


def place_at(point: Point):
    return place_create(
        name=f"Plek {point.x} {point.y}", location=point, kind=PlaceKind.COMMUNITY_CENTRE
    )


@pytest.fixture
def scene(territory):
    """West (4,000 residents) and Oost (6,000), each with its residents at its point on
    surface. One place at West's residents' point: 0 m from them, and from Oost's
    0.02° of longitude at 51.01° N ≈ 0.02 × 111,320 m × cos(51.01°) ≈ 1,401 m: beyond walking
    (1,200 m), within cycling (3,750 m)."""
    west_point, east_point = resident_point(territory["west"]), resident_point(territory["east"])
    assert 1200 < geodesic_m(west_point, east_point) < 3750
    centre = place_at(west_point)
    saturday_evening = ActivityFactory(
        work_models=["peer", "community"],
        place=centre,
        languages=["nl", "ar", "fr"],
        basic_dutch_ok=True,
        schedule=ScheduleInput(SATURDAY_19H, timedelta(hours=2), "FREQ=WEEKLY;BYDAY=SA"),
    )
    tuesday_morning = ActivityFactory(
        work_models=["peer"],
        place=centre,
        languages=["nl"],
        basic_dutch_ok=False,
        schedule=ScheduleInput(TUESDAY_10H, timedelta(hours=2), "FREQ=WEEKLY"),
    )
    # Neither a draft nor a place in Oost's far corner counts or covers anyone.
    ActivityFactory(
        work_models=["context"], place=place_at(Point(3.735, 51.015)), status=Status.DRAFT
    )
    # A buddy programme without a venue, serving Oost: counts there, covers Oost's residents.
    buddies = ActivityFactory(
        without_venue=True,
        work_models=["buddy"],
        service_areas=[territory["east"]],
        languages=["nl"],
    )
    return {
        **territory,
        "saturday_evening": saturday_evening,
        "tuesday_morning": tuesday_morning,
        "buddies": buddies,
    }


def figures(municipality, **kwargs):
    dashboard = coverage_dashboard(
        municipality=municipality, level=AreaKind.NEIGHBOURHOOD, **kwargs
    )
    return dashboard, {row["code"]: row for row in dashboard.rows}


def test_the_matrix_cells_worked_out_by_hand(scene):
    _, rows = figures(scene["town"])
    west, east = rows["T0001W1"], rows["T0001W2"]
    assert (west["residents"], east["residents"]) == (4000, 6000)

    # West: two peer activities, one community activity, both at 0 m.
    assert west["work_models"]["peer"] == {
        "activities": 2,
        "per_1000": 0.5,  # 2 × 1,000 / 4,000
        "walking": 1.0,
        "cycling": 1.0,
    }
    assert west["work_models"]["community"]["activities"] == 1
    assert west["work_models"]["community"]["per_1000"] == 0.25  # 1 × 1,000 / 4,000
    # The buddy programme serves Oost only: West's residents are not inside it.
    assert west["work_models"]["buddy"] == {
        "activities": 0,
        "per_1000": 0.0,
        "walking": 0.0,
        "cycling": 0.0,
    }
    # The draft does not count.
    assert west["work_models"]["context"]["activities"] == 0

    # Oost: no peer activity of its own; the centre is 1,401 m from its residents.
    assert east["work_models"]["peer"] == {
        "activities": 0,
        "per_1000": 0.0,
        "walking": 0.0,
        "cycling": 1.0,
    }
    assert east["work_models"]["buddy"] == {
        "activities": 1,
        "per_1000": 0.17,  # 1 × 1,000 / 6,000 = 0.1667
        "walking": 1.0,
        "cycling": 1.0,
    }
    assert east["work_models"]["context"]["activities"] == 0

    # The municipality as a whole: residents at West's point (4,000) and Oost's (6,000);
    # within walking distance of a peer activity only West's: 4,000 / 10,000 = 0.4.
    [town] = coverage_dashboard_rows_for_town(scene)
    assert town["work_models"]["peer"]["shares"] == [0.4, 1.0]


def coverage_dashboard_rows_for_town(scene):
    from events.coverage.matrix import coverage_rows

    return coverage_rows(kind=AreaKind.MUNICIPALITY, distances_m=(1200, 3750))


def test_evenings_weekends_and_languages_per_area(scene):
    _, rows = figures(scene["town"])
    west, east = rows["T0001W1"], rows["T0001W2"]
    # West: Saturday 19:00 (evening and weekend) and Tuesday 10:00 (neither).
    assert (west["activities"], west["evening"], west["weekend"]) == (2, 1, 1)
    # Only the Saturday one speaks other languages and welcomes basic Dutch.
    assert west["languages"] == {"ar": 1, "fr": 1}
    assert west["basic_dutch_ok"] == 1
    # Oost: the buddy programme, without a schedule: neither evening nor weekend.
    assert (east["activities"], east["evening"], east["weekend"]) == (1, 0, 0)
    assert east["languages"] == {}


def test_gaps_largest_population_first(scene):
    dashboard, _ = figures(scene["town"])
    # Oost (6,000) lacks six models within walking distance (all but buddy); West (4,000)
    # lacks five (all but peer and community).
    assert [(gap["code"], gap["residents"], gap["models"]) for gap in dashboard.gaps] == [
        (
            "T0001W2",
            6000,
            ["competence", "own_network", "peer", "context", "volunteering", "community"],
        ),
        ("T0001W1", 4000, ["competence", "buddy", "own_network", "context", "volunteering"]),
    ]


def assess(area, type_):
    return SensitivityAssessment.objects.create(
        area=area,
        method_version="test",
        t0=2018,
        t1=2023,
        type=type_,
        vulnerable=True,
        demographic_change=True,
        housing_market="accelerating",
    )


def test_the_priority_list_puts_the_weakest_sensitive_offer_first(scene):
    assess(scene["west"], "dynamic")
    assess(scene["east"], "late")
    dashboard, _ = figures(scene["town"])
    # Mean walking share over seven models: West (1 + 1) / 7 = 0.2857; Oost 1 / 7 = 0.1429.
    assert [
        (p["code"], p["walking_mean"], p["models_within_walking"]) for p in dashboard.priority
    ] == [
        ("T0001W2", 0.1429, 1),
        ("T0001W1", 0.2857, 2),
    ]
    assert dashboard.sensitivity_years == (2018, 2023)

    SensitivityAssessment.objects.filter(area=scene["east"]).update(type="none")
    dashboard, _ = figures(scene["town"])
    assert [p["code"] for p in dashboard.priority] == ["T0001W1"]


def test_an_earlier_date_reads_the_change_history(scene):
    now = timezone.now()
    ten_days_ago, seven_days_ago, two_days_ago = (now - timedelta(days=d) for d in (10, 7, 2))
    oost_place = place_at(resident_point(scene["east"]))

    # Published ten days ago with `competence`, given `own_network` too seven days ago,
    # cancelled two days ago: counted five days ago with both models, not today.
    moved = ActivityFactory(work_models=["competence"], place=oost_place)
    ActivityChange.objects.filter(activity=moved).update(at=ten_days_ago)
    activity_update(activity=moved, work_models=["competence", "own_network"])
    ActivityChange.objects.filter(activity=moved, action="updated").update(at=seven_days_ago)
    activity_cancel(activity=Activity.objects.get(pk=moved.pk))
    ActivityChange.objects.filter(activity=moved, action="cancelled").update(at=two_days_ago)

    # The scene's activities were created today (a change row each): not there five days ago.
    # An activity older than the history (no change rows) counts from its creation.
    old = ActivityFactory(work_models=["volunteering"], place=oost_place)
    ActivityChange.objects.filter(activity=old).delete()
    Activity.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=20))

    five_days_ago = timezone.localdate() - timedelta(days=5)
    dashboard, rows = figures(scene["town"], then=five_days_ago)
    east = rows["T0001W2"]
    assert {m: c["activities"] for m, c in east["work_models"].items() if c["activities"]} == {
        "buddy": 1,
        "volunteering": 1,
    }
    assert {m: c["then"]["activities"] for m, c in east["work_models"].items()} == {
        "competence": 1,
        "buddy": 0,
        "own_network": 1,
        "peer": 0,
        "context": 0,
        "volunteering": 1,
        "community": 0,
    }
    # Then, Oost's residents had `competence` at 0 m; today nobody has it within reach.
    assert east["work_models"]["competence"]["walking"] == 0.0
    assert east["work_models"]["competence"]["then"]["walking"] == 1.0
    assert east["then"]["activities"] == 2
    # West had nothing then: the centre's activities are from today.
    assert rows["T0001W1"]["work_models"]["peer"]["then"] == {
        "activities": 0,
        "per_1000": 0.0,
        "walking": 0.0,
        "cycling": 0.0,
    }
    assert dashboard.then == five_days_ago
    assert end_of_day(five_days_ago).tzinfo is BRUSSELS


def test_bad_arguments_are_refused(scene):
    with pytest.raises(ValueError):
        coverage_dashboard(municipality=scene["west"], level=AreaKind.NEIGHBOURHOOD)
    with pytest.raises(ValueError):
        coverage_dashboard(municipality=scene["town"], level=AreaKind.SECTOR)


def test_a_date_after_every_change_gives_todays_figures(scene):
    """The history path (snapshots) and today's path (tables) agree when nothing changed
    since: same cells, same evenings, weekends and languages."""
    three_days_ago = timezone.now() - timedelta(days=3)
    ActivityChange.objects.update(at=three_days_ago)
    Activity.objects.update(created_at=three_days_ago)
    yesterday = timezone.localdate() - timedelta(days=1)
    _, rows = figures(scene["town"], then=yesterday)
    for row in rows.values():
        assert row["then"] == {key: row[key] for key in row["then"]}
        for cell in row["work_models"].values():
            assert cell["then"] == {key: cell[key] for key in cell["then"]}
    assert rows["T0001W1"]["then"]["languages"] == {"ar": 1, "fr": 1}
    assert rows["T0001W2"]["work_models"]["buddy"]["then"]["walking"] == 1.0


def west_context_since_yesterday(scene) -> dict:
    """West's `context` cell, today's figures with yesterday's beside them, once every
    activity and change row is three days old (so that yesterday's come from history)."""
    three_days_ago = timezone.now() - timedelta(days=3)
    ActivityChange.objects.update(at=three_days_ago)
    Activity.objects.update(created_at=three_days_ago)
    _, rows = figures(scene["town"], then=timezone.localdate() - timedelta(days=1))
    return rows["T0001W1"]["work_models"]["context"]


def test_an_earlier_date_reaches_places_beyond_the_municipality(scene):
    """The earlier figures look for places around the residents, not only inside the
    municipality's box: a place 0.015° of longitude west of West's residents, outside the
    town, is 0.015 × 111,320 m × cos(51.01°) ≈ 1,051 m away: within walking distance."""
    west_point = resident_point(scene["west"])
    outside = place_at(Point(west_point.x - 0.015, west_point.y))
    assert outside.location.x < scene["town"].geometry.extent[0]
    assert 1000 < geodesic_m(west_point, outside.location) < 1200
    ActivityFactory(work_models=["context"], place=outside)
    west = west_context_since_yesterday(scene)
    assert west["walking"] == 1.0
    assert west["then"]["walking"] == 1.0
    assert west["then"]["activities"] == west["activities"] == 0


def projected(start: Point, metres: float, *, azimuth_degrees: float) -> Point:
    """The point `metres` from `start` on the ellipsoid, in that direction (0: north)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_AsEWKT(ST_Project(ST_GeomFromEWKT(%s)::geography, %s, radians(%s))"
            "::geometry)",
            [start.ewkt, metres, azimuth_degrees],
        )
        return GEOSGeometry(cursor.fetchone()[0])


def sphere_m(a: Point, b: Point) -> float:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_Distance(ST_GeomFromEWKT(%s)::geography, ST_GeomFromEWKT(%s)::geography, "
            "false)",
            [a.ewkt, b.ewkt],
        )
        return cursor.fetchone()[0]


def test_an_earlier_date_finds_the_nearest_place_on_the_ellipsoid(scene):
    """A place due north of West's residents 1 m inside walking distance, and one due east
    2 m beyond it. On the sphere the east one is the nearer (at 51° N the ellipsoid's east-
    west curvature makes a sphere's distances there 0.3% shorter); on the ellipsoid, which
    the figures measure, the north one. The earlier figures measure on the sphere first
    (reach.NEAR_THEN) and must still find the north one: West is within walking distance.
    (Today's figures take the nearest in the place index's walk order, which is the
    sphere's: docs/coverage.md, "Nearest on the sphere".)"""
    west_point = resident_point(scene["west"])
    north = place_at(projected(west_point, WALKING_M - 1, azimuth_degrees=0))
    east = place_at(projected(west_point, WALKING_M + 2, azimuth_degrees=90))
    assert sphere_m(west_point, east.location) < sphere_m(west_point, north.location)
    assert (
        geodesic_m(west_point, north.location) < WALKING_M < geodesic_m(west_point, east.location)
    )
    for place in (north, east):
        ActivityFactory(work_models=["context"], place=place)
    west = west_context_since_yesterday(scene)
    assert west["then"]["walking"] == 1.0
