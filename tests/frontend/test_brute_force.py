"""Password guessing on /accounts/login/ and the admin is stopped (django-axes): after
AXES_FAILURE_LIMIT failures an account, and an address, are locked out for a while, with a
plain page that says when it opens again and how to get back in at once."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "lang-genoeg-wachtwoord"
LIMIT = 5  # AXES_FAILURE_LIMIT's default


def worker(username: str = "guessed", **fields):
    user = UserFactory(username=username, **fields)
    user.set_password(PASSWORD)
    user.save()
    return user


def login(
    username: str, password: str, *, address: str = "203.0.113.7", path="/accounts/login/", **meta
):
    return Client(REMOTE_ADDR=address, **meta).post(
        path, {"username": username, "password": password}
    )


def fail(times: int, username: str = "guessed", **kwargs) -> None:
    for _ in range(times):
        response = login(username, "wrong-password", **kwargs)
        # The login form again with its error; the failure that reaches the limit is
        # answered with the lockout page already.
        assert response.status_code in (200, 429)


def test_an_account_is_locked_out_after_repeated_failures_even_with_the_right_password():
    worker()
    fail(LIMIT - 1)
    assert login("guessed", PASSWORD).status_code == 302  # one short of the limit: still in

    worker("other")
    fail(LIMIT - 1, "other")
    assert login("other", "wrong-password").status_code == 429
    response = login("other", PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Inloggen is even gepauzeerd" in text
    assert "15 minuten" in text
    assert 'href="/accounts/password_reset/"' in text
    # From another address too: it is the account that is locked.
    assert login("other", PASSWORD, address="198.51.100.20").status_code == 429


def test_an_address_is_locked_out_after_failures_for_many_accounts():
    worker("victim")
    for n in range(LIMIT):
        fail(1, f"sprayed{n}")
    assert login("victim", PASSWORD).status_code == 429
    # Another client logs in to the same account as usual.
    assert login("victim", PASSWORD, address="198.51.100.20").status_code == 302


def test_the_admin_login_counts_and_locks_out_too():
    worker("admin-guess", is_staff=True, is_superuser=True)
    for _ in range(LIMIT - 1):
        assert login("admin-guess", "wrong", path="/admin/login/").status_code == 200
    assert login("admin-guess", "wrong", path="/admin/login/").status_code == 429
    assert login("admin-guess", PASSWORD, path="/admin/login/").status_code == 429
    # The same account is locked on the site's own login page as well.
    assert login("admin-guess", PASSWORD).status_code == 429


def test_the_lockout_ends_after_the_cool_off():
    worker()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fail(LIMIT)
        assert login("guessed", PASSWORD).status_code == 429
        clock.shift(timedelta(minutes=14))
        assert login("guessed", PASSWORD).status_code == 429
        # Attempts while locked out do not keep it locked forever: 15 min after the last one.
        clock.shift(timedelta(minutes=16))
        assert login("guessed", PASSWORD).status_code == 302


def test_a_new_password_lifts_the_lockout():
    worker(email="guessed@example.org")
    fail(LIMIT)
    assert login("guessed", PASSWORD).status_code == 429

    client = Client(REMOTE_ADDR="203.0.113.7")
    response = client.post("/accounts/password_reset/", {"email": "guessed@example.org"})
    assert response.status_code == 302
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # Django swaps the token for a session
    new = "een-heel-nieuw-wachtwoord-42"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302, response.content.decode()[:500]
    assert login("guessed", new).status_code == 302


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ["Inloggen is even gepauzeerd", "15 minuten", "Kies een nieuw wachtwoord"]),
        ("fr", ["La connexion est suspendue", "15 minutes", "Choisir un nouveau mot de passe"]),
        ("en", ["Logging in is paused", "15 minutes", "Choose a new password"]),
    ],
)
def test_the_lockout_page_speaks_the_readers_language(language, words):
    worker()
    fail(LIMIT)
    response = login("guessed", PASSWORD, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 429
    text = response.content.decode()
    for word in words:
        assert word in text


def test_made_up_forwarded_for_headers_do_not_escape_the_address_lockout():
    # NUM_PROXIES=0 (the default): X-Forwarded-For is not believed at all.
    worker("victim")
    for n in range(LIMIT):
        fail(1, f"sprayed{n}", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert login("victim", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_behind_one_proxy_the_address_it_appended_is_the_client():
    worker("victim")
    rest = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    with override_settings(REST_FRAMEWORK=rest):
        # Every request arrives from the proxy (10.0.0.2); the client made up the first
        # entry and the proxy appended the address it saw.
        for n in range(LIMIT):
            fail(
                1,
                f"sprayed{n}",
                address="10.0.0.2",
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7",
            )
        locked = login(
            "victim", PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7"
        )
        assert locked.status_code == 429
        # Another visitor behind the same proxy is not locked out with them.
        other = login("victim", PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20")
        assert other.status_code == 302
