"""The browser side of issue 15: a Content-Security-Policy violation is caught by every
browser test (conftest), and the lockout page after too many failed logins."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, expect

from tests.browser.conftest import _new_page

pytestmark = pytest.mark.browser

STRICT_PAGE = """<!doctype html><html lang="en"><head><title>t</title>
<style>body { color: red; }</style></head>
<body><p>x</p><script>document.title = "ran";</script></body></html>"""


def test_a_csp_violation_is_reported_to_the_test(browser: Browser):
    page, errors = _new_page(browser)
    page.context.route(
        "http://csp-check.test/",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            headers={"Content-Security-Policy": "default-src 'self'"},
            body=STRICT_PAGE,
        ),
    )
    page.goto("http://csp-check.test/")
    assert page.title() == "t"  # the inline script was blocked
    page.wait_for_timeout(200)  # the events arrive through the binding
    page.context.close()
    violations = [error for error in errors if error.startswith("CSP violation")]
    assert any("script-src" in violation for violation in violations), errors
    assert any("style-src" in violation for violation in violations), errors


def test_too_many_failed_logins_show_the_lockout_page_with_a_way_back(
    live_server, transactional_db, browser: Browser
):
    page, errors = _new_page(browser)
    get_user_model().objects.create_user("sofie", "sofie@example.org", "een-lang-wachtwoord")
    page.goto(f"{live_server.url}/accounts/login/")
    for _ in range(4):
        page.get_by_label("Gebruikersnaam").fill("sofie")
        page.get_by_label("Wachtwoord").fill("fout")
        page.get_by_role("button", name="Aanmelden").click()
        expect(page.get_by_role("alert")).to_contain_text("passen niet bij elkaar")
    page.get_by_label("Gebruikersnaam").fill("sofie")
    page.get_by_label("Wachtwoord").fill("fout")
    with page.expect_response(lambda r: r.url.endswith("/accounts/login/")) as answer:
        page.get_by_role("button", name="Aanmelden").click()
    assert answer.value.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen is even gepauzeerd")
    expect(page.get_by_text("Je kan het over 15 minuten opnieuw proberen.")).to_be_visible()
    page.get_by_role("link", name="Kies een nieuw wachtwoord").click()
    expect(page.get_by_label("E-mailadres")).to_be_visible()
    page.context.close()
    # The lockout answer's 429 is the one "error" the console reports: no CSP violation.
    assert all("429" in error for error in errors), errors
