"""The activity page and the dashboard on paper (issue 16): Chromium in print media shows the
content and hides what a sheet cannot use (navigation, language switch, buttons, forms, maps,
offline notice); a printed PDF of the activity page holds its text and no navigation. The
poster has its own print styles (test_poster_and_error_pages.py)."""

import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from events.models import Activity
from tests.browser.test_home import ARTIFACTS

pytestmark = pytest.mark.browser


def displayed(page: Page, selector: str) -> list[bool]:
    """Per element: does it take room on the page (hidden ancestors included)?"""
    return page.evaluate(
        "(s) => [...document.querySelectorAll(s)].map((el) => el.getClientRects().length > 0)",
        selector,
    )


def pdf_text(page: Page, name: str) -> str:
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_the_activity_page_prints_its_content_and_no_controls(live_server, demo, page: Page):
    activity = (
        Activity.objects.filter(
            status="published", occurrences__start__gte=timezone.now(), contact_phone__gt=""
        )
        .distinct()
        .first()
    )
    page.goto(f"{live_server.url}/activiteit/{activity.pk}/")
    # On screen: the language links and the buttons.
    expect(page.get_by_role("navigation", name="Taal")).to_be_visible()
    expect(page.get_by_role("button", name="Afdrukken")).to_be_visible()

    page.emulate_media(media="print")
    title = page.get_by_role("heading", level=1)
    expect(title).to_be_visible()
    expect(page.get_by_role("heading", name="Hoe doe je mee")).to_be_visible()
    expect(page.get_by_text(activity.contact_phone, exact=False).first).to_be_visible()
    expect(page.get_by_role("link", name="Buurtwijzer")).to_be_visible()  # the site's name
    # The page's address stays, to type in; the sharing buttons go.
    expect(page.get_by_label("Link om te delen")).to_be_visible()
    expect(page.get_by_role("navigation", name="Taal")).to_be_hidden()
    for hidden in [
        "body > header nav",
        "body > header form",
        "main button",
        "main form",
        ".keep .actions",
        ".read-aloud",
        "#offline-notice",
        "body > footer",
    ]:
        assert not any(displayed(page, hidden)), hidden
    # Black on white; how to join is never split across two sheets.
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.querySelector('.join')).breakInside") == (
        "avoid"
    )
    # An external link says where it goes; a link within the site does not.
    after = page.evaluate(
        """() => {
          const p = document.querySelector('main .lead');
          const out = document.createElement('a');
          const own = document.createElement('a');
          out.href = 'https://example.org/x';
          own.href = '/privacy/';
          out.textContent = own.textContent = 'x';
          p.append(out, own);
          return [out, own].map((a) => getComputedStyle(a, '::after').content);
        }"""
    )
    assert after[0] == '" (" "https://example.org/x" ")"' or "https://example.org/x" in after[0]
    assert after[1] == "none", after

    text = pdf_text(page, "activity-print")
    assert title.inner_text().split(":")[0] in text
    assert "Hoe doe je mee" in text and activity.contact_phone in text
    for control in ["Afdrukken", "Lees voor", "Delen via WhatsApp", "Privacy", "Werkruimte"]:
        assert control not in text, control


def test_the_coverage_dashboard_prints_its_figures_without_the_map_and_the_settings(
    live_server,
    policymaker,
    page: Page,
):
    page.goto(f"{live_server.url}/beleid/dekking/99001/?level=district")
    page.get_by_label("Gebruikersnaam").fill("an")
    page.get_by_label("Wachtwoord").fill("veilig-wachtwoord-42")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Dekking in Buurtegem", exact=True)).to_be_visible()
    expect(page.locator("#coverage-map path[data-share]").first).to_be_attached()

    page.emulate_media(media="print")
    expect(page.get_by_role("heading", name="Dekking in Buurtegem", exact=True)).to_be_visible()
    expect(page.get_by_role("table", name="Werkmodellen per district in Buurtegem")).to_be_visible()
    expect(page.locator("#summary")).to_be_visible()
    for hidden in [
        "#coverage-map",
        "section:has(> #coverage-map)",
        ".dashboard-settings",
        ".downloads",
        "main p:has(> a[download])",
        ".work-nav",
        "body > header nav",
    ]:
        assert not any(displayed(page, hidden)), hidden
    # The matrix keeps its colours on paper (their cells carry their own text colour).
    cell = "document.querySelector('#coverage-matrix td[data-model]')"
    assert page.evaluate(f"getComputedStyle({cell}).printColorAdjust") == "exact"
    assert page.evaluate(f"{cell}.style.color") != ""

    text = pdf_text(page, "dashboard-print")
    assert "Dekking in Buurtegem" in text and "Werkmodellen per gebied" in text
    for control in ["Afmelden", "Werkruimte", "Deze tabel downloaden"]:
        assert control not in text, control
