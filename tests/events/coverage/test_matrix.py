"""Coverage per area: activity counts per work model and the share of residents near one."""

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.db import connection, transaction

from buurt.models import Area, AreaKind
from events.coverage.matrix import NEAREST_PLACES, coverage_by_area, coverage_query, coverage_rows
from events.models import Status, WorkModel
from places.models import PlaceKind, Precision
from places.services import place_create
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(territory) -> dict[str, Area]:
    """The test town, with West split into two sectors whose figures (900 north, 2700
    south: 3600) differ from West's own 4000; Oost has no sectors."""

    def sector(code, name, bbox, population):
        return Area.objects.create(
            kind=AreaKind.SECTOR,
            code=code,
            name=name,
            parent=territory["west"],
            geometry=MultiPolygon(Polygon.from_bbox(bbox), srid=4326),
            population=population,
        )

    return {
        **territory,
        "west_south": sector("T0001W1S1", "West-Zuid", (3.70, 51.00, 3.72, 51.01), 2700),
        "west_north": sector("T0001W1S2", "West-Noord", (3.70, 51.01, 3.72, 51.02), 900),
    }


def resident_point(area: Area) -> Point:
    """Where the area's residents are placed: its point on surface."""
    return Point(area.geometry.point_on_surface.coords, srid=4326)


def geodesic_m(a: Point, b: Point) -> float:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_Distance(ST_GeomFromEWKT(%s)::geography, ST_GeomFromEWKT(%s)::geography)",
            [a.ewkt, b.ewkt],
        )
        return cursor.fetchone()[0]


def place_at(lon: float, lat: float, **fields):
    return place_create(
        name=f"Plek {lon} {lat}",
        location=Point(lon, lat, srid=4326),
        kind=PlaceKind.COMMUNITY_CENTRE,
        **fields,
    )


def by_code(rows: list[dict]) -> dict[str, dict]:
    return {row["code"]: row["work_models"] for row in rows}


def test_every_area_of_the_kind_gets_all_seven_models_in_order(territory):
    rows = coverage_by_area(kind=AreaKind.NEIGHBOURHOOD)
    assert [(row["code"], row["name"], row["population"]) for row in rows] == [
        ("T0001W1", "West", 4000),
        ("T0001W2", "Oost", 6000),
    ]
    codes = list(WorkModel.objects.all().values_list("code", flat=True))
    for row in rows:
        assert list(row["work_models"]) == codes
        assert all(
            value == {"activities": 0, "population_within_distance_share": 0.0}
            for value in row["work_models"].values()
        )


def test_published_activities_are_counted_per_model_by_the_real_point(territory):
    west, east = place_at(3.705, 51.005), place_at(3.735, 51.015)
    ActivityFactory(work_models=["peer", "community"], place=west)
    ActivityFactory(work_models=["peer"], place=west)
    ActivityFactory(work_models=["buddy"], place=east)
    for status in (Status.DRAFT, Status.PENDING, Status.CANCELLED):
        ActivityFactory(work_models=["peer", "context"], place=west, status=status)

    rows = by_code(coverage_by_area(kind=AreaKind.NEIGHBOURHOOD))
    counts = {
        code: {m: v["activities"] for m, v in models.items()} for code, models in rows.items()
    }
    assert counts["T0001W1"] == {
        **dict.fromkeys(counts["T0001W1"], 0),
        "peer": 2,
        "community": 1,
    }
    assert counts["T0001W2"] == {**dict.fromkeys(counts["T0001W2"], 0), "buddy": 1}

    [town] = coverage_by_area(kind=AreaKind.MUNICIPALITY)
    assert {m: v["activities"] for m, v in town["work_models"].items() if v["activities"]} == {
        "peer": 2,
        "community": 1,
        "buddy": 1,
    }


def test_unpublished_activities_cover_nobody(territory):
    place = place_at(3.73, 51.01)
    ActivityFactory(work_models=["peer"], place=place, status=Status.PENDING)
    ActivityFactory(work_models=["peer"], place=place, status=Status.DRAFT)
    east = by_code(coverage_by_area(kind=AreaKind.NEIGHBOURHOOD))["T0001W2"]
    assert east["peer"] == {"activities": 0, "population_within_distance_share": 0.0}


