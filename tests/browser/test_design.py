"""The design system in the browser: checkboxes and radios are 44 px targets, the home page
on a phone puts the work models and the filters before the list, and a form with errors
starts with a focused error summary whose links lead to the fields."""

import pytest
from playwright.sync_api import Page, expect

from .conftest import _new_page

pytestmark = pytest.mark.browser

BOXES = """() => [...document.querySelectorAll(
    '#filters input[type=checkbox], #filters input[type=radio]')]
  .map((el) => { const r = el.getBoundingClientRect();
                 return [el.id || el.name, Math.round(r.width), Math.round(r.height)]; })"""


@pytest.mark.parametrize("width", [360, 1366])
def test_every_checkbox_and_radio_of_the_filters_is_a_44_pixel_target(
    live_server, demo, page: Page, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url)
    filters = page.locator("#filters details")
    if not filters.evaluate("details => details.open"):
        page.get_by_text("Filters", exact=True).click()
    boxes = page.evaluate(BOXES)
    # The seven work models, the four choices of when, free and wheelchair.
    assert len(boxes) >= 13, boxes
    small = [box for box in boxes if box[1] < 44 or box[2] < 44]
    assert not small, small


def test_a_phone_shows_the_title_the_work_models_and_the_filters_before_the_list(
    live_server, demo, page: Page
):
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(live_server.url)

    def top(locator) -> float:
        return locator.bounding_box()["y"]

    title = page.get_by_role("heading", level=1)
    models = page.get_by_role("navigation", name="Wat zoek je?")
    filters = page.locator("#filters summary")
    first_card = page.locator(".activity-card").first
    expect(first_card).to_be_visible()
    assert top(title) < top(models) < top(filters) < top(first_card)
    # The seven work models to tap, each with its pictogram; the filters one tap away.
    links = models.get_by_role("link")
    expect(links).to_have_count(7)
    assert links.first.locator("svg").count() == 1
    assert links.first.bounding_box()["height"] >= 44
    assert not page.locator("#filters details").evaluate("details => details.open")
    filters.click()
    expect(page.get_by_label("Vandaag", exact=True)).to_be_visible()
    page.screenshot(path="test-artifacts/design-home-360.png")


def test_a_work_model_tag_filters_the_list(live_server, demo, page: Page):
    page.goto(live_server.url)
    page.get_by_role("navigation", name="Wat zoek je?").get_by_role(
        "link", name="Mensen die hetzelfde meemaken"
    ).click()
    page.wait_for_url("**work_model=peer**")
    chosen = page.get_by_role("navigation", name="Wat zoek je?").get_by_role(
        "link", name="Mensen die hetzelfde meemaken"
    )
    expect(chosen).to_have_attribute("aria-current", "true")
    expect(page.get_by_label("Mensen die hetzelfde meemaken")).to_be_checked()


def test_a_form_with_errors_focuses_its_summary_and_its_links_lead_to_the_fields(
    live_server, demo, browser
):
    page, errors = _new_page(browser, java_script_enabled=False)
    page.goto(live_server.url + "/inschrijven/")
    page.get_by_label("Je e-mailadres").fill("geen adres")
    page.get_by_role("button", name="Versturen").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("alert")).to_contain_text("Er is een probleem")
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    summary.locator('a[href="#id_email"]').click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    expect(page.locator("#id_email_error")).to_contain_text("Fout:")
    page.context.close()
    # The form with errors is a 400 (as the view answers it); nothing else went wrong.
    assert [error for error in errors if "status of 400" not in error] == []
