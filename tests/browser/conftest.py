"""Browser tests: Debian's Chromium driven by Playwright, map tiles intercepted, and any
console error or Content-Security-Policy violation fails the test."""

import base64
import os
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# A 1x1 transparent PNG stands in for every map tile: tests never reach the internet.
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)

# Every page reports what its Content-Security-Policy blocked (or, under a report-only
# policy, would have blocked). Init scripts and bindings come in through the DevTools
# protocol, outside the page's policy, so they see violations of the page's own code.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__buurtwijzerCspViolation(
    `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}` +
      ` (${event.sourceFile || document.URL}:${event.lineNumber}) ${event.sample || ""}`
  );
}, true);
"""

# Playwright's sync API runs an event loop in this thread; the ORM calls in tests are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def wait_until(page: Page, expression: str, *, timeout: float = 30_000) -> None:
    """page.wait_for_function for a JavaScript expression, under the page's CSP: Playwright
    compiles a string predicate with eval inside the page, which script-src (rightly, no
    'unsafe-eval') refuses, so the expression is asked from here until it is true."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(f"Boolean({expression})"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"not true after {timeout} ms: {expression}")
        page.wait_for_timeout(50)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing; `make setup` installs Debian's chromium.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def _new_page(browser: Browser, **context_options) -> tuple[Page, list[str]]:
    context = browser.new_context(locale="nl-BE", **context_options)
    context.route(
        "**/tile.openstreetmap.org/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_TILE),
    )
    errors: list[str] = []
    context.expose_function("__buurtwijzerCspViolation", lambda text: errors.append(text))
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    page, errors = _new_page(browser)
    yield page
    page.context.close()
    assert not errors, f"console errors: {errors}"


@pytest.fixture
def page_without_javascript(browser: Browser) -> Iterator[Page]:
    page, errors = _new_page(browser, java_script_enabled=False)
    yield page
    page.context.close()
    assert not errors


@pytest.fixture
def demo(transactional_db):
    """The demo in a database the live server sees, its neighbourhoods' sensitivity
    assessed (2018-2023) by load_demo itself. A transactional test's flush removes the work
    models of the data migration, so they are put back first."""
    from io import StringIO

    from django.core.management import call_command

    from events.work_models import work_models_ensure

    work_models_ensure()
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def worker(demo):
    """Sofie, a community worker of the first verified demo organisation, and one of its
    places with an exact address; she logs in with workspace_support.PASSWORD."""
    from django.contrib.auth import get_user_model

    from places.models import Organisation, Place, Precision
    from places.services import membership_add

    from .workspace_support import PASSWORD

    organisation = Organisation.objects.filter(verified=True).order_by("name").first()
    user = get_user_model().objects.create_user("sofie", "sofie@example.org", PASSWORD)
    membership_add(organisation=organisation, user=user)
    place = Place.objects.filter(organisation=organisation, precision=Precision.EXACT).first()
    return {"organisation": organisation, "place": place, "user": user}


@pytest.fixture
def policymaker(demo):
    """An, a policymaker of the first demo organisation (password veilig-wachtwoord-42)."""
    from places.models import Organisation
    from places.services import membership_add
    from tests.factories import UserFactory

    user = UserFactory(username="an")
    user.set_password("veilig-wachtwoord-42")
    user.save()
    membership_add(organisation=Organisation.objects.first(), user=user, role="policymaker")
    return user
