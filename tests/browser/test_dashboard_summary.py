"""Issue 19 part 3, as a policymaker, a community worker and a moderator meet it in Chromium
on the demo: each role's start page, the dashboard's summary on the first screen, a matrix
that axe passes, names on the map, 0 % and "no residents known" apart, a chart that stays
readable per wijk, counts that open the public list, and a CSV a Belgian spreadsheet reads."""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from buurt.models import Area, AreaKind
from places.models import Organisation
from places.services import membership_add
from tests.browser.reach import ARTIFACTS, axe_violations, horizontal_overflow
from tests.factories import UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "veilig-wachtwoord-42"


def member(username: str, role: str):
    user = UserFactory(username=username)
    user.set_password(PASSWORD)
    user.save()
    membership_add(organisation=Organisation.objects.first(), user=user, role=role)
    return user


def log_in(page: Page, base: str, username: str, *, next_url: str = "") -> None:
    page.goto(f"{base}/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()


def screenshot(page: Page, name: str, **options) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), **options)


@pytest.mark.parametrize(
    ("role", "heading"),
    [("community_worker", "Werkruimte"), ("moderator", "Nazicht")],
)
def test_workers_and_moderators_start_on_their_own_page(live_server, demo, page, role, heading):
    member("kim", role)
    log_in(page, live_server.url, "kim")
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()


def test_a_policymaker_lands_on_the_summary_of_the_level_with_priorities(
    live_server, demo, page: Page
):
    member("an", "policymaker")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url, "an")
    # The dashboard, not the sensitivity map; at the wijken, where the demo's assessment
    # finds sensitive areas (its districts have none).
    expect(page.get_by_role("heading", name="Dekking in Buurtegem")).to_be_visible()
    assert page.url.endswith("/beleid/dekking/99001/")
    expect(page.get_by_label("Niveau")).to_have_value("neighbourhood")

    summary = page.get_by_role("region", name="In het kort, per wijk")
    expect(summary).to_be_visible()
    # The answer on the first screen: the heading and the largest gap above the fold.
    first_gap = summary.get_by_role("list", name=re.compile("Grootste gaten")).get_by_role(
        "listitem"
    )
    expect(first_gap).to_have_count(7)
    assert first_gap.first.bounding_box()["y"] < 900
    priority = summary.get_by_role("region", name=re.compile("Prioritaire gebieden"))
    expect(priority.get_by_role("listitem")).to_have_count(5)
    expect(priority.get_by_role("listitem").first).to_contain_text("Ganzeweide")
    expect(priority).to_contain_text("Ontbreekt:")
    screenshot(page, "dashboard-summary.png")

    # The districts have no assessment: the page says so, and where a list is.
    page.get_by_label("Niveau").select_option("district")
    page.get_by_role("button", name="Tonen").click()
    reason = page.get_by_role("region", name=re.compile("Prioritaire gebieden"))
    expect(reason).to_contain_text("nog niet beoordeeld")
    reason.get_by_role("link", name="Per wijk is er wel een.").click()
    expect(page.get_by_label("Niveau")).to_have_value("neighbourhood")


def test_a_safe_next_still_wins(live_server, demo, page: Page):
    member("an", "policymaker")
    log_in(page, live_server.url, "an", next_url="/werkers/kaart/")
    assert page.url.endswith("/werkers/kaart/")


@pytest.mark.parametrize("level", ["district", "neighbourhood"])
def test_the_dashboard_passes_axe_at_both_levels(live_server, demo, page: Page, level):
    member("an", "policymaker")
    log_in(page, live_server.url, "an", next_url=f"/beleid/dekking/99001/?level={level}")
    expect(page.locator("#coverage-map[data-drawn=true]")).to_be_attached()
    violations = axe_violations(page)
    print(f"axe at {level}: {len(violations)} serious or critical")
    assert violations == []


