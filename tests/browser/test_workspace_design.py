"""Issue 16: the workspace form on the design system. Posted with errors, in nl, fr and en,
it starts with the error summary, focused as the page loads, whose links reach every field
with an error; its work models are large checkboxes (44 px) with their pictograms; axe finds
nothing serious; a 360 px phone does not scroll sideways. The form and the coverage
dashboard are saved as screenshots (SHOTS) to look at."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.reach import axe_violations, horizontal_overflow, wider_than_viewport
from tests.browser.workspace_support import log_in

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/design-work-shots")
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1366, "height": 900}
# The page's language prefix, the submit button and the summary's title in that language.
LANGUAGES = {
    "nl": ("", "Activiteit plaatsen", "Er is een probleem"),
    "fr": ("/fr", "Publier l'activité", "Il y a un problème"),
    "en": ("/en", "Post the activity", "There is a problem"),
}


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def links_and_errors(page: Page) -> tuple[list[str], list[str]]:
    """The ids the error summary links to, and the form groups that show an error (by the
    box the workspace draws each field in)."""
    targets = page.locator(".govuk-error-summary a").evaluate_all(
        "links => links.map(link => link.getAttribute('href').slice(1))"
    )
    groups = page.locator(".activity-form .govuk-form-group--error").evaluate_all(
        "groups => groups.map(group => group.closest('.bw-field').id)"
    )
    return targets, groups


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_with_errors_starts_with_a_summary_linking_to_every_field(
    live_server, worker, page: Page, language
):
    prefix, submit, title = LANGUAGES[language]
    log_in(page, live_server.url)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{prefix}/werkruimte/nieuw/")
    if language == "nl":
        shoot(page, "form-empty-360")
    page.get_by_label(re.compile("Telefoon|Téléphone|Phone")).fill("09 123 45 67")
    page.locator("#id_cost_amount").fill("3")  # an amount without "Paid": an error on cost
    page.get_by_role("button", name=submit, exact=True).click()

    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", name=title)).to_be_visible()
    # The first thing in the form, focused as the page loads (autofocus, no script needed).
    first = page.locator(".activity-form > :not(input[type=hidden])").first
    assert first.get_attribute("class") == "govuk-error-summary"
    assert page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")
    assert page.title().startswith(("Fout:", "Erreur", "Error:")), page.title()

    targets, groups = links_and_errors(page)
    assert len(groups) >= 4, groups  # title, summary, work models, dates, cost, place…
    for target in targets:
        assert page.locator(f"[id='{target}']").count() == 1, f"the summary links to #{target}"
    reached = page.locator(".activity-form .bw-field").evaluate_all(
        """(boxes, targets) => boxes.filter(box => targets.some(id => {
             const node = document.getElementById(id);
             return node && (node === box || box.contains(node));
           })).map(box => box.id)""",
        targets,
    )
    assert set(groups) <= set(reached), f"fields with an error no link reaches: {groups}"
    # A link moves to its field: the work models' first box.
    summary.locator("a[href='#id_work_models_0']").click()
    assert page.evaluate("() => document.activeElement.id") == "id_work_models_0"

    assert horizontal_overflow(page) == 0, wider_than_viewport(page)
    assert axe_violations(page) == []
    if language == "nl":
        shoot(page, "form-errors-360")
        page.set_viewport_size(DESKTOP)
        shoot(page, "form-errors-1366")


def test_the_work_models_are_large_checkboxes_with_their_pictograms(
    live_server, worker, page: Page
):
    log_in(page, live_server.url)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/werkruimte/nieuw/")
    shoot(page, "form-empty-1366")
    models = page.get_by_role("group", name="Werkmodellen")
    boxes = models.get_by_role("checkbox")
    expect(boxes).to_have_count(7)
    for index in range(7):
        box = boxes.nth(index).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
        label = models.locator("label").nth(index)
        expect(label.locator("svg.wm-icon")).to_have_count(1)
        assert label.bounding_box()["height"] >= 44
    # Each box's description is its hint, read with it.
    first = boxes.first
    hint = page.locator(f"#{first.get_attribute('aria-describedby')}")
    expect(hint).not_to_be_empty()
    # Every checkbox and radio of the form is a large one.
    small = page.locator(
        ".activity-form input[type=checkbox], .activity-form input[type=radio]"
    ).evaluate_all(
        """inputs => inputs.filter(input => {
             const box = input.getBoundingClientRect();
             return input.offsetParent !== null && (box.width < 44 || box.height < 44);
           }).map(input => input.id)"""
    )
    assert small == []


def test_the_dashboard_settings_are_a_calm_form(live_server, policymaker, page: Page):
    page.goto(f"{live_server.url}/beleid/dekking/99001/?level=neighbourhood")
    page.get_by_label("Gebruikersnaam").fill("an")
    page.get_by_label("Wachtwoord").fill("veilig-wachtwoord-42")
    page.get_by_role("button", name="Aanmelden").click()
    settings = page.get_by_role("form", name="Instellingen van het dashboard")
    for label in ("Niveau", "Werkmodel op de kaart"):
        expect(settings.get_by_label(label)).to_be_visible()
    for size, name in ((DESKTOP, "dashboard-1366"), (PHONE, "dashboard-360")):
        page.set_viewport_size(size)
        # One row of settings on a wide screen; the button is a design-system button.
        button = settings.get_by_role("button", name="Tonen")
        assert "govuk-button" in button.get_attribute("class")
        assert button.bounding_box()["height"] >= 40
        shoot(page, name)
    assert horizontal_overflow(page) == 0, wider_than_viewport(page)
