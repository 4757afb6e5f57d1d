"""The digest as a resident sees it: rendered by Chromium (readable, no images needed) and
saved as test-artifacts/digest-mail.png; and at its largest still under 30 KB."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from events.recurrence.rules import BRUSSELS
from subscriptions.queries import DIGEST_MAX_SESSIONS
from subscriptions.services import (
    DigestFilter,
    digests_send,
    subscription_confirm,
    subscription_sign_up,
)
from tests.browser.conftest import browser, page  # noqa: F401 (fixtures)
from tests.factories import PlaceFactory

from .conftest import MONDAY, session_at

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def digest_mail(area, language="nl-be"):
    subscription = subscription_sign_up(
        email="rita@example.org", language=language, digest=DigestFilter(area=area)
    )
    subscription_confirm(token=subscription.token)
    mail.outbox.clear()
    with time_machine.travel(MONDAY, tick=False):
        assert digests_send(week=MONDAY.date()).sent == 1
    (message,) = mail.outbox
    ((html, _type),) = message.alternatives
    return message, html


@pytest.mark.browser
@pytest.mark.django_db
def test_digest_html_reads_well_in_a_browser(page, offer):  # noqa: F811
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


@pytest.mark.django_db
def test_a_full_week_stays_under_30_kb(territory):
    with time_machine.travel(datetime(2026, 12, 6, 10, 0, tzinfo=BRUSSELS), tick=False):
        place = PlaceFactory()
        start = datetime(2026, 12, 7, 9, 0, tzinfo=BRUSSELS)
        for number in range(DIGEST_MAX_SESSIONS + 5):
            session_at(
                f"Een activiteit met een lange titel die veel plaats inneemt, nummer {number}",
                place,
                start + timedelta(hours=number * 3),
            )
        assert timezone.now() < start
    message, html = digest_mail(territory["west"])
    assert len(html.encode()) <= 30_000
    assert len(message.body.encode()) <= 30_000
    assert html.count("<li") == DIGEST_MAX_SESSIONS
    assert "En nog 5 sessies op de site" in html
