"""The kept coverage figures (events/coverage/kept.py) equal a computation from scratch after
every write: random sequences of the writes that change them (publish, cancel, restore,
move to another place, other work models, other served areas, a place moved, areas and
populations imported) on a small territory, checked after each step."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurt.importers import AreaRow
from buurt.models import Area, AreaKind
from buurt.services import areas_upsert
from events.choices import ActivityKind
from events.coverage.distances import CYCLING_M, WALKING_M
from events.coverage.matrix import coverage_rows
from events.models import Activity, CoverageDirty, CoverageReach
from events.services import activity_cancel, activity_create, activity_restore, activity_update
from events.services.schedules import ScheduleInput
from places.models import PlaceKind, Precision
from places.services import place_create, place_update
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
MODELS = ["competence", "buddy", "peer", "community"]
# Inside West, inside Oost, on their border, outside the town, far away.
SPOTS = [(3.705, 51.005), (3.735, 51.012), (3.72, 51.015), (3.75, 51.01), (3.9, 51.2)]
# The dashboard's two distances come from the cells; one of them alone, the cycling one
# first and any others from the points.
DISTANCES = [
    (WALKING_M, CYCLING_M),
    (CYCLING_M,),
    (CYCLING_M, WALKING_M),
    (300, 1500),
    (0, 20_000),
]
KINDS = [AreaKind.MUNICIPALITY, AreaKind.NEIGHBOURHOOD, AreaKind.SECTOR]


@pytest.fixture
def town(territory) -> dict:
    def sector(code, bbox, population):
        return Area.objects.create(
            kind=AreaKind.SECTOR,
            code=code,
            name=code,
            parent=territory["west"],
            geometry=MultiPolygon(Polygon.from_bbox(bbox), srid=4326),
            population=population,
        )

    sector("T0001W1S1", (3.70, 51.00, 3.72, 51.01), 2700)
    sector("T0001W1S2", (3.70, 51.01, 3.72, 51.02), 900)
    organisation = OrganisationFactory()
    places = [
        place_create(
            name=f"Plek {i}",
            location=Point(*spot, srid=4326),
            kind=PlaceKind.COMMUNITY_CENTRE,
            organisation=organisation,
            precision=Precision.AREA if i == 1 else Precision.EXACT,
        )
        for i, spot in enumerate(SPOTS[:4])
    ]
    return {**territory, "organisation": organisation, "places": places}


def assert_kept_equals_scratch() -> None:
    assert not CoverageDirty.objects.exists(), "a service write left something not taken in"
    for kind in KINDS:
        for distances in DISTANCES:
            kept = coverage_rows(kind=kind, distances_m=distances)
            scratch = coverage_rows(kind=kind, distances_m=distances, kept=False)
            assert kept == scratch, (kind, distances)


models_st = st.lists(st.sampled_from(MODELS), min_size=1, max_size=3, unique=True)
index = st.integers(min_value=0, max_value=20)
step = st.one_of(
    st.tuples(
        st.just("publish"),
        st.integers(min_value=0, max_value=4),  # 4: a programme without a venue
        models_st,
        st.booleans(),  # an evening or a Saturday morning
        st.sampled_from([["nl"], ["nl", "fr"], ["ar", "en"]]),
    ),
    st.tuples(st.just("cancel"), index),
    st.tuples(st.just("restore"), index),
    st.tuples(st.just("move"), index, st.integers(min_value=0, max_value=3)),
    st.tuples(st.just("models"), index, models_st),
    st.tuples(
        st.just("serve"), index, st.sets(st.sampled_from(["town", "west", "east"]), min_size=1)
    ),
    st.tuples(st.just("place"), st.integers(min_value=0, max_value=3), st.sampled_from(SPOTS)),
    st.tuples(st.just("population"), st.sampled_from(["west", "east"]), st.integers(0, 9000)),
)


def apply(town: dict, activities: list[Activity], action) -> None:
    name, *args = action
    if name == "publish":
        where, models, evening, languages = args
        start = datetime(2026, 12, 7, 19 if evening else 10, tzinfo=BRUSSELS)
        if not evening:
            start += timedelta(days=5)  # a Saturday
        fields = {"place": town["places"][where]} if where < 4 else {}
        activities.append(
            activity_create(
                organisation=town["organisation"],
                kind=ActivityKind.RECURRING if where < 4 else ActivityKind.PROGRAMME,
                title=f"Activiteit {len(activities)}",
                summary="Iets om te doen.",
                work_models=models,
                service_areas=[] if where < 4 else [town["east"]],
                schedule=ScheduleInput(
                    dtstart=start, duration=timedelta(hours=2), rrule="FREQ=WEEKLY"
                ),
                languages=languages,
                **fields,
            )
        )
        return
    if name in ("place", "population"):
        if name == "place":
            place = town["places"][args[0]]
            place.refresh_from_db()
            try:
                with transaction.atomic():
                    place_update(place=place, location=Point(*args[1], srid=4326))
            except ValidationError:
                pass  # a place shown by its area only cannot leave every area
        else:
            area = town[args[0]]
            area.refresh_from_db()
            row = AreaRow(area.code, area.name, area.geometry, args[1], area.parent_id, False)
            areas_upsert(kind=area.kind, rows=[row])
        return
    if not activities:
        return
    activity = Activity.objects.get(pk=activities[args[0] % len(activities)].pk)
    if name == "cancel":
        activity_cancel(activity=activity)
    elif name == "restore":
        activity_restore(activity=activity)
    elif name == "move" and activity.place_id is not None:
        activity_update(activity=activity, place=town["places"][args[1]])
    elif name == "models":
        activity_update(activity=activity, work_models=args[1])
    elif name == "serve" and activity.place_id is None:
        activity_update(activity=activity, service_areas=[town[key] for key in sorted(args[1])])


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=1, max_size=8))
def test_the_kept_figures_equal_a_computation_from_scratch_after_every_write(town, steps):
    # Each example in a savepoint of its own, rolled back: the next starts from the town.
    with transaction.atomic():
        activities: list[Activity] = []
        for action in steps:
            apply(town, activities, action)
            assert_kept_equals_scratch()
        transaction.set_rollback(True)


def test_a_write_that_bypasses_the_services_is_read_from_scratch(town):
    activity = activity_create(
        organisation=town["organisation"],
        kind=ActivityKind.RECURRING,
        title="Praattafel",
        summary="Nederlands oefenen.",
        work_models=["competence"],
        place=town["places"][0],
    )
    assert not CoverageDirty.objects.exists()
    Activity.objects.filter(pk=activity.pk).update(status="cancelled")
    assert CoverageDirty.objects.filter(kind="a", key=activity.pk).exists()
    rows = coverage_rows(kind=AreaKind.NEIGHBOURHOOD)
    west = next(row for row in rows if row["code"] == "T0001W1")
    assert west["work_models"]["competence"]["activities"] == 0


def test_rebuild_coverage_builds_from_scratch_and_checks(town):
    activity_create(
        organisation=town["organisation"],
        kind=ActivityKind.RECURRING,
        title="Praattafel",
        summary="Nederlands oefenen.",
        work_models=["competence"],
        place=town["places"][0],
    )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM events_coveragereach")
    out = StringIO()
    call_command("rebuild_coverage", "--check", stdout=out)
    assert "Checked: the kept figures equal a computation from scratch." in out.getvalue()
    assert CoverageReach.objects.exists()
    assert_kept_equals_scratch()


def test_rebuild_coverage_refuses_bad_input_with_a_sentence():
    with pytest.raises(CommandError, match="unrecognized arguments"):
        call_command("rebuild_coverage", "--everything")


def test_a_language_leaves_the_counts_with_its_last_activity(town):
    activities: list[Activity] = []
    for action in [("publish", 0, ["peer"], True, ["ar", "en"]), ("cancel", 0), ("restore", 0)]:
        apply(town, activities, action)
        assert_kept_equals_scratch()
    west = next(r for r in coverage_rows(kind=AreaKind.NEIGHBOURHOOD) if r["code"] == "T0001W1")
    assert west["languages"] == {"ar": 1, "en": 1}
