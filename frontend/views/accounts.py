"""Logging in: each role starts on its own page (places.roles.start_page), unless the login
was asked for by a page (`next`) that is safe to return to."""

from django.contrib.auth.views import LoginView
from django.shortcuts import resolve_url
from django.urls import reverse

from buurt.queries import municipalities
from places.roles import start_page


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
