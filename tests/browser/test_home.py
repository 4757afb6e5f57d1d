"""The home page in the browser: the list first, filters by form, the map by viewport."""

import re
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import _new_page, wait_until
from tests.browser.reach import inject_axe

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PEER_NEAR_DE_BRUG = "Maandagnamiddag bij De Brug: samen het woord nemen"
MARKERS = "#places-map .leaflet-marker-icon, #places-map path.leaflet-interactive"


def results(page: Page):
    return page.get_by_role("region", name=re.compile("^(Activiteiten|Activités|Activities)$"))


def open_filters(page: Page) -> None:
    """The filters are folded away on phones and without JavaScript: open them."""
    if page.locator("#filters details").get_attribute("open") is None:
        page.locator("#filters summary").click()


def wait_for_map(page: Page, drawn: int = 1) -> None:
    wait_until(page, f"(window.buurtwijzerMapTimings || []).length >= {drawn}", timeout=10_000)


def click_map_at(page: Page, lon: float, lat: float, zoom: int = 16) -> None:
    """Click the map at a free spot as close as possible to (lon, lat): markers are 44 px
    tap targets, and a click on one of them opens it instead of searching there. The map is
    scrolled into view first: off the screen there is no element at a point to test. It is
    zoomed in to `zoom` around the point first, as a resident would to aim: at the
    territory's zoom the numbered pins of the first results, which depend on the day, may
    cover the point and everything around it."""
    page.locator("#places-map").scroll_into_view_if_needed()
    drawn = page.evaluate("(window.buurtwijzerMapTimings || []).length")
    zoomed = page.evaluate(
        """([lon, lat, zoom]) => {
          const map = window.buurtwijzerHomeMap;
          if (map.getZoom() >= zoom) return false;
          map.setView([lat, lon], zoom, { animate: false });
          return true;
        }""",
        [lon, lat, zoom],
    )
    if zoomed:
        wait_for_map(page, drawn + 1)
    x, y = page.evaluate(
        """([lon, lat]) => {
          const map = window.buurtwijzerHomeMap;
          const box = map.getContainer().getBoundingClientRect();
          const p = map.latLngToContainerPoint([lat, lon]);
          for (let step = 0; step < 12; step++) {
            for (const [dx, dy] of [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]]) {
              const x = p.x + dx * step * 12, y = p.y + dy * step * 12;
              const el = document.elementFromPoint(box.left + x, box.top + y);
              if (el && !el.closest('.leaflet-marker-icon, .leaflet-control')) return [x, y];
            }
          }
          return [p.x, p.y];
        }""",
        [lon, lat],
    )
    page.locator("#places-map").click(position={"x": x, "y": y})


NAV_NAME = {"nl-be": "Taal", "fr": "Langue", "en": "Language"}
LANGUAGES = [
    (
        "nl-be",
        "Wat is er te doen bij jou in de buurt",
        "Activiteiten",
        "Lotgenotennetwerken",
        "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag",
        "Français",
    ),
    (
        "fr",
        "Que se passe-t-il près de chez vous",
        "Activités",
        "Groupes de pairs",
        "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
        "English",
    ),
    (
        "en",
        "What is on near you",
        "Activities",
        "Peer networks",
        "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday",
        None,
    ),
]


def test_the_home_page_in_dutch_french_and_english(live_server, demo, page: Page):
    page.goto(live_server.url)
    switch = None
    for language, heading, results_name, filter_label, days, next_language in LANGUAGES:
        if switch:
            # One link per language in the header, named in its own language: one click.
            page.get_by_role("navigation", name=switch[1]).get_by_role(
                "link", name=switch[0], exact=True
            ).click()
            expect(page.locator("html")).to_have_attribute("lang", language)
        switch = (next_language, NAV_NAME[language]) if next_language else None
        expect(page.get_by_role("heading", name=heading, exact=False)).to_be_visible()
        region = page.get_by_role("region", name=results_name)
        expect(region.get_by_role("listitem").first).to_be_visible()
        expect(page.get_by_label(filter_label)).to_be_visible()
        # Dates are written out in the page's language.
        first_date = region.locator("time").first.inner_text()
        assert re.match(days, first_date), (language, first_date)
        wait_for_map(page)
        assert page.locator(MARKERS).count() >= 10
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)


