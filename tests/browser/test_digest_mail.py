"""The digest as a resident sees it: rendered by Chromium (readable, no images needed) and
saved as test-artifacts/digest-mail.png. Here, beside the other browser tests, so that it
shares their one browser (a second sync Playwright in the same process refuses to start)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.subscriptions.conftest import offer, sunday  # noqa: F401 (fixtures)
from tests.subscriptions.test_digest_rendered import digest_mail

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.browser
@pytest.mark.django_db
def test_digest_html_reads_well_in_a_browser(page, offer):  # noqa: F811 (fixture)
    _message, html = digest_mail(offer["west"])
    page.set_viewport_size({"width": 400, "height": 700})
    page.route("**/*", lambda route: route.abort())  # a mail reader that loads nothing
    page.set_content(html)
    expect(page.get_by_role("heading", name="Wat is er te doen in West")).to_be_visible()
    expect(page.get_by_role("link", name="Praatcafé Nederlands")).to_be_visible()
    expect(page.get_by_text("AFGELAST")).to_be_visible()
    expect(page.get_by_role("link", name="Uitschrijven")).to_be_visible()
    assert page.evaluate("document.images.length") == 0
    # Nothing wider than a phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "digest-mail.png"), full_page=True)
