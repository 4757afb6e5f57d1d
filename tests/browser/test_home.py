import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_a_resident_sees_this_weeks_activities_on_the_list_and_the_map(
    live_server, demo, page: Page
):
    page.goto(live_server.url)
    expect(
        page.get_by_role("heading", name="Wat is er te doen bij jou in de buurt")
    ).to_be_visible()
    board = page.get_by_role("region", name="Deze week")
    expect(board.get_by_role("listitem").first).to_be_visible()
    expect(
        page.get_by_text("Buurtegem en alles daarin zijn verzonnen", exact=False)
    ).to_be_visible()
    markers = page.locator("#places-map path.leaflet-interactive")
    expect(markers.first).to_be_attached()
    assert markers.count() >= 10
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)


def test_the_list_works_without_javascript(live_server, demo, page_without_javascript: Page):
    page = page_without_javascript
    page.goto(live_server.url)
    expect(
        page.get_by_role("region", name="Deze week").get_by_role("listitem").first
    ).to_be_visible()


def test_a_resident_switches_to_french_and_stays_on_the_page(live_server, demo, page: Page):
    page.goto(live_server.url)
    page.get_by_label("Taal").select_option("fr")
    page.get_by_role("button", name="Wijzigen").click()
    expect(page.get_by_role("heading", name=re.compile("près de chez vous"))).to_be_visible()
    expect(page.get_by_text("Groupes de pairs").first).to_be_visible()
