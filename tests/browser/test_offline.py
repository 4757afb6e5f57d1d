"""Readable offline, in Chromium with its service worker (issue 17, part 3): a page opened
once reads offline with "offline — last updated at HH:MM", a logged-in page is never kept
and logging out empties what was, the second visit on Slow 3G shows the first activity
from the saved copy without waiting for the network, and a browser without service workers
gets the site as before."""

import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Error, Page, expect

from .conftest import _new_page
from .reach import (
    FIRST_ACTIVITY_IN_PAGE,
    SLOW_3G,
    record,
    throttle_service_workers,
    time_to_first,
)
from .test_reach import public_pages
from .workspace_support import log_in

pytestmark = pytest.mark.browser
BRUSSELS = ZoneInfo("Europe/Brussels")
OFFLINE_ERROR = r"ERR_INTERNET_DISCONNECTED|ERR_FAILED"
RESOURCE_OFFLINE = "Failed to load resource: net::ERR_INTERNET_DISCONNECTED"
SAVED = (
    "async (url) => Boolean(await caches.match(url, { cacheName: 'bw-pages', ignoreVary: true }))"
)


def open_page(browser: Browser, **options) -> tuple[Page, list[str]]:
    return _new_page(browser, timezone_id="Europe/Brussels", **options)


def saved(page: Page, url: str) -> bool:
    return page.evaluate(SAVED, url)


def wait_until_saved(page: Page, url: str) -> None:
    deadline = time.perf_counter() + 30
    while not saved(page, url):
        assert time.perf_counter() < deadline, f"{url} was not saved for reading offline"
        time.sleep(0.1)


def unexpected(errors: list[str]) -> list[str]:
    """The console's errors but the one a refused offline navigation logs (Chromium logs
    it for some versions and not others)."""
    return [error for error in errors if error != RESOURCE_OFFLINE]


def minutes_around_now() -> set[str]:
    now = datetime.now(BRUSSELS)
    return {(now + timedelta(minutes=delta)).strftime("%H:%M") for delta in (-2, -1, 0, 1)}


def assert_not_offline(notice) -> None:
    """Online, the page never says it is offline. A loaded machine may answer slower than
    the worker waits: then the saved copy shows with the slow-connection notice and its
    link to the newer version, which is the design (docs/offline.md), not a failure."""
    if notice.is_visible():
        text = notice.text_content()
        assert not text.startswith("offline"), text
        expect(notice.get_by_role("link")).to_be_visible()


def test_pages_opened_once_read_offline_with_the_time_they_were_updated(live_server, demo, browser):
    page, errors = open_page(browser)
    pages = public_pages()
    home = live_server.url + pages["home"]
    filtered = home + "?model=peer"
    activity = live_server.url + pages["activity"]
    page.goto(home)
    notice = page.locator("#offline-notice")  # role status, as the map's own
    expect(notice).to_be_hidden()
    wait_until_saved(page, home)  # the first visit: saved once the worker is running
    page.goto(filtered)
    wait_until_saved(page, filtered)
    page.locator(".activity-card a").first.click()
    page.wait_for_url("**/activiteit/**")
    opened = page.url
    wait_until_saved(page, opened)
    page.goto(activity)
    wait_until_saved(page, activity)
    title = page.get_by_role("heading", level=1).text_content()
    assert_not_offline(notice)

    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(notice).to_be_visible()
    shown = re.fullmatch(r"offline — laatst bijgewerkt om (\d\d:\d\d)", notice.text_content())
    assert shown, notice.text_content()
    assert shown[1] in minutes_around_now()
    page.screenshot(path="test-artifacts/offline-notice.png")

    for url in (home, filtered, opened):
        page.goto(url)
        expect(notice).to_have_text(re.compile(r"^offline — laatst bijgewerkt om \d\d:\d\d$"))
    assert page.locator(".activity-card").count() == 0  # an activity page, not the list
    page.goto(filtered)
    expect(page.locator(".activity-card").first).to_be_visible()
    page.goto(home)
    cards = page.locator(".activity-card")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 5
    page.screenshot(path="test-artifacts/offline-list.png", full_page=False)

    # A page never opened is not there offline.
    never_opened = live_server.url + pages["neighbourhood"]
    with pytest.raises(Error, match=OFFLINE_ERROR):
        page.goto(never_opened)
    # Offline, only the map's places could not load (the map says so): every page and
    # every script came from the saved copies.
    assert all("/api/v1/" in url or url == never_opened for url in failed), failed
    assert not unexpected(errors), errors
    errors.clear()

    page.context.set_offline(False)
    page.goto(activity)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert_not_offline(notice)
    page.context.close()
    assert not errors, errors


