"""The reach bars of the public site, measured in Chromium: accessibility (axe-core), a
360-pixel phone, 200% zoom, the keyboard, page weight and a slow 3G network. The figures
go to test-artifacts/reach.json for the closing note."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Browser

from events.models import Occurrence, Status

from .conftest import _new_page
from .reach import (
    SLOW_3G,
    axe_violations,
    compressed_weight,
    horizontal_overflow,
    keyboard_reachable,
    record,
    tap_targets_too_small,
    time_to_first,
    wider_than_viewport,
)

pytestmark = pytest.mark.browser
LANGUAGES = ("nl", "fr", "en")
NEIGHBOURHOOD = "99001W03"


def public_pages(language: str = "nl") -> dict[str, str]:
    """The pages the reach bars cover, in the demo (an activity with dates to come), with
    the language in the path as the site puts it (none for Dutch)."""
    upcoming = (
        Occurrence.objects.filter(
            start__gte=timezone.now(), activity__status=Status.PUBLISHED, cancelled=False
        )
        .order_by("start")
        .first()
    )
    with translation.override("nl-be" if language == "nl" else language):
        return {
            "home": reverse("frontend:home"),
            "activity": reverse("frontend:activity", args=[upcoming.activity_id]),
            "neighbourhood": reverse("frontend:neighbourhood", kwargs={"code": NEIGHBOURHOOD}),
            "poster": reverse("frontend:poster", kwargs={"code": NEIGHBOURHOOD}),
        }


def open_page(browser: Browser, **context_options):
    return _new_page(browser, **context_options)


def test_no_serious_or_critical_accessibility_violations(live_server, demo, browser):
    found, checked = {}, 0
    for language in LANGUAGES:
        for name, path in public_pages(language).items():
            page, errors = open_page(browser)
            page.goto(live_server.url + path)
            assert page.evaluate("document.documentElement.lang").startswith(language)
            violations = axe_violations(page)
            if violations:
                found[f"{name} {language}"] = violations
            checked += 1
            page.context.close()
            assert not errors, errors
    record("axe", {"pages checked": checked, "serious or critical": found})
    assert not found


def test_a_360_pixel_phone_gets_big_tap_targets_and_no_sideways_scrolling(
    live_server, demo, browser
):
    problems = {}
    for language in LANGUAGES:
        for name, path in public_pages(language).items():
            page, errors = open_page(browser, viewport={"width": 360, "height": 740})
            page.goto(live_server.url + path)
            small, overflow = tap_targets_too_small(page), horizontal_overflow(page)
            if small or overflow:
                problems[f"{name} {language}"] = {
                    "too small": small,
                    "overflow px": overflow,
                    "wider": wider_than_viewport(page) if overflow else [],
                }
            if language == "nl":
                page.screenshot(path=f"test-artifacts/phone-{name}.png", full_page=True)
            page.context.close()
            assert not errors, errors
    record("phone 360px", problems or "all targets >= 44x44, no overflow")
    assert not problems


def test_the_pages_stay_usable_at_200_percent_zoom(live_server, demo, browser):
    # A 1280x800 window at 200% zoom lays pages out in 640x400 CSS pixels.
    for name, path in public_pages().items():
        page, errors = open_page(
            browser, viewport={"width": 640, "height": 400}, device_scale_factor=2
        )
        page.goto(live_server.url + path)
        assert horizontal_overflow(page) == 0, name
        assert page.get_by_role("heading", level=1).is_visible(), name
        page.context.close()
        assert not errors, errors


def test_every_control_of_the_home_page_is_reachable_with_the_keyboard(live_server, demo, browser):
    page, errors = open_page(browser)
    page.goto(live_server.url)
    reached = keyboard_reachable(page)
    assert {"Nederlands", "Français", "English"} <= set(reached)  # the language links
    for control in page.locator("main form").get_by_role("button").all():
        assert control.text_content().strip() in reached
    # The first activity of the list is reachable and opens with Enter.
    first = page.locator(".activity-card a").first
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/activiteit/**")
    page.context.close()
    assert not errors, errors


def test_page_weight_and_the_first_activity_on_slow_3g(live_server, demo, browser):
    page, errors = open_page(browser, java_script_enabled=False)
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(live_server.url)
    list_page = compressed_weight(responses)
    page.context.close()

    page, errors = open_page(browser)
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(live_server.url, wait_until="networkidle")
    own = compressed_weight(
        [r for r in responses if r.url.startswith(live_server.url + "/static/")],
        types=("script", "stylesheet"),
    )
    page.context.close()

    page, errors = open_page(browser)
    seconds = time_to_first(page, live_server.url, ".activity-card", network=SLOW_3G)
    page.context.close()
    assert not errors, errors

    figures = {
        "list page, HTML + CSS, gzip bytes": sum(list_page.values()),
        "map page's own JS + CSS, gzip bytes": sum(own.values()),
        "map page files": {url.rsplit("/static/", 1)[-1]: size for url, size in own.items()},
        "slow 3G, first activity visible, s": round(seconds, 2),
    }
    record("weight and slow 3G", figures)
    assert figures["list page, HTML + CSS, gzip bytes"] <= 60_000, figures
    assert figures["map page's own JS + CSS, gzip bytes"] <= 250_000, figures
    assert seconds <= 3.0, figures