def test_a_resident_finds_a_peer_group_near_a_clicked_point_and_saves_it(
    live_server, demo, page: Page
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url)
    page.get_by_label("Lotgenotennetwerken").check()
    wait_for_map(page)
    click_map_at(page, 3.993, 50.962)
    page.wait_for_url(re.compile(r"near=3\.9\d+%2C50\.9\d+"))
    expect(page.get_by_text("binnen 2000 m, dichtste eerst")).to_be_visible()
    expect(page.get_by_label("Lotgenotennetwerken")).to_be_checked()
    first = results(page).get_by_role("listitem").first
    expect(first.get_by_role("heading")).to_have_text(PEER_NEAR_DE_BRUG)
    # The map shows the search point and the results, numbered like the list.
    wait_for_map(page)
    expect(page.locator("#places-map .marker-result").first).to_be_visible()
    # Labels, roles, contrast: axe-core finds no WCAG 2.1 AA violation on the page.
    inject_axe(page)
    violations = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']}))"
        ".violations.map((v) => [v.id, v.nodes.map((n) => n.target.join(' '))])"
    )
    assert violations == [], violations
    first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PEER_NEAR_DE_BRUG)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Zet in je agenda").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    body = Path(download.path()).read_text()
    assert "BEGIN:VCALENDAR" in body and "De Brug" in body


def test_the_same_search_without_javascript(live_server, demo, page_without_javascript: Page):
    page = page_without_javascript
    page.goto(live_server.url)
    form = page.get_by_role("form", name="Filters")
    open_filters(page)
    form.get_by_label("Lotgenotennetwerken").check()
    form.get_by_label("Je buurt").select_option(label="Hoge Akker")
    form.get_by_role("button", name="Toon activiteiten").click()
    first = results(page).get_by_role("listitem").first
    expect(first.get_by_role("heading")).to_have_text(PEER_NEAR_DE_BRUG)
    first.get_by_role("link").click()
    ical = page.get_by_role("link", name="Zet in je agenda").get_attribute("href")
    response = page.request.get(live_server.url + ical)
    assert response.ok and "BEGIN:VCALENDAR" in response.text()


def shown_count(page: Page) -> int:
    return int(page.locator(".result-count").get_attribute("data-count"))


def test_filters_narrow_the_list(live_server, demo, page_without_javascript: Page):
    page = page_without_javascript
    page.goto(live_server.url)
    everything = shown_count(page)
    form = page.get_by_role("form", name="Filters")
    open_filters(page)
    form.get_by_label("Vrijwilligerswerkingen via organisatie").check()
    form.get_by_role("button", name="Toon activiteiten").click()
    open_filters(page)
    volunteering = shown_count(page)
    assert 0 < volunteering < everything
    # Each card (its work-model tags are list items of their own).
    for card in results(page).locator(".activity-card").all():
        expect(card).to_contain_text("Vrijwilligerswerkingen via organisatie")
    form.get_by_label("Alleen gratis").check()
    form.get_by_label("Toegankelijk met een rolstoel").check()
    form.get_by_role("button", name="Toon activiteiten").click()
    open_filters(page)
    narrowed = shown_count(page)
    assert 0 < narrowed < volunteering
    for card in results(page).locator(".activity-card").all():
        expect(card).to_contain_text("Gratis")
        expect(card).to_contain_text("Toegankelijk met een rolstoel")
    form.get_by_label("Vrijwilligerswerkingen via organisatie").uncheck()
    form.get_by_label("Alleen gratis").uncheck()
    form.get_by_label("Toegankelijk met een rolstoel").uncheck()
    form.get_by_label("Dit weekend").check()
    form.get_by_role("button", name="Toon activiteiten").click()
    open_filters(page)
    weekend = shown_count(page)
    assert weekend < everything
    for day in results(page).locator("time").all_inner_texts():
        assert day.startswith(("zaterdag", "zondag")), day
    # A bad date is an error next to the field, not a failure.
    form.get_by_label("Kies data").check()
    form.get_by_role("button", name="Toon activiteiten").click()
    # The error summary above the page names it and links to the field; the note is next
    # to the field too.
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("alert")).to_be_visible()
    expect(summary.get_by_role("link", name="Kies de eerste dag.")).to_have_attribute(
        "href", "#id_from_date_0"
    )
    first_day = form.get_by_role("group", name="Van", exact=True).get_by_label("Dag", exact=True)
    expect(first_day).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_text("Kies de eerste dag.")).to_be_visible()