def test_a_logged_in_page_is_not_served_from_the_cache_after_logging_out(
    live_server, worker, browser
):
    page, errors = open_page(browser)
    pages = public_pages()
    activity = live_server.url + pages["activity"]
    page.goto(activity)
    wait_until_saved(page, activity)

    log_in(page, live_server.url)
    workspace = live_server.url + reverse("frontend:workspace")
    page.wait_for_url(workspace)
    expect(page.get_by_role("button", name="Afmelden")).to_be_visible()
    page.goto(activity)  # seen logged in: not kept, and the anonymous copy is dropped
    expect(page.get_by_role("button", name="Afmelden")).to_be_visible()
    page.goto(workspace)
    assert not saved(page, workspace)
    assert not saved(page, activity)

    page.get_by_role("button", name="Afmelden").click()
    page.wait_for_url(live_server.url + "/")
    assert not saved(page, workspace)
    page.context.set_offline(True)
    for url in (workspace, activity):
        with pytest.raises(Error, match=OFFLINE_ERROR):
            page.goto(url)
    page.context.close()
    assert not unexpected(errors), errors


def test_logging_out_empties_the_saved_pages(live_server, worker, browser):
    page, errors = open_page(browser)
    neighbourhood = live_server.url + public_pages()["neighbourhood"]
    page.goto(neighbourhood)
    wait_until_saved(page, neighbourhood)
    log_in(page, live_server.url)
    page.wait_for_url("**/werkruimte/")
    assert saved(page, neighbourhood)  # not seen since: still the anonymous copy
    page.get_by_role("button", name="Afmelden").click()
    page.wait_for_url(live_server.url + "/")
    assert not saved(page, neighbourhood)
    page.context.set_offline(True)
    with pytest.raises(Error, match=OFFLINE_ERROR):
        page.goto(neighbourhood)
    page.context.close()
    assert not unexpected(errors), errors


def test_the_second_visit_on_slow_3g_shows_the_first_activity_within_a_second(
    live_server, demo, browser
):
    page, errors = open_page(browser)
    page.add_init_script(FIRST_ACTIVITY_IN_PAGE)
    home = live_server.url + "/"
    first = time_to_first(page, home, ".activity-card", network=SLOW_3G)
    first_in_page = page.evaluate("window.firstActivityMs")
    wait_until_saved(page, home)
    throttling = throttle_service_workers(browser, page, SLOW_3G)
    second = time_to_first(page, home, ".activity-card", network=SLOW_3G)
    second_in_page = page.evaluate("window.firstActivityMs")
    expect(page.locator("#offline-notice")).to_have_text(
        re.compile(r"^trage verbinding — laatst bijgewerkt om \d\d:\d\d$")
    )
    # The fresh page comes after all (2 s round trips): the notice offers it.
    fresh = page.locator("#offline-notice").get_by_role("link", name="Toon de nieuwere versie")
    expect(fresh).to_be_visible(timeout=30_000)
    page.screenshot(path="test-artifacts/slow-3g-second-visit.png")
    throttling.detach()
    page.context.close()
    assert not errors, errors
    figures = {
        "first visit, first activity visible, s": round(first, 2),
        "first visit, in the page (since navigation start), s": round(first_in_page / 1000, 2),
        "second visit, first activity visible, s": round(second, 2),
        "second visit, in the page (since navigation start), s": round(second_in_page / 1000, 2),
    }
    record("slow 3G, second visit", figures)
    # In the page: from the navigation's start to the frame that paints the first card, what
    # a resident sees (the 1 s; measured and reported, bench/offline.py repeats it).
    # What the test holds is the mechanism: the saved copy showed without waiting for the
    # network, i.e. sooner than one Slow 3G round trip could bring any answer at all.
    round_trip_ms = SLOW_3G["latency"]
    assert second_in_page < round_trip_ms, figures
    assert first_in_page > round_trip_ms, figures  # the first visit did wait for it


def test_without_service_workers_the_site_works_as_before(live_server, demo, browser):
    page, errors = open_page(browser, service_workers="block")
    pages = public_pages()
    page.goto(live_server.url + pages["home"])
    expect(page.locator(".activity-card").first).to_be_visible()
    page.goto(live_server.url + pages["activity"])
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("#offline-notice")).to_be_hidden()
    assert page.evaluate("navigator.serviceWorker.controller") is None
    page.context.set_offline(True)
    with pytest.raises(Error, match=OFFLINE_ERROR):
        page.reload()
    page.context.close()
    assert not errors, errors
