"""The pages as residents, workers and policymakers see them, at a phone's and a laptop's
size, in Dutch, French and English: each screenshot is compared with its committed
reference in tests/browser/screenshots/ (`make screenshots` rewrites them after an intended
change), axe-core finds no serious or critical violation, and Tab gives every control a
visible focus.

Determinism: the demo is loaded and the pages are rendered on one pinned Monday morning
(time-machine, ticking from there; the browser's clock too); the service worker is blocked
(no "slow connection" notice from a saved copy); map tiles are blank and every map is masked
(its markers come in their own time); animations are stopped and the caret hidden by
Playwright; the only fonts are Debian's DejaVu (scripts/setup.sh installs them)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from io import BytesIO, StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page

from .conftest import _new_page
from .reach import axe_violations
from .screenshot_support import (
    ARTIFACTS,
    CONTROL_KEY,
    FOCUS_BEFORE,
    FOCUS_STATE,
    MAX_HEIGHT,
    REFERENCES,
    ROOT,
    UPDATE_COMMAND,
    UPDATE_VARIABLE,
    artifact_save,
    compare,
    reduced,
    reference_save,
    updating,
)
from .test_reach import public_pages
from .workspace_support import PASSWORD

pytestmark = pytest.mark.browser

BRUSSELS = ZoneInfo("Europe/Brussels")
# A Monday, so that "this week" is a whole week; 09:30, before the morning's activities.
PINNED = datetime(2030, 1, 7, 9, 30, tzinfo=BRUSSELS)
LANGUAGES = ("nl", "fr", "en")
ACCEPT_LANGUAGE = {"nl": "nl-BE,nl;q=0.9", "fr": "fr-BE,fr;q=0.9", "en": "en-GB,en;q=0.9"}
SIZES = ((360, 780), (1366, 900))
# The poster prints the site's address and its QR code: the live server has a fixed port
# (below the range the system hands out), so that both look the same in every run.
PORT = 8643
THIS_FILE = Path(__file__).relative_to(ROOT)


@dataclass(frozen=True)
class Shot:
    """A page in a state, as one user sees it (shot_path gives its address)."""

    page: str
    state: str
    user: str | None  # None: not logged in

    @property
    def name(self) -> str:
        return f"{self.page}-{self.state}"


SHOTS = (
    Shot("home", "default", None),
    Shot("activity", "default", None),
    Shot("neighbourhood", "default", None),
    Shot("poster", "default", None),
    Shot("workspace-form", "empty", "sofie"),
    Shot("workspace-form", "errors", "sofie"),
    Shot("moderation", "default", "mo"),
    Shot("dashboard", "default", "an"),
    Shot("login", "default", None),
)


def shot_path(shot: Shot, language: str) -> str:
    if shot.page in ("home", "activity", "neighbourhood", "poster"):
        return public_pages(language)[shot.page]
    # /accounts/ has no language prefix: the visitor's choice (a cookie) or browser decides.
    if shot.page == "login":
        return reverse("login")
    with translation.override("nl-be" if language == "nl" else language):
        return {
            "workspace-form": reverse("frontend:workspace-new"),
            "moderation": reverse("frontend:workspace-moderation"),
            "dashboard": reverse("frontend:coverage", args=["99001"]) + "?level=district",
        }[shot.page]


class Site:
    """The live server with the demo, one browser context per size and user (logged in
    once), and the console errors and CSP violations of each."""

    def __init__(self, url: str, browser: Browser) -> None:
        self.url, self.browser = url, browser
        self.pages: dict[tuple[tuple[int, int], str | None], Page] = {}
        self.errors: dict[BrowserContext, list[str]] = {}

    def page(self, size: tuple[int, int], user: str | None) -> Page:
        key = (size, user)
        if key not in self.pages:
            page, errors = _new_page(
                self.browser,
                viewport={"width": size[0], "height": size[1]},
                device_scale_factor=1,
                service_workers="block",
                timezone_id="Europe/Brussels",
            )
            page.context.clock.install(time=PINNED)  # before the first page loads
            self.errors[page.context] = errors
            if user:
                page.goto(f"{self.url}/accounts/login/")
                page.locator("#id_username").fill(user)
                page.locator("#id_password").fill(PASSWORD)
                page.locator("#id_password").press("Enter")
                page.wait_for_load_state()
            self.pages[key] = page
        page = self.pages[key]
        self.errors[page.context].clear()
        return page

    def open(self, shot: Shot, language: str, size: tuple[int, int]) -> Page:
        """The page of `shot` in `language`, loaded, its fonts ready, in its state."""
        page = self.page(size, shot.user)
        page.context.add_cookies([{"name": "django_language", "value": language, "url": self.url}])
        page.set_extra_http_headers({"Accept-Language": ACCEPT_LANGUAGE[language]})
        page.goto(self.url + shot_path(shot, language), wait_until="networkidle")
        if shot.state == "errors":
            # Posted as it stands: the title, the work models and the place are missing.
            with translation.override("nl-be" if language == "nl" else language):
                submit = gettext("Post the activity")
            page.get_by_role("button", name=submit, exact=True).click()
            page.wait_for_load_state("networkidle")
        page.evaluate("async () => { await document.fonts.ready; }")
        page.mouse.move(0, 0)
        return page

    def errors_of(self, page: Page) -> list[str]:
        return list(self.errors[page.context])


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, browser) -> Iterator[Site]:
    """The demo on the pinned day, loaded once for this module and committed, so that a live
    server of the module's own sees it (pytest-django's live_server would flush the database
    after every test); the database is flushed when the module is done, as after a
    transactional test, and the work models put back."""
    from django.test.utils import modify_settings
    from pytest_django.live_server_helper import LiveServer

    from events.work_models import work_models_ensure

    server, site = None, None
    with (
        django_db_blocker.unblock(),
        time_machine.travel(PINNED, tick=True),
        modify_settings(ALLOWED_HOSTS={"append": "localhost"}),
    ):
        try:
            (ARTIFACTS / "comparisons.txt").unlink(missing_ok=True)  # this run's only
            _world_load()
            try:
                server = LiveServer(f"localhost:{PORT}")
            except OSError as error:
                pytest.fail(f"port {PORT} is taken ({error}): the pictures show the address")
            site = Site(server.url, browser)
            yield site
        finally:
            for context in site.errors if site else ():
                context.close()
            if server is not None:
                server.stop()
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            work_models_ensure()


def _world_load() -> None:
    """The demo, Sofie (a community worker of the first verified organisation), Mo (a
    moderator, with one post of an unverified organisation waiting) and An (a
    policymaker)."""
    from django.contrib.auth import get_user_model

    from events.services import activity_create
    from events.services.schedules import ScheduleInput
    from events.work_models import work_models_ensure
    from places.models import Organisation, Place
    from places.services import membership_add

    work_models_ensure()
    call_command("load_demo", stdout=StringIO())
    users = get_user_model().objects
    organisations = Organisation.objects.order_by("name")
    verified = organisations.filter(verified=True).first()
    membership_add(organisation=verified, user=users.create_user("sofie", "", PASSWORD))
    membership_add(
        organisation=verified, user=users.create_user("mo", "", PASSWORD), role="moderator"
    )
    membership_add(
        organisation=organisations.first(),
        user=users.create_user("an", "", PASSWORD),
        role="policymaker",
    )
    newcomer = organisations.filter(verified=False).first()
    activity_create(
        organisation=newcomer,
        kind="recurring",
        title="Naaiatelier",
        summary="Samen kleren herstellen, met een naaimachine van het huis.",
        work_models=["volunteering"],
        place=Place.objects.filter(organisation=newcomer).first()
        or Place.objects.order_by("name").first(),
        schedule=ScheduleInput(
            dtstart=PINNED.replace(hour=14, minute=0) + timedelta(days=2),
            duration=timedelta(hours=2),
            rrule="FREQ=WEEKLY",
        ),
    )


def _id(shot: Shot, language: str, size: tuple[int, int]) -> str:
    return f"{shot.name}-{language}-{size[0]}x{size[1]}"


CASES = [(shot, language, size) for shot in SHOTS for language in LANGUAGES for size in SIZES]
IDS = [_id(*case) for case in CASES]


@pytest.mark.parametrize(("shot", "language", "size"), CASES, ids=IDS)
def test_the_page_looks_like_its_reference(site: Site, shot: Shot, language: str, size):
    page = site.open(shot, language, size)
    height = min(MAX_HEIGHT, page.evaluate("document.documentElement.scrollHeight"))
    png = page.screenshot(
        full_page=True,
        clip={"x": 0, "y": 0, "width": size[0], "height": height},
        animations="disabled",
        caret="hide",
        mask=[page.locator(".leaflet-container")],
        mask_color="#c8c8c8",
    )
    errors = site.errors_of(page)
    assert not errors, f"console errors: {errors}"
    actual = Image.open(BytesIO(png))
    name = f"{_id(shot, language, size)}.png"
    reference_path = REFERENCES / name
    if updating():
        reference_save(actual, reference_path)
        return
    if not reference_path.exists():
        artifact_save(actual, ARTIFACTS / name)
        pytest.fail(
            f"no reference screenshot {reference_path.relative_to(ROOT)}: "
            f"run `{UPDATE_COMMAND}` (or {UPDATE_VARIABLE}=1 pytest {THIS_FILE}) to create it, "
            f"look at it, and commit it (the actual one is in {ARTIFACTS / name})"
        )
    comparison = compare(actual, Image.open(reference_path))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS / "comparisons.txt").open("a") as log:
        log.write(f"{name} {comparison.fraction:.6f} {comparison.different_pixels}\n")
    if comparison.matches:
        return
    actual_path = ARTIFACTS / name
    diff_path = ARTIFACTS / name.replace(".png", "-diff.png")
    artifact_save(actual, actual_path)
    if comparison.diff is not None:
        artifact_save(comparison.diff, diff_path)
    reference = Image.open(reference_path)
    what = (
        f"{comparison.fraction:.3%} of the pixels differ ({comparison.different_pixels})"
        if comparison.diff is not None
        else f"the size changed from {reference.size} to {actual.size}"
    )
    pytest.fail(
        f"{name}: {what}; actual {actual_path}, diff {diff_path if comparison.diff else '-'}, "
        f"reference {reference_path}. After an intended change, `{UPDATE_COMMAND}`."
    )


PHONE, LAPTOP = SIZES
AXE_CASES = [(shot, language) for shot in SHOTS for language in LANGUAGES]


@pytest.mark.parametrize(
    ("shot", "language"), AXE_CASES, ids=[f"{s.name}-{lang}" for s, lang in AXE_CASES]
)
def test_axe_finds_no_serious_or_critical_violation(site: Site, shot: Shot, language: str):
    """axe-core's every rule, colour contrast included, on the page as a phone shows it."""
    page = site.open(shot, language, PHONE)
    violations = axe_violations(page)
    errors = site.errors_of(page)
    assert not violations, "\n".join(violations)
    assert not errors, f"console errors: {errors}"


