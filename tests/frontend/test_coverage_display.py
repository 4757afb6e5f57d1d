"""Where a matrix cell's count leads, and the map drawn on the server for the PDF."""

import pytest

from buurt.models import AreaKind
from events.coverage.figures import coverage_dashboard
from frontend.coverage_display import activities_url, percent, report_map
from tests.events.coverage.test_figures import scene  # noqa: F401  (the fixture)


def test_a_count_leads_to_the_public_list_of_those_activities_never_to_the_api():
    # The area's page lists, per work model, the activities placed in it or serving it: the
    # same set the cell counts, at any level.
    assert activities_url(area_code="11002A", model_code="peer") == "/buurt/11002A/#model-peer"
    assert activities_url(area_code="99001D1", model_code="buddy") == "/buurt/99001D1/#model-buddy"


def test_unknown_is_said_in_words():
    assert percent(None) == "geen inwoners bekend"
    assert percent(0.0) == "0 %" and percent(0.4999) == "50 %"


@pytest.mark.django_db
def test_the_report_map_names_each_area_and_colours_it_by_its_class(scene):  # noqa: F811
    dashboard = coverage_dashboard(municipality=scene["town"], level=AreaKind.NEIGHBOURHOOD)
    drawn = report_map(dashboard, model_code="peer")
    areas = {area["name"]: area for area in drawn["areas"]}
    assert set(areas) == {"West", "Oost"}
    assert areas["West"]["share"] == "100 %" and areas["Oost"]["share"] == "0 %"
    assert areas["West"]["fill"] != areas["Oost"]["fill"]
    assert all(area["path"].startswith("M ") for area in drawn["areas"])
    # Lambert 72 metres: the town is about 2.8 km wide; the view box holds it with a margin.
    _x, _y, width, height = (float(v) for v in drawn["view_box"].split())
    assert 2800 < width < 3400 and 2200 < height < 2800
