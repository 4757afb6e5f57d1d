"""Password reset answers the same whether an account has the address or not, and is
limited per e-mail address and per client address (the cache counts; without a cache the
limit is open, see frontend.views.accounts.password_reset_allowed)."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/accounts/password_reset/"


def ask(email: str, *, address: str = "203.0.113.7", **meta):
    return Client(REMOTE_ADDR=address, **meta).post(URL, {"email": email}, follow=True)


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address():
    UserFactory(username="known", email="known@example.org")
    known = ask("known@example.org")
    unknown = ask("nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert (
        known.redirect_chain == unknown.redirect_chain == [("/accounts/password_reset/done/", 302)]
    )
    assert known.content == unknown.content
    # Only the account holder gets a mail.
    assert [message.to for message in mail.outbox] == [["known@example.org"]]


@pytest.mark.parametrize("email", ["known@example.org", "nobody@example.org"])
def test_one_address_gets_a_few_mails_an_hour_at_most(email):
    UserFactory(username="known", email="known@example.org")
    limit = settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    for n in range(limit):
        # Each from another client: it is the address that is counted here.
        assert ask(email, address=f"198.51.100.{n}").status_code == 200
    sent = len(mail.outbox)
    refused = ask(email.upper(), address="198.51.100.99")
    # The same refusal whether an account has the address or not.
    assert refused.status_code == 429
    assert "Te veel aanvragen" in refused.content.decode()
    assert len(mail.outbox) == sent


def test_one_client_asks_for_a_limited_number_of_addresses():
    UserFactory(username="known", email="known@example.org")
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_ADDRESS):
        assert ask(f"guess{n}@example.org").status_code == 200
    assert ask("known@example.org").status_code == 429
    assert mail.outbox == []
    # Another client is not held back by it.
    assert ask("known@example.org", address="198.51.100.20").status_code == 200
    assert len(mail.outbox) == 1


def test_made_up_forwarded_for_headers_do_not_escape_the_client_limit():
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_ADDRESS):
        ask(f"guess{n}@example.org", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert ask("another@example.org", HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


@pytest.mark.parametrize(
    ("language", "phrase"), [("fr", "Trop de demandes"), ("en", "Too many requests")]
)
def test_the_refusal_speaks_the_readers_language(language, phrase):
    for _ in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL + 1):
        response = ask("someone@example.org", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 429
    assert phrase in response.content.decode()


@pytest.mark.parametrize(
    "backend", ["core.cache.FailSoftRedisCache", "django.core.cache.backends.redis.RedisCache"]
)
def test_with_the_cache_down_reset_mails_still_go_out(backend):
    # A Redis nobody listens on (port 9 on loopback refuses at once): the site's fail-soft
    # cache, and Django's own, which raises.
    down = {
        "default": {
            "BACKEND": backend,
            "LOCATION": "redis://127.0.0.1:9/1",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    UserFactory(username="known", email="known@example.org")
    with override_settings(CACHES=down):
        for _ in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL + 2):
            assert ask("known@example.org").status_code == 200
    # Open, not closed: a reset mail is how a locked-out worker gets back in.
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL + 2
