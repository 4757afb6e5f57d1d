"""The digest at its largest still under 30 KB (tests/browser/test_digest_mail.py renders
one in Chromium)."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from events.recurrence.rules import BRUSSELS
from subscriptions.queries import DIGEST_MAX_SESSIONS
from subscriptions.services import (
    DigestFilter,
    digests_send,
    subscription_confirm,
    subscription_sign_up,
)
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