# Tab from the top at most this often; a page whose controls end sooner comes back to the
# first one and stops there.
MAX_TABS = 200
# Controls that Tab must reach: every visible form control outside the maps (links are
# many; these are what a page is for).
CONTROLS = """() => [...document.querySelectorAll(
    'button, input:not([type=hidden]), select, textarea, summary')]
  .filter(el => !el.closest('.leaflet-container') && !el.disabled
          && el.checkVisibility({visibilityProperty: true}))
  .map(el => { el.setAttribute('data-control', ''); return CONTROL_KEY(el); })""".replace(
    "CONTROL_KEY", CONTROL_KEY
)
# A skip link, where the page has one, is the first thing Tab reaches.
SKIP_LINK = """() => {
  const link = document.querySelector('a.govuk-skip-link, a.skip-link, a[href="#main"],'
    + ' a[href="#content"], a[href="#main-content"]');
  return link ? link.textContent.trim() : null;
}"""


def tab_through(page: Page) -> list[dict]:
    """Every element Tab reaches from the top, in order, as FOCUS_STATE describes it."""
    page.evaluate(FOCUS_BEFORE)
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    reached = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            continue
        if state["first"]:
            break
        if not state["seen"]:
            reached.append(state)
    return reached


@pytest.mark.parametrize("shot", SHOTS, ids=[shot.name for shot in SHOTS])
def test_tab_shows_where_the_focus_is_on_every_control(site: Site, shot: Shot):
    """Keyboard users see where they are: every element Tab reaches is visible and looks
    different focused (an outline, a shadow, a border or a background), and Tab reaches
    every form control of the page."""
    page = site.open(shot, "nl", LAPTOP)
    controls = page.evaluate(CONTROLS)
    skip_link = page.evaluate(SKIP_LINK)
    # A page that focuses something as it loads (the error summary of a form with errors,
    # the login's first field) starts Tab there, by design; any other starts at the skip link.
    autofocused = page.evaluate("document.activeElement !== document.body")
    reached = tab_through(page)
    errors = site.errors_of(page)
    if skip_link and not autofocused:
        assert reached and skip_link in reached[0]["name"], (skip_link, reached[:1])
    hidden = [state["name"] for state in reached if not state["visible"]]
    unmarked = [
        state["name"]
        for state in reached
        if state["visible"] and not state["outline"] and not set(state["changed"]) - {"color"}
    ]
    missed = sorted(set(controls) - {state["control"] for state in reached if state["control"]})
    problems = {
        "focused but not visible": hidden,
        "no visible focus indicator": unmarked,
        "controls Tab never reached": missed,
    }
    if missed and len(reached) >= MAX_TABS:
        problems["stopped"] = f"after {MAX_TABS} Tabs; raise MAX_TABS if the page has more"
    assert not any(problems.values()), {k: v for k, v in problems.items() if v}
    assert not errors, f"console errors: {errors}"


def test_the_comparison_sees_a_changed_word_and_a_changed_size():
    """The tolerance lets identical pictures pass and catches a word-sized change (a dark
    block of 50 x 20 pixels on a phone's page), with a diff that shows where."""
    page = Image.new("RGB", (360, 1500), "white")
    page.paste(Image.new("RGB", (300, 40), (23, 74, 124)), (20, 20))
    assert compare(page, reduced(page).convert("RGB")).different_pixels == 0
    changed = page.copy()
    changed.paste(Image.new("RGB", (50, 20), (29, 29, 27)), (40, 200))
    comparison = compare(changed, reduced(page).convert("RGB"))
    assert comparison.different_pixels == 50 * 20 and not comparison.matches
    assert comparison.diff.getpixel((60, 210)) == (220, 0, 0)
    assert comparison.diff.getpixel((5, 5)) != (220, 0, 0)
    assert compare(page.crop((0, 0, 360, 1400)), page).fraction == 1.0
