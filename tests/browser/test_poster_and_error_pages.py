"""Issue 19 part 2, printed and failing: the poster fills its A4 with a legend and short
addresses, and the error pages are the site's own, in the page's language."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import _new_page

SHOTS = Path("/tmp/find-shots")
PHONE = {"width": 360, "height": 740}

pytestmark = pytest.mark.browser

POSTER_AREA = "99001W03"  # Marktwijk in the demo town Buurtegem


def test_the_poster_fills_its_a4_with_a_legend_and_short_addresses(live_server, demo, page: Page):
    import io

    from pypdf import PdfReader

    from buurt.queries import area_by_code
    from events.listing import share_free
    from events.queries import area_offer

    # A4 at 96 dpi, as printed: the sheet reaches the foot of the page.
    page.set_viewport_size({"width": 794, "height": 1123})
    page.emulate_media(media="print")
    page.goto(f"{live_server.url}/buurt/{POSTER_AREA}/affiche/")
    sheet = page.get_by_role("article", name="Wat is er te doen in Marktwijk?")
    legend = sheet.get_by_role("region", name="Wat de tekeningen betekenen")
    expect(legend).to_be_visible()
    expect(legend.get_by_role("listitem").first).to_be_visible()
    title_size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.poster-what')).fontSize)"
    )
    assert title_size >= 24, title_size  # 1.4 × 14 pt
    links = sheet.locator(".poster-link strong").all_inner_texts()
    assert links and all(re.fullmatch(r"localhost:\d+/b/[0-9A-Z]{4}", link) for link in links)
    foot = sheet.locator(".poster-foot").inner_text()
    assert "http" not in foot and f"/buurt/{POSTER_AREA}" in foot
    free = share_free(area_offer(area_by_code(POSTER_AREA)).activities)
    claim = "Al deze activiteiten zijn gratis" if free == 1 else "De meeste"
    if free is not None and free > 0.5:
        expect(sheet).to_contain_text(claim)
    else:
        expect(sheet).not_to_contain_text("gratis")
    page.screenshot(path=str(SHOTS / "poster-a4.png"), full_page=True)

    # A short address leads to the activity; a wrong one to the site's own 404 page.
    path = links[0].split("/", 1)[1]
    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}/{path}")
    expect(page).to_have_url(re.compile(r"/activiteit/\d+/$"))
    expect(page.get_by_role("region", name="Hoe doe je mee")).to_be_visible()
    bad = path[:-1] + ("0" if path[-1] != "0" else "1")  # a wrong check character
    wrong = page.request.get(f"{live_server.url}/{bad}")
    assert wrong.status == 404 and "Deze pagina bestaat niet" in wrong.text()

    # The PDF: one sheet, the short addresses in it, Dutch titles marked on a French poster.
    response = page.request.get(f"{live_server.url}/fr/buurt/{POSTER_AREA}/affiche.pdf")
    reader = PdfReader(io.BytesIO(response.body()))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "/b/" in text and "Ce que veulent dire les dessins" in text
    # The legend and the address stand at the foot of the A4 (842 pt high), not under the
    # lists wherever they end.
    heights = {}

    def where(text, cm, tm, font, size):
        for words in ("Ce que veulent dire", "Scannez"):
            if text.startswith(words):
                # Points above the foot of the page: the text matrix, then the page's.
                heights[words] = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]

    reader.pages[0].extract_text(visitor_text=where)
    assert heights and all(y < 842 * 0.25 for y in heights.values()), heights
    page.goto(f"{live_server.url}/fr/buurt/{POSTER_AREA}/affiche/")
    expect(page.locator(".poster-what [lang=nl]").first).to_be_attached()


def test_the_error_pages_are_the_sites_own_in_the_pages_language(
    live_server, demo, browser: Browser
):
    page, errors = _new_page(browser)
    page.set_viewport_size(PHONE)
    response = page.goto(f"{live_server.url}/fr/activiteit/999999/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Cette page n'existe pas")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    home = page.get_by_role("link", name="Vers les activités près de chez vous")
    expect(home).to_be_visible()
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(live_server.url + icon).ok
    page.screenshot(path=str(SHOTS / "404-fr-360.png"))
    home.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Que se passe-t-il près de chez vous")
    page.context.close()
    # The page's own 404 is the one "error" the console reports.
    assert all("404" in error for error in errors), errors
