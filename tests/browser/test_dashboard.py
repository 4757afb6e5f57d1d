import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_home import ARTIFACTS

pytestmark = pytest.mark.browser


def test_a_policymaker_opens_the_dashboard_and_downloads_the_csv(
    live_server, policymaker, page: Page
):
    page.goto(f"{live_server.url}/beleid/dekking/99001/?level=district")
    page.get_by_label("Gebruikersnaam").fill("an")
    page.get_by_label("Wachtwoord").fill("veilig-wachtwoord-42")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Dekking in Buurtegem", exact=True)).to_be_visible()

    matrix = page.get_by_role("table", name="Werkmodellen per district in Buurtegem")
    expect(matrix.get_by_role("row")).to_have_count(1 + 4)
    # The choropleth enhances the tables; the chart is drawn on the server, a small
    # multiple per work model (tests/browser/test_dashboard_summary.py).
    expect(
        page.get_by_role("region", name=re.compile("per werkmodel")).get_by_role("figure")
    ).to_have_count(7)
    shaded = page.locator("#coverage-map path[data-share]")
    expect(shaded).to_have_count(4)

    # Another work model on the map, at the level of wijken.
    page.get_by_label("Niveau").select_option("neighbourhood")
    page.get_by_label("Werkmodel op de kaart").select_option("peer")
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator("#coverage-map path[data-share]")).to_have_count(20)
    page_rows = page.locator("#coverage-matrix tbody tr")
    expect(page_rows).to_have_count(20)
    first_area = page_rows.first.get_attribute("data-area")
    first_peer = page_rows.first.locator("td[data-model=peer] .cell-activities").inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Deze tabel downloaden (CSV)").first.click()
    assert download.value.suggested_filename == "dekking-99001-neighbourhood-matrix.csv"
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 1 + 20 * 7
    peer = next(row for row in rows[1:] if row[0] == first_area and row[3] == "peer")
    assert peer[5] == first_peer
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
