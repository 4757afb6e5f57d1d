"""Logging in: each role starts on its own page (places.roles.start_page), unless the login
was asked for by a page (`next`) that is safe to return to. Password guessing is stopped by
django-axes (settings: AXES_*); password reset requests are limited per e-mail address and per
client address."""

import hashlib
import logging

from axes.helpers import get_cool_off
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.views import LoginView, PasswordResetConfirmView, PasswordResetView
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils import translation
from redis.exceptions import RedisError

from buurt.queries import municipalities
from core.client_address import client_address
from places.roles import start_page

log = logging.getLogger(__name__)


class RoleLoginView(LoginView):
    """Django's login; only the page after it, when no safe `next` is given, differs."""

    def get_default_redirect_url(self) -> str:
        name = start_page(self.request.user)
        if name == "frontend:coverage-index":
            # With one municipality, its dashboard rather than a list of one.
            only = list(municipalities().values_list("code", flat=True)[:2])
            if len(only) == 1:
                return reverse("frontend:coverage", args=only)
        return resolve_url(name)


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a login that is locked out (AXES_LOCKOUT_CALLABLE): when it
    opens again and the way back through a password reset, in the reader's language."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    # /accounts/ has no language prefix: the visitor's choice or browser decides, as for the
    # short links on posters.
    with translation.override(translation.get_language_from_request(request)):
        return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


def _count(key: str, seconds: int) -> int | None:
    """One more request under `key` in the cache's window; None when the cache is down."""
    try:
        cache.add(key, 0, seconds)
        return cache.incr(key)
    except (RedisError, OSError, ValueError):
        # ValueError: the key expired between add and incr; count this one as the first.
        try:
            cache.set(key, 1, seconds)
            return 1
        except (RedisError, OSError):
            log.warning("Password reset limits are off: the cache does not answer.")
            return None


def password_reset_allowed(*, email: str, address: str) -> bool:
    """Whether one more reset mail may go out to `email` asked from `address`.

    Counted the same whether an account has that address or not, so that the answer says
    nothing about who has an account. Without a cache (Redis down) the limit is open: a reset
    mail is how a locked-out worker gets back in, and logins themselves stay limited by
    django-axes in the database.
    """
    seconds = settings.PASSWORD_RESET_LIMIT_SECONDS
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    per_email = _count(f"password-reset:email:{digest}", seconds)
    per_address = _count(f"password-reset:address:{address}", seconds)
    return not (
        (per_email is not None and per_email > settings.PASSWORD_RESET_LIMIT_PER_EMAIL)
        or (per_address is not None and per_address > settings.PASSWORD_RESET_LIMIT_PER_ADDRESS)
    )


class LimitedPasswordResetView(PasswordResetView):
    """Django's password reset (the same "check your mail" for every address), limited."""

    template_name = "frontend/accounts/password_reset_form.html"

    def form_valid(self, form):
        if not password_reset_allowed(
            email=form.cleaned_data["email"], address=client_address(self.request)
        ):
            with translation.override(translation.get_language_from_request(self.request)):
                return render(self.request, "registration/password_reset_limited.html", status=429)
        return super().form_valid(form)


class UnlockingPasswordResetConfirmView(PasswordResetConfirmView):
    """A new password also lifts a lockout of that account: the way back from it."""

    template_name = "frontend/accounts/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        return response
