"""config.wsgi: a plain tile request goes to the lean handler, whose answer is the full
site's answer, status, headers and body, and everything else goes to the full site."""

import gzip
import io

import pytest
from django.core.signals import request_started
from django.db import close_old_connections

from config import wsgi
from tests.api.test_tiles import Z, tile_xy

pytestmark = pytest.mark.django_db


@pytest.fixture
def keep_connection():
    # As Django's test client does: the test's transaction must survive the request.
    request_started.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)


def call(handler, path: str, query: str = "", method: str = "GET", **headers):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, response_headers

    body = b"".join(handler(environ, start_response))
    return answer["status"], answer["headers"], body


def comparable(answer):
    """GZipMiddleware pads each compressed body at random (against BREACH): compare the
    bodies unpacked and the headers but for the length."""
    status, headers, body = answer
    if ("Content-Encoding", "gzip") in headers:
        body = gzip.decompress(body)
        headers = [(name, value) for name, value in headers if name != "Content-Length"]
    return status, headers, body


X, Y = tile_xy(3.98, 50.95, Z)
PLAIN = [
    (f"/tiles/places/{Z}/{X}/{Y}.pbf", ""),
    (f"/tiles/activities/{Z}/{X}/{Y}.pbf", ""),
    (f"/tiles/areas/{Z}/{X}/{Y}.pbf", "kind=municipality"),
    (f"/tiles/areas/{Z}/{X}/{Y}.pbf", "kind=planet"),  # the view's 400
    (f"/tiles/places/{Z}/{2**Z}/{Y}.pbf", ""),  # outside the grid: the view's 400
    (f"/tiles/areas/8/{tile_xy(3.98, 50.95, 8)[0]}/{tile_xy(3.98, 50.95, 8)[1]}.pbf", ""),
]


@pytest.mark.parametrize(("path", "query"), PLAIN)
@pytest.mark.parametrize(
    "headers",
    [{}, {"accept_encoding": "gzip", "accept_language": "fr", "cookie": "django_language=fr"}],
)
def test_the_lean_handler_answers_as_the_full_site(api, keep_connection, path, query, headers):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query}
    assert wsgi.is_plain_tile_request({**environ, "HTTP_COOKIE": headers.get("cookie", "")})
    full = comparable(call(wsgi.site, path, query, **headers))
    lean = comparable(call(wsgi.tiles, path, query, **headers))
    assert lean == full
    etag = dict(full[1]).get("ETag")
    if etag:
        assert call(wsgi.tiles, path, query, if_none_match=etag) == call(
            wsgi.site, path, query, if_none_match=etag
        )


@pytest.mark.parametrize(
    ("method", "path", "query"),
    [
        ("HEAD", f"/tiles/places/{Z}/{X}/{Y}.pbf", ""),
        ("POST", f"/tiles/places/{Z}/{X}/{Y}.pbf", ""),
        ("GET", f"/tiles/places/{Z}/{X}/{Y}.pbf", "kind=%00"),
        ("GET", f"/tiles/places/{Z}/{X}/{Y}.pbf", "v=2"),
        ("GET", f"/tiles/rivers/{Z}/{X}/{Y}.pbf", ""),
        ("GET", f"/tiles/places/{Z}/{X}/{Y}.png", ""),
        ("GET", "/api/v1/places/", "bbox=3.9,50.9,4.1,51.0"),
    ],
)
def test_anything_else_takes_the_full_stack(method, path, query):
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query}
    assert not wsgi.is_plain_tile_request(environ)


@pytest.mark.parametrize("cookie", ["sessionid=abc", "a=1; csrftoken=short"])
def test_a_session_or_csrf_cookie_takes_the_full_stack(cookie):
    # The full stack deletes a stale session cookie and renews a malformed CSRF one.
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": f"/tiles/places/{Z}/{X}/{Y}.pbf"}
    assert wsgi.is_plain_tile_request({**environ, "QUERY_STRING": ""})
    assert not wsgi.is_plain_tile_request({**environ, "QUERY_STRING": "", "HTTP_COOKIE": cookie})


def test_the_lean_chain_is_the_site_chain_less_what_tiles_do_not_use():
    from django.conf import settings

    kept = [name for name in settings.MIDDLEWARE if name not in wsgi.NOT_FOR_TILES]
    assert "config.csp.SiteCSPMiddleware" in kept
    assert "django.middleware.locale.LocaleMiddleware" in kept
    assert "core.replica.ReplicaReadsMiddleware" in kept
    assert settings.MIDDLEWARE[0] == "django.middleware.security.SecurityMiddleware"