def test_the_share_switches_at_the_distance(territory):
    residents = resident_point(territory["east"])
    place = place_at(residents.x + 0.009, residents.y)
    ActivityFactory(work_models=["competence"], place=place)
    distance = geodesic_m(residents, place.public_location)
    assert 500 < distance < 700

    inside = by_code(coverage_by_area(kind=AreaKind.NEIGHBOURHOOD, distance_m=distance + 2))
    outside = by_code(coverage_by_area(kind=AreaKind.NEIGHBOURHOOD, distance_m=distance - 2))
    assert inside["T0001W2"]["competence"]["population_within_distance_share"] == 1.0
    assert outside["T0001W2"]["competence"]["population_within_distance_share"] == 0.0
    assert inside["T0001W2"]["buddy"]["population_within_distance_share"] == 0.0


def projected(start: Point, *, metres: float, azimuth_deg: float) -> Point:
    """The point `metres` from `start` (geodesic, on the WGS84 spheroid) in that direction."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_AsEWKT(ST_Project(ST_GeomFromEWKT(%s)::geography, %s, radians(%s))"
            "::geometry)",
            [start.ewkt, metres, azimuth_deg],
        )
        return Point.from_ewkt(cursor.fetchone()[0])


def shares(rows: list[dict], code: str) -> dict[str, list]:
    [row] = [row for row in rows if row["code"] == code]
    return {model: cell["shares"] for model, cell in row["work_models"].items()}


def test_walking_and_cycling_switch_at_1200_and_3750_metres_geodesic(territory):
    residents = resident_point(territory["east"])
    for model, metres, azimuth in (
        ("peer", 1199, 0),
        ("buddy", 1201, 0),
        ("community", 3749, 180),
        ("context", 3751, 180),
    ):
        place = place_at(*projected(residents, metres=metres, azimuth_deg=azimuth).coords)
        assert abs(geodesic_m(residents, place.public_location) - metres) < 0.01
        ActivityFactory(work_models=[model], place=place)

    east = shares(coverage_rows(kind=AreaKind.NEIGHBOURHOOD, distances_m=(1200, 3750)), "T0001W2")
    assert east["peer"] == [1.0, 1.0]
    assert east["buddy"] == [0.0, 1.0]
    assert east["community"] == [0.0, 1.0]
    assert east["context"] == [0.0, 0.0]


def test_a_model_beyond_the_nearest_places_listed_is_still_found(territory):
    # More places than one walk lists, all nearer than the one place with "buddy": the
    # pair (point, buddy) is answered by a walk of its own.
    residents = resident_point(territory["east"])
    for i in range(NEAREST_PLACES + 2):
        near = place_at(*projected(residents, metres=50 + 10 * i, azimuth_deg=20 * i).coords)
        if i % 2:  # places without any activity are listed too
            ActivityFactory(work_models=["peer"], place=near)
    far = place_at(*projected(residents, metres=1100, azimuth_deg=270).coords)
    ActivityFactory(work_models=["buddy"], place=far)

    east = shares(coverage_rows(kind=AreaKind.NEIGHBOURHOOD, distances_m=(1000, 1200)), "T0001W2")
    assert east["peer"] == [1.0, 1.0]
    assert east["buddy"] == [0.0, 1.0]
    assert east["community"] == [0.0, 0.0]


def test_a_short_list_holds_every_place_within_reach(territory):
    # Fewer places within the reach than a walk lists: a model none of them has is not
    # within reach, even though a place with it lies just beyond.
    residents = resident_point(territory["east"])
    ActivityFactory(
        work_models=["peer"],
        place=place_at(*projected(residents, metres=300, azimuth_deg=0).coords),
    )
    ActivityFactory(
        work_models=["buddy"],
        place=place_at(*projected(residents, metres=1300, azimuth_deg=90).coords),
    )
    east = shares(coverage_rows(kind=AreaKind.NEIGHBOURHOOD, distances_m=(1200,)), "T0001W2")
    assert east["peer"] == [1.0]
    assert east["buddy"] == [0.0]


def test_residents_live_in_the_finest_populated_areas(town):
    # In Oost, about 740 m from West-Noord's residents and 1,330 m from West-Zuid's.
    place = place_at(3.7205, 51.015)
    ActivityFactory(work_models=["peer"], place=place)
    north, south = resident_point(town["west_north"]), resident_point(town["west_south"])
    assert geodesic_m(north, place.location) < 1200 < geodesic_m(south, place.location)
    assert geodesic_m(resident_point(town["east"]), place.location) < 1200

    rows = by_code(coverage_by_area(kind=AreaKind.NEIGHBOURHOOD, distance_m=1200))
    # Counted where it is, but it reaches West's residents across the border; West's share
    # is of its sectors' figures (900 of 3600), not of its own 4000.
    assert rows["T0001W1"]["peer"] == {"activities": 0, "population_within_distance_share": 0.25}
    assert rows["T0001W2"]["peer"] == {"activities": 1, "population_within_distance_share": 1.0}

    # The town counts West's sectors and Oost, which has no sectors: (900 + 6000) / 9600.
    [whole] = coverage_by_area(kind=AreaKind.MUNICIPALITY, distance_m=1200)
    assert whole["population"] == 10000
    assert whole["work_models"]["peer"] == {
        "activities": 1,
        "population_within_distance_share": round(6900 / 9600, 4),
    }

    # Sectors have nothing finer: each is its own resident point.
    sectors = by_code(coverage_by_area(kind=AreaKind.SECTOR, distance_m=1200))
    assert sectors["T0001W1S2"]["peer"]["population_within_distance_share"] == 1.0
    assert sectors["T0001W1S1"]["peer"]["population_within_distance_share"] == 0.0


def test_finer_areas_without_a_population_are_skipped(town):
    Area.objects.filter(code="T0001W1S1").update(population=None)
    place_near_south = place_at(3.71, 51.004)
    ActivityFactory(work_models=["peer"], place=place_near_south)
    rows = by_code(coverage_by_area(kind=AreaKind.NEIGHBOURHOOD, distance_m=300))
    # Only West-Noord (900) remains, and the place is far from it.
    assert rows["T0001W1"]["peer"]["population_within_distance_share"] == 0.0
    Area.objects.filter(code="T0001W1S2").update(population=None)
    rows = by_code(coverage_by_area(kind=AreaKind.NEIGHBOURHOOD, distance_m=300))
    # No populated sector left: West's own point and figure (its point on surface is the
    # middle of West, about 670 m north of the place).
    assert rows["T0001W1"]["peer"]["population_within_distance_share"] == 0.0
    rows = by_code(coverage_by_area(kind=AreaKind.NEIGHBOURHOOD, distance_m=700))
    assert rows["T0001W1"]["peer"]["population_within_distance_share"] == 1.0


def test_a_hidden_place_counts_where_it_is_but_reaches_from_its_public_point(territory):
    # The real point is 700 m from Oost's residents; the public point is West's middle,
    # 1,400 m away.
    hidden = place_at(3.7199, 51.0101, precision=Precision.AREA, organisation=OrganisationFactory())
    assert hidden.public_location.equals(resident_point(territory["west"]))
    east = resident_point(territory["east"])
    assert geodesic_m(east, hidden.location) < 1000 < geodesic_m(east, hidden.public_location)
    ActivityFactory(work_models=["peer"], place=hidden)

    rows = by_code(coverage_by_area(kind=AreaKind.NEIGHBOURHOOD, distance_m=1000))
    assert rows["T0001W1"]["peer"] == {"activities": 1, "population_within_distance_share": 1.0}
    assert rows["T0001W2"]["peer"] == {"activities": 0, "population_within_distance_share": 0.0}


def test_programmes_count_in_and_cover_the_areas_they_serve(town):
    ActivityFactory(without_venue=True, work_models=["buddy"], service_areas=[town["west"]])
    ActivityFactory(without_venue=True, work_models=["own_network"], service_areas=[town["town"]])
    ActivityFactory(without_venue=True, work_models=["context"], service_areas=[town["west_south"]])
    ActivityFactory(
        without_venue=True,
        work_models=["context"],
        service_areas=[town["east"]],
        status=Status.DRAFT,
    )

    rows = by_code(coverage_by_area(kind=AreaKind.NEIGHBOURHOOD))
    west, east = rows["T0001W1"], rows["T0001W2"]
    # Served itself; not next door, although the two share a border.
    assert west["buddy"] == {"activities": 1, "population_within_distance_share": 1.0}
    assert east["buddy"] == {"activities": 0, "population_within_distance_share": 0.0}
    # A town-wide programme counts and covers everywhere in the town.
    assert west["own_network"] == {"activities": 1, "population_within_distance_share": 1.0}
    assert east["own_network"] == {"activities": 1, "population_within_distance_share": 1.0}
    # A sector's programme counts in its neighbourhood and covers that sector's residents.
    assert west["context"] == {"activities": 1, "population_within_distance_share": 0.75}
    assert east["context"] == {"activities": 0, "population_within_distance_share": 0.0}

    [whole] = coverage_by_area(kind=AreaKind.MUNICIPALITY)
    assert whole["work_models"]["buddy"] == {
        "activities": 1,
        "population_within_distance_share": round(3600 / 9600, 4),
    }
    assert whole["work_models"]["context"]["activities"] == 1


def test_unknown_population_gives_no_share(territory):
    Area.objects.filter(code="T0001W2").update(population=None)
    Area.objects.filter(code="T0001W1").update(population=0)
    ActivityFactory(work_models=["peer"], place=place_at(3.73, 51.01))
    rows = coverage_by_area(kind=AreaKind.NEIGHBOURHOOD)
    assert [row["population"] for row in rows] == [0, None]
    for row in rows:
        assert {v["population_within_distance_share"] for v in row["work_models"].values()} == {
            None
        }
    assert rows[1]["work_models"]["peer"]["activities"] == 1


def test_parent_code_limits_to_its_descendants(town):
    Area.objects.create(
        kind=AreaKind.NEIGHBOURHOOD,
        code="T0002W1",
        name="Elders",
        geometry=MultiPolygon(Polygon.from_bbox((3.80, 51.00, 3.82, 51.02)), srid=4326),
        population=100,
    )
    assert [row["code"] for row in coverage_by_area(kind=AreaKind.NEIGHBOURHOOD)] == [
        "T0001W1",
        "T0001W2",
        "T0002W1",
    ]
    scoped = coverage_by_area(kind=AreaKind.NEIGHBOURHOOD, parent_code="T0001")
    assert [row["code"] for row in scoped] == ["T0001W1", "T0001W2"]
    deep = coverage_by_area(kind=AreaKind.SECTOR, parent_code="T0001")
    assert [row["code"] for row in deep] == ["T0001W1S1", "T0001W1S2"]
    assert coverage_by_area(kind=AreaKind.SECTOR, parent_code="T0001W2") == []


@pytest.mark.parametrize(
    "arguments",
    [
        {"kind": "province"},
        {"kind": AreaKind.NEIGHBOURHOOD, "distance_m": -1},
        {"kind": AreaKind.NEIGHBOURHOOD, "distance_m": float("nan")},
        {"kind": AreaKind.NEIGHBOURHOOD, "distance_m": 10**6},
        {"kind": AreaKind.NEIGHBOURHOOD, "parent_code": "NOPE"},
    ],
)
def test_bad_arguments_are_refused(territory, arguments):
    with pytest.raises(ValueError):
        coverage_by_area(**arguments)


def test_the_query_count_does_not_grow_with_areas_or_activities(
    town, django_assert_max_num_queries
):
    for lon in (3.705, 3.715, 3.725, 3.735):
        ActivityFactory(work_models=["peer", "buddy"], place=place_at(lon, 51.01))
    with django_assert_max_num_queries(5):
        coverage_by_area(kind=AreaKind.SECTOR, parent_code="T0001")


def test_the_distance_part_can_use_the_public_geography_index(town):
    ActivityFactory(work_models=["peer"], place=place_at(3.73, 51.01))
    sql, params = coverage_query(kind=AreaKind.NEIGHBOURHOOD, distance_m=1200)
    with transaction.atomic(), connection.cursor() as cursor:
        # The tables are tiny, so without this the planner rightly prefers a scan.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "place_public_geography_idx" in plan
