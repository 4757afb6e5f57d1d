"""Fixtures of the subscription tests: a real SMTP server on loopback (aiosmtpd), a pinned
week, and a small offer in the test territory."""

import re
import socket
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.contrib.gis.geos import Point
from django.test import override_settings

from events.models import Occurrence
from events.recurrence.rules import BRUSSELS
from tests.factories import ActivityFactory, PlaceFactory, ScheduleFactory

# Sunday 6 December 2026, 10:00 in Brussels: the digest of the week of Monday 7 December is
# sent the next morning.
SUNDAY = datetime(2026, 12, 6, 10, 0, tzinfo=BRUSSELS)
MONDAY = datetime(2026, 12, 7, 7, 0, tzinfo=BRUSSELS)


class Inbox:
    """What the SMTP server received, parsed as e-mail messages."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.messages if message["To"] == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    """A real SMTP server on 127.0.0.1, and Django's SMTP backend pointed at it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=controller.port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_TIMEOUT=5,
            DEFAULT_FROM_EMAIL="buurtwijzer@example.org",
            SITE_URL="https://buurtwijzer.example.org",
        ):
            yield inbox
    finally:
        controller.stop()


@pytest.fixture
def sunday():
    with time_machine.travel(SUNDAY, tick=False) as traveller:
        yield traveller


def body(message: EmailMessage, subtype: str) -> str:
    return message.get_body(preferencelist=(subtype,)).get_content()


def link_path(message: EmailMessage, name: str) -> str:
    """The path of a link in the plain text of a mail (confirm, uitschrijven, wijzigen)."""
    urls = re.findall(r"https://buurtwijzer\.example\.org\S+", body(message, "plain"))
    found = [url for url in urls if f"/{name}/" in url]
    assert found, f"no {name} link in {urls}"
    return urlsplit(found[0]).path


def session_at(title: str, place, start: datetime, rrule: str = ""):
    activity = ActivityFactory(title=title, place=place, organisation=place.organisation)
    return ScheduleFactory(activity=activity, dtstart=start, rrule=rrule).activity


@pytest.fixture
def offer(territory, sunday):
    """In West: a weekly Tuesday evening (from 8 December), a Thursday session that is
    cancelled, and a session the week after; in Oost: one Wednesday session."""
    west = PlaceFactory(location=Point(3.705, 51.005, srid=4326))
    weekly = session_at(
        "Praatcafé Nederlands",
        west,
        datetime(2026, 12, 8, 19, 0, tzinfo=BRUSSELS),
        "FREQ=WEEKLY;COUNT=3",
    )
    thursday = session_at("Repair café", west, datetime(2026, 12, 10, 14, 0, tzinfo=BRUSSELS))
    Occurrence.objects.filter(activity=thursday).update(cancelled=True)
    later = session_at("Kerstmarkt", west, datetime(2026, 12, 19, 10, 0, tzinfo=BRUSSELS))
    east_place = PlaceFactory(location=Point(3.725, 51.005, srid=4326))
    east = session_at("Oost kookt", east_place, datetime(2026, 12, 9, 18, 0, tzinfo=BRUSSELS))
    return {"weekly": weekly, "thursday": thursday, "later": later, "east": east, **territory}
