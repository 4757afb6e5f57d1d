"""Throttling counts the client the server can vouch for, not what the client says it is."""

import random

import pytest
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db

TIGHT = {"anon": "5/minute", "user": "100/minute", "writes": "100/minute"}


def random_address() -> str:
    return ".".join(str(random.randint(1, 254)) for _ in range(4))


@pytest.fixture
def tight_limits(monkeypatch):
    # The rates are read once into the throttle class, so a settings override alone would
    # not reach them.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", TIGHT)


def test_a_made_up_forwarded_for_header_does_not_escape_the_anonymous_limit(
    client, tight_limits, settings
):
    codes = [
        client.get("/api/v1/work-models/", HTTP_X_FORWARDED_FOR=random_address()).status_code
        for _ in range(8)
    ]
    assert codes[:5] == [200] * 5 and set(codes[5:]) == {429}, codes
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0  # the default: no proxy is trusted


def test_behind_one_proxy_the_address_it_adds_is_the_client(client, tight_limits, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    # The proxy appends the address it saw; anything before it is the client's own claim.
    spoofed = [
        client.get(
            "/api/v1/work-models/", HTTP_X_FORWARDED_FOR=f"{random_address()}, 203.0.113.7"
        ).status_code
        for _ in range(7)
    ]
    assert spoofed[:5] == [200] * 5 and set(spoofed[5:]) == {429}, spoofed
    # Another resident behind the same proxy has a limit of their own.
    other = client.get("/api/v1/work-models/", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert other.status_code == 200
