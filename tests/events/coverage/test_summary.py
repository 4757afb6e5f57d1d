"""The dashboard's one-screen summary and the level it opens at, worked out by hand on the
scene of test_figures (West 4,000 residents, Oost 6,000)."""

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon

from buurt.models import Area, AreaKind
from events.coverage.figures import coverage_dashboard
from events.coverage.summary import (
    NO_AREAS,
    NONE_SENSITIVE,
    NOT_ASSESSED,
    coverage_summary,
    model_panels,
    opening_level,
    priority_levels,
)
from tests.events.coverage.test_figures import assess, scene  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def summary_of(municipality, level=AreaKind.NEIGHBOURHOOD):
    dashboard = coverage_dashboard(municipality=municipality, level=level)
    levels = priority_levels(municipality)
    return dashboard, coverage_summary(dashboard, levels_with_priority=levels)


def district(town) -> Area:
    return Area.objects.create(
        kind=AreaKind.DISTRICT,
        code="T0001D1",
        name="Heel Testdorp",
        parent=town,
        geometry=MultiPolygon(Polygon.from_bbox((3.70, 51.00, 3.74, 51.02)), srid=4326),
        population=10000,
    )


def test_the_largest_gaps_per_work_model_and_per_area(scene):  # noqa: F811
    _, summary = summary_of(scene["town"])
    assert (summary.areas, summary.residents, summary.areas_without_residents) == (2, 10000, [])
    # West reaches peer and community, Oost buddy; nobody reaches the other four.
    assert [(gap.code, gap.residents_without, gap.share_without) for gap in summary.models] == [
        ("competence", 10000, 1.0),
        ("own_network", 10000, 1.0),
        ("context", 10000, 1.0),
        ("volunteering", 10000, 1.0),
        ("peer", 6000, 0.6),
        ("community", 6000, 0.6),
        ("buddy", 4000, 0.4),
    ]
    # Per area and model: Oost's 6,000 without any of six models come first (5 shown).
    assert [(gap.code, gap.model_code, gap.residents_without) for gap in summary.gaps] == [
        ("T0001W2", "community", 6000),
        ("T0001W2", "competence", 6000),
        ("T0001W2", "context", 6000),
        ("T0001W2", "own_network", 6000),
        ("T0001W2", "peer", 6000),
    ]


def test_an_empty_priority_list_says_why(scene):  # noqa: F811
    _, summary = summary_of(scene["town"])
    assert summary.priority == [] and summary.priority_empty_reason == NOT_ASSESSED
    assess(scene["west"], "none")
    assess(scene["east"], "none")
    _, summary = summary_of(scene["town"])
    assert summary.priority == [] and summary.priority_empty_reason == NONE_SENSITIVE
    # A level without areas in the municipality: there is nothing to rank.
    dashboard, summary = summary_of(scene["town"], AreaKind.DISTRICT)
    assert dashboard.rows == [] and summary.priority_empty_reason == NO_AREAS


def test_the_priority_areas_name_what_they_lack(scene):  # noqa: F811
    assess(scene["west"], "dynamic")
    _, summary = summary_of(scene["town"])
    assert summary.priority_empty_reason is None and summary.priority_total == 1
    [west] = summary.priority
    assert west["code"] == "T0001W1" and west["models_within_walking"] == 2
    assert len(west["missing"]) == 5  # all but peer and community


def test_the_dashboard_opens_at_the_coarsest_level_with_a_priority_list(scene):  # noqa: F811
    town = scene["town"]
    # No districts, no assessment: neighbourhoods (the page says why the list is empty).
    assert priority_levels(town) == [] and opening_level(town) == AreaKind.NEIGHBOURHOOD
    heel = district(town)
    assert opening_level(town) == AreaKind.DISTRICT
    # Only the neighbourhoods are sensitive: there, not at the empty districts.
    assess(scene["east"], "late")
    assert priority_levels(town) == [AreaKind.NEIGHBOURHOOD]
    assert opening_level(town) == AreaKind.NEIGHBOURHOOD
    _, summary = summary_of(town, AreaKind.DISTRICT)
    assert summary.priority_empty_reason == NOT_ASSESSED
    assert summary.levels_with_priority == [AreaKind.NEIGHBOURHOOD]
    # Both levels: the coarser one.
    assess(heel, "susceptible")
    assert priority_levels(town) == [AreaKind.DISTRICT, AreaKind.NEIGHBOURHOOD]
    assert opening_level(town) == AreaKind.DISTRICT
    # Another municipality's sensitive areas do not count.
    other = Area.objects.create(
        kind=AreaKind.MUNICIPALITY, code="T0002", name="Anderdorp", geometry=town.geometry
    )
    assert priority_levels(other) == []


def test_the_small_multiples_show_the_weakest_and_strongest_areas(scene):  # noqa: F811
    dashboard = coverage_dashboard(municipality=scene["town"], level=AreaKind.NEIGHBOURHOOD)
    panels = {panel.code: panel for panel in model_panels(dashboard)}
    assert len(panels) == 7
    # Two areas: all shown, weakest first.
    assert [(bar.code, bar.walking) for bar in panels["peer"].weakest] == [
        ("T0001W2", 0.0),
        ("T0001W1", 1.0),
    ]
    assert panels["peer"].strongest == [] and panels["peer"].left_out == 0
    # With one per side, the weakest and the strongest, and none left out between them.
    narrow = {panel.code: panel for panel in model_panels(dashboard, each=1)}
    assert [bar.code for bar in narrow["buddy"].weakest] == ["T0001W1", "T0001W2"]


def test_many_areas_keep_the_chart_readable(scene):  # noqa: F811
    dashboard = coverage_dashboard(municipality=scene["town"], level=AreaKind.NEIGHBOURHOOD)
    template = dashboard.rows[0]
    dashboard.rows = [
        {
            **template,
            "code": f"A{i:03}",
            "name": f"Wijk {i}",
            "work_models": {
                code: {**cell, "walking": i / 140 if i % 50 else None}
                for code, cell in template["work_models"].items()
            },
        }
        for i in range(140)
    ]
    [panel, *_] = model_panels(dashboard)
    assert [bar.name for bar in panel.weakest] == ["Wijk 1", "Wijk 2", "Wijk 3", "Wijk 4", "Wijk 5"]
    assert [bar.name for bar in panel.strongest][-1] == "Wijk 139"
    # 140 areas, 3 without known residents (0, 50, 100), 10 shown.
    assert panel.left_out == 140 - 3 - 10
