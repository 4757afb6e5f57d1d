"""A real city that has just started: Gent (44021) loaded with `load_territory`, no
activities yet. Nothing may look broken: the pages say what is going on, and the map shows
the wijken and the places (the city's libraries among them)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.browser.test_home import MARKERS, wait_for_map

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def gent(transactional_db):
    from events.work_models import work_models_ensure

    work_models_ensure()
    call_command("load_territory", "44021", stdout=StringIO(), stderr=StringIO())


def test_gent_without_activities_home_wijk_poster_and_map(live_server, gent, page: Page):
    ARTIFACTS.mkdir(exist_ok=True)
    with page.expect_response(lambda r: "/api/v1/places/clusters/" in r.url) as clusters:
        page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Wat is er te doen bij jou in de buurt"
    )
    notice = page.get_by_role("status").filter(has_text="Hier staat nog niets")
    expect(notice).to_be_visible()
    expect(notice.get_by_role("link", name="Aanmelden voor organisaties")).to_be_visible()
    wait_for_map(page)
    # The map frames Gent and draws its places, the libraries among them.
    # Asked again: the map may supersede (and abort) its first request once it has framed
    # the territory, and an aborted response has no body to read.
    asked = page.request.get(clusters.value.url).json()
    names = [feature["properties"]["name"] for feature in asked["features"]]
    assert "Hoofdbibliotheek" in names and "Filiaal Ledeberg" in names
    expect(page.locator(MARKERS).first).to_be_visible()
    center = page.evaluate("(() => window.buurtwijzerHomeMap.getCenter())()")
    assert 51.0 < center["lat"] < 51.15 and 3.6 < center["lng"] < 3.85, center
    expect(
        page.locator("#places-map path.leaflet-interactive, #places-map path").first
    ).to_be_attached()
    page.screenshot(path=str(ARTIFACTS / "gent-home.png"), full_page=False)

    page.goto(f"{live_server.url}/buurt/44021W01/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat is er te doen in Binnenstad")
    expect(page.get_by_role("status").filter(has_text="Hier staat nog niets")).to_be_visible()
    places = page.get_by_role("region", name="Plekken")
    expect(places.get_by_text("Hoofdbibliotheek")).to_be_visible()
    breadcrumb = page.get_by_role("navigation", name="Kruimelpad")
    expect(breadcrumb.get_by_role("link", name="Gent", exact=True)).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "gent-wijk.png"), full_page=True)

    page.goto(f"{live_server.url}/buurt/44021W01/affiche/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat is er te doen in Binnenstad?")
    expect(page.get_by_role("heading", name="Hier staat nog niets")).to_be_visible()
    expect(page.get_by_text("/accounts/login/")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "gent-poster.png"), full_page=True)
