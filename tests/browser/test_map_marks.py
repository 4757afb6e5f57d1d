"""The maps' marks read at a glance (issue 16): each kind of marker has a shape of its own, not
only a colour of its own, a tap target of at least 44 px, colours that keep their contrast,
and the legend under the map shows and names each kind the map shows."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import wait_until

pytestmark = pytest.mark.browser
MAP = "#places-map"

# Per kind on the map: its drawing, its tap target and its label, as the browser laid it out.
MARKS = """(map) => [...document.querySelectorAll(map + ' .leaflet-marker-icon.marker')]
  .map((el) => { const box = el.getBoundingClientRect(); const svg = el.querySelector('svg');
    return { kind: svg.dataset.shape, drawing: svg.innerHTML, width: box.width,
             height: box.height, interactive: el.classList.contains('leaflet-interactive'),
             label: el.innerText.trim() }; })"""
LEGEND = """() => [...document.querySelectorAll('.map-legend li')].map((li) => {
  const svg = li.querySelector('svg[data-shape]');
  return { kind: svg.dataset.shape, drawing: svg.innerHTML, text: li.innerText.trim(),
           visible: svg.getBoundingClientRect().width > 0 }; })"""


def luminance(colour: str) -> float:
    if len(colour) == 4:  # #fff
        colour = "#" + "".join(c * 2 for c in colour[1:])
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    light, dark = sorted([luminance(one), luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def drawn(page: Page, map_selector: str = MAP) -> dict[str, list[dict]]:
    by_kind: dict[str, list[dict]] = {}
    for mark in page.evaluate(MARKS, map_selector):
        by_kind.setdefault(mark["kind"], []).append(mark)
    return by_kind


def test_places_results_and_groups_have_shapes_of_their_own(live_server, demo, page: Page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url)
    wait_until(page, "(window.buurtwijzerMapTimings || []).length >= 1", timeout=10_000)
    # Zoomed out, the places nearest one another are grouped on screen.
    page.evaluate("window.buurtwijzerHomeMap.setZoom(12)")
    wait_until(page, f"document.querySelector('{MAP} .marker-group')", timeout=10_000)
    marks = drawn(page)
    assert {"place", "result", "group"} <= marks.keys(), marks.keys()
    # One drawing per kind, and three different drawings: a circle, a pin, squares.
    drawings = {kind: {mark["drawing"] for mark in found} for kind, found in marks.items()}
    assert all(len(found) == 1 for found in drawings.values()), drawings
    assert len({next(iter(found)) for found in drawings.values()}) == len(drawings)
    assert "<circle" in next(iter(drawings["place"])) and "<rect" not in next(
        iter(drawings["place"])
    )
    assert "<path" in next(iter(drawings["result"]))
    assert next(iter(drawings["group"])).count("<rect") == 2
    # Every marker one can tap is a 44 px target at least.
    small = [
        (mark["kind"], mark["width"], mark["height"])
        for found in marks.values()
        for mark in found
        if mark["interactive"] and (mark["width"] < 44 or mark["height"] < 44)
    ]
    assert not small, small
    # The labels: the list's numbers on the pins, the counts on the groups, none on places.
    assert all(re.fullmatch(r"\d+", mark["label"]) for mark in marks["result"])
    assert all(
        re.fullmatch(r"\d+k?", mark["label"]) and int(mark["label"]) > 1 for mark in marks["group"]
    )
    assert not any(mark["label"] for mark in marks["place"])

    # The legend under the map shows the very drawing of each kind on the map, with words.
    legend = page.evaluate(LEGEND)
    expect(page.get_by_role("list", name="Legende van de kaart")).to_be_visible()
    by_kind = {entry["kind"]: entry for entry in legend}
    assert marks.keys() <= by_kind.keys(), (marks.keys(), by_kind.keys())
    for kind, found in drawings.items():
        assert by_kind[kind]["drawing"] == next(iter(found)), kind
        assert by_kind[kind]["visible"] and len(by_kind[kind]["text"]) > 10, by_kind[kind]
    # No search point, so the legend does not explain one.
    assert "point" not in by_kind


def test_the_marks_colours_keep_their_contrast(live_server, demo, page: Page):
    page.goto(live_server.url)
    wait_until(page, "(window.buurtwijzerMapTimings || []).length >= 1", timeout=10_000)
    colours = page.evaluate(
        """() => [...document.querySelectorAll('.map-legend svg[data-shape]')].map((svg) =>
             [svg.dataset.shape, [...svg.querySelectorAll('[fill], [stroke]')].map((el) =>
               [el.getAttribute('fill'), el.getAttribute('stroke')])])"""
    )
    label = page.evaluate(
        f"getComputedStyle(document.querySelector('{MAP} .marker-result span')).color"
    )
    assert label == "rgb(29, 29, 27)"  # #1d1d1b
    for kind, parts in colours:
        outline = {stroke for _, stroke in parts if stroke} | {
            fill for fill, _ in parts if fill == "#1d1d1b"
        }
        # A dark outline: at least 3:1 against a light map background, whatever the fill.
        assert any(contrast(colour, "#ffffff") >= 3 for colour in outline), kind
    # The numbers and counts: black on the pin's orange and on the group's white.
    assert contrast("#1d1d1b", "#e69f00") >= 4.5
    assert contrast("#1d1d1b", "#ffffff") >= 4.5
    fills = {kind: [fill for fill, _ in parts if fill] for kind, parts in colours}
    assert "#e69f00" in fills["result"] and "#fff" in fills["group"], fills


def test_the_search_point_has_its_own_mark_and_legend_line(live_server, demo, page: Page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/?near=3.99,50.96&radius=1000")
    wait_until(page, "(window.buurtwijzerMapTimings || []).length >= 1", timeout=10_000)
    marks = drawn(page)
    assert len(marks["point"]) == 1 and not marks["point"][0]["interactive"]
    legend = {entry["kind"]: entry for entry in page.evaluate(LEGEND)}
    assert legend["point"]["drawing"] == marks["point"][0]["drawing"]
    assert "zoekpunt" in legend["point"]["text"]


def test_the_workers_map_shows_the_same_places_and_legend(live_server, worker, page: Page):
    from .workspace_support import PASSWORD

    page.goto(f"{live_server.url}/accounts/login/?next=/werkers/kaart/")
    page.get_by_label("Gebruikersnaam").fill("sofie")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    wait_until(page, "document.querySelector('#sensitivity-map .marker-place')", timeout=10_000)
    marks = drawn(page, "#sensitivity-map")
    assert list(marks) == ["place"] and len(marks["place"]) >= 5
    assert all(mark["width"] >= 44 and mark["height"] >= 44 for mark in marks["place"])
    legend = page.get_by_role("list", name="Legende van de kaart")
    expect(legend).to_be_visible()
    entries = page.evaluate(LEGEND)
    assert [entry["kind"] for entry in entries] == ["place"]
    assert entries[0]["drawing"] == marks["place"][0]["drawing"]
    expect(legend).to_contain_text("Een plek waar activiteiten doorgaan")