def test_map_names_zero_and_unknown_and_a_readable_chart(live_server, demo, page: Page):
    # One wijk whose residents nobody knows: its cells say so instead of 0 %.
    unknown = Area.objects.get(kind=AreaKind.NEIGHBOURHOOD, name="Meersen")
    unknown.population = None
    unknown.save()
    member("an", "policymaker")
    log_in(page, live_server.url, "an", next_url="/beleid/dekking/99001/?level=neighbourhood")

    matrix = page.get_by_role("table", name="Werkmodellen per wijk in Buurtegem")
    unknown_row = matrix.locator(f"tr[data-area='{unknown.code}']")
    expect(unknown_row.locator("td").first).to_have_text("0")  # residents
    expect(unknown_row.locator(".cell-walking").first).to_have_text("geen inwoners bekend")
    zero = matrix.locator(".cell-walking", has_text=re.compile(r"^0 %$")).first
    expect(zero).to_be_visible()
    zero_cell = zero.locator("xpath=ancestor::td")
    unknown_cell = unknown_row.locator("td[data-model]").first
    background = "el => getComputedStyle(el).backgroundImage + getComputedStyle(el).backgroundColor"
    assert zero_cell.evaluate(background) != unknown_cell.evaluate(background)
    legend = page.get_by_role("list", name="Legende").first
    expect(legend).to_contain_text("0 %: niemand op wandelafstand")
    expect(legend).to_contain_text("geen inwoners bekend")

    # Names on the map; the unknown wijk drawn with a dashed outline.
    expect(page.locator("#coverage-map .area-label")).to_have_count(20)
    expect(page.locator("#coverage-map .area-label", has_text="Ganzeweide")).to_be_visible()
    dashed = page.locator(f"#coverage-map path[data-area='{unknown.code}']")
    assert dashed.get_attribute("stroke-dasharray")

    # The chart: a small multiple per work model, at most 5 + 5 wijken each.
    chart = page.get_by_role("region", name=re.compile("Inwoners binnen wandelafstand"))
    panels = chart.get_by_role("figure")
    expect(panels).to_have_count(7)
    for index in range(7):
        assert panels.nth(index).get_by_role("listitem").count() <= 10
    expect(panels.first).to_contain_text("gebieden daartussen")
    chart.scroll_into_view_if_needed()
    screenshot(page, "dashboard-chart-and-map.png", full_page=True)


def test_a_count_opens_the_public_list_and_the_csv_opens_in_columns(live_server, demo, page: Page):
    member("an", "policymaker")
    log_in(page, live_server.url, "an", next_url="/beleid/dekking/99001/?level=neighbourhood")
    row = page.locator("#coverage-matrix tbody tr").first
    area = row.get_attribute("data-area")
    area_name = row.locator("th").first.inner_text().split(" (")[0]

    with page.expect_download() as download:
        page.get_by_role("link", name="Deze tabel downloaden (CSV)").first.click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 1 + 20 * 7 and all(len(r) == 9 for r in rows)
    peer = next(r for r in rows[1:] if r[0] == area and r[3] == "peer")
    assert "," in peer[6] or peer[6] == "0"  # a decimal comma, not a point
    assert "." not in peer[6]

    link = row.locator("td[data-model=peer] a.cell-activities")
    expect(link).to_have_accessible_name(
        re.compile(rf"^\d+ activiteit(en)? van .+ in {area_name}$")
    )
    assert "/api/" not in link.get_attribute("href")
    count = int(link.inner_text())
    link.click()
    # The wijk's public page, at its block for the work model: exactly the activities counted.
    expect(page.get_by_role("heading", level=1)).to_contain_text(area_name)
    block = page.get_by_role("region", name=re.compile("Lotgenotennetwerken"))
    expect(block.get_by_role("listitem")).to_have_count(count)


def test_the_summary_fits_a_phone(live_server, demo, page: Page):
    member("an", "policymaker")
    page.set_viewport_size({"width": 360, "height": 780})
    log_in(page, live_server.url, "an")
    summary = page.get_by_role("region", name="In het kort, per wijk")
    expect(summary).to_be_visible()
    # Wide tables scroll inside their own box; the page itself does not scroll sideways.
    assert horizontal_overflow(page) == 0
    ARTIFACTS.mkdir(exist_ok=True)
    summary.screenshot(path=str(ARTIFACTS / "dashboard-summary-360.png"))
