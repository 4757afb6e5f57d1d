"""The WSGI application: the site, and a lean handler for plain vector-tile requests.

A map asks for dozens of tiles at once, and a tile at high zoom takes PostGIS well under a
millisecond; Django's full middleware stack (sessions, CSRF, authentication, messages,
django-axes, WhiteNoise, the API's language and body checks) then cost more than the tile.
A plain tile request (GET /tiles/{layer}/{z}/{x}/{y}.pbf with no query, or only ?kind=)
reads none of what those provide, so it goes to a second Django handler with only the
middleware that shapes its answer: security headers, compression, the replica, the
language headers, host checks, X-Frame-Options and the Content-Security-Policy. The answer
is the same, header for header (tests/api/test_tiles_wsgi.py); anything else about a
tile request (another method, another query, a NUL byte, a session cookie) takes the full stack.
"""

import os
import re

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

site = get_wsgi_application()

TILE_PATH = re.compile(r"/tiles/(?:places|activities|areas)/\d{1,2}/\d{1,9}/\d{1,9}\.pbf")
TILE_QUERY = re.compile(r"(?:kind=[a-z_]{1,30})?")
# What a plain tile request does not use: the tile view reads no session, user, message,
# form or body, and is not a static file, a login or an API path.
NOT_FOR_TILES = {
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "api.middleware.ApiLanguageMiddleware",
    "api.middleware.ApiBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.RefuseNulBytesMiddleware",
    "axes.middleware.AxesMiddleware",
}


STATEFUL_COOKIES = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)


class TileHandler(WSGIHandler):
    """Django's WSGI handler with settings.MIDDLEWARE less NOT_FOR_TILES."""

    def load_middleware(self, is_async=False):
        # Django builds the chain from settings.MIDDLEWARE only; it is set back at once.
        full = settings.MIDDLEWARE
        settings.MIDDLEWARE = [name for name in full if name not in NOT_FOR_TILES]
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = full


tiles = TileHandler()


def is_plain_tile_request(environ) -> bool:
    """GET of a tile path with no query or only ?kind=, and without a session or CSRF
    cookie (the full stack answers a stale one with a Set-Cookie)."""
    cookies = environ.get("HTTP_COOKIE", "")
    return (
        environ.get("REQUEST_METHOD") == "GET"
        and TILE_PATH.fullmatch(environ.get("PATH_INFO", "")) is not None
        and TILE_QUERY.fullmatch(environ.get("QUERY_STRING", "")) is not None
        and not any(f"{name}=" in cookies for name in STATEFUL_COOKIES)
    )


def application(environ, start_response):
    if is_plain_tile_request(environ):
        return tiles(environ, start_response)
    return site(environ, start_response)
