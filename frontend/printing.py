"""Printed output (posters as HTML and PDF, the dashboard's PDF report): made once per data
version and language, and making it is throttled per client.

A PDF costs about a second of CPU: eight anonymous requests at once took the home page to
4.9 s. What was made is kept until the data change (the data version of api.tiles, which
every change to places, activities, areas and dates moves on) or the day does (posters say
"this week"), and only making counts towards the limit (`THROTTLE_PRINT`, per address for
visitors and per account for those logged in).
"""

import hashlib
import math
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from rest_framework.throttling import SimpleRateThrottle

from api.tiles import data_version

# An hour at most: a poster's "this week" moves on with the clock as well as with the data.
PRINT_CACHE_SECONDS = 3600
Made = TypeVar("Made")


class PrintRateThrottle(SimpleRateThrottle):
    """DRF's throttle, so that a client is who NUM_PROXIES says it is, as in the API."""

    scope = "print"

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        ident = user.pk if user is not None and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def _key(request: HttpRequest, kind: str, parts: Iterable[str]) -> str:
    # The host is in it: posters carry their own address (and its QR code).
    text = "|".join(
        [
            kind,
            str(data_version()),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            request.scheme,
            request.get_host(),
            *parts,
        ]
    )
    return "print:" + hashlib.sha256(text.encode()).hexdigest()


def too_many(wait: float | None) -> HttpResponse:
    """A plain 429: no page to build, that is the point."""
    response = HttpResponse(
        _("Too many posters and reports were asked for from your address. Try again later."),
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(max(1, math.ceil(wait or 60)))
    return response


def printed(
    request: HttpRequest, *, kind: str, parts: Iterable[str], make: Callable[[], Made]
) -> Made | HttpResponse:
    """What `make()` makes for these parts in this language and data version: from the cache
    when it was made already, else made (if the client is within its limit) and kept; a 429
    response when it is not."""
    key = _key(request, kind, parts)
    made = cache.get(key)
    if made is not None:
        return made
    throttle = PrintRateThrottle()
    if not throttle.allow_request(request, None):
        return too_many(throttle.wait())
    made = make()
    cache.set(key, made, PRINT_CACHE_SECONDS)
    return made