@pytest.fixture
def page_with_failing_tiles(browser: Browser):
    page, errors = _new_page(browser)
    failed: list[str] = []
    page.route(
        "**/tile.openstreetmap.org/**",
        lambda route: (failed.append(route.request.url), route.fulfill(status=503, body="")),
    )
    yield page, failed
    page.context.close()
    # Only the tiles may fail: the browser reports each as "Failed to load resource".
    assert all("Failed to load resource" in error for error in errors), errors


def test_the_map_stays_usable_when_tiles_fail(live_server, demo, page_with_failing_tiles):
    page, failed = page_with_failing_tiles
    page.goto(live_server.url)
    expect(page.get_by_role("status")).to_contain_text("achtergrond van de kaart kon niet")
    assert failed
    wait_for_map(page)
    assert page.locator(MARKERS).count() >= 10
    expect(results(page).get_by_role("listitem").first).to_be_visible()
    click_map_at(page, 3.993, 50.962)
    page.wait_for_url(re.compile("near="))
    expect(results(page).locator(".activity-card").first).to_be_visible()


def test_a_phone_without_overflow_and_with_large_tap_targets(live_server, demo, page: Page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url)
    expect(results(page).get_by_role("listitem").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    small = page.evaluate(
        """() => [...document.querySelectorAll(
              '.results a, .filters input:not([type=hidden]), .filters select, .filters button,'
              + ' .pages a')]
            .filter((el) => el.offsetParent !== null)
            .map((el) => { const r = el.getBoundingClientRect();
                           const box = el.type === 'checkbox' || el.type === 'radio'
                             ? el.parentElement.getBoundingClientRect() : r;
                           return [el.outerHTML.slice(0, 60), box.width, box.height]; })
            .filter(([, w, h]) => w < 44 || h < 44)"""
    )
    assert not small, small
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home-360.png"))


def test_no_viewport_draws_more_than_2000_markers(live_server, demo, page: Page):
    # 6,000 more places spread over the demo town and around it: too many to draw one by one.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO places_place (name, kind, address, location, precision,
                public_location, wheelchair, accessible_toilet, hearing_loop, opening_hours,
                created_at, updated_at, organisation_id)
            SELECT 'Extra ' || i, 'other', '', pt::geography, 'exact', pt, 'unknown',
                   false, false, '', %(now)s, %(now)s, NULL
            FROM generate_series(1, 6000) i,
                 LATERAL (SELECT ST_SetSRID(ST_MakePoint(3.5 + random() * 1.0,
                                                         50.7 + random() * 0.5), 4326) AS pt
                          WHERE i > 0) p
            """,
            # Python's clock, not PostgreSQL's now(): time-machine moves only the former.
            {"now": timezone.now()},
        )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url)
    wait_for_map(page)
    page.evaluate("window.buurtwijzerHomeMap.setView([50.95, 4.0], 9)")
    wait_for_map(page, 2)
    timing = page.evaluate("window.buurtwijzerMapTimings.at(-1)")
    assert timing["clustered"] is True and timing["total"] >= 6000
    assert 0 < page.locator(MARKERS).count() <= 2000
    # Zoomed in on a corner with fewer places than max_points: the places themselves,
    # grouped on screen by leaflet.markercluster.
    page.evaluate("window.buurtwijzerMapHook = window.buurtwijzerMapTimings.length")
    page.evaluate("window.buurtwijzerHomeMap.setView([50.75, 3.55], 13)")
    wait_until(page, "window.buurtwijzerMapTimings.length > window.buurtwijzerMapHook")
    timing = page.evaluate("window.buurtwijzerMapTimings.at(-1)")
    assert timing["clustered"] is False and timing["features"] > 0
    assert page.locator(MARKERS).count() <= 2000
