"""The web app manifest and the service worker (frontend/offline.py says what may be kept)."""

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from frontend.offline import OFFLINE_ALLOW, OFFLINE_HEADER, static_version

THEME_COLOUR = "#174a7c"  # the site header's blue (site.css)
BACKGROUND_COLOUR = "#ffffff"
# Scripts every saved page may need offline, fetched when the worker installs.
# The map's stylesheets too: home-map.js adds them after the page has loaded, later than
# the first visit's list of the files the page used (offline.js), so they are saved here.
PRECACHE = [
    "frontend/js/offline.js",
    "leaflet/leaflet.css",
    "leaflet/leaflet.extras.css",
    "vendor/leaflet.markercluster/MarkerCluster.css",
]
# How long a page waits for the network before the saved copy shows (with its date): a
# fresh page on a usable line comes sooner; Slow 3G's round trip alone is 2 s.
PATIENCE_MS = 400
# A line whose last page took longer than this to start arriving is slow: the next page
# shows its saved copy at once (Slow 3G's round trip alone is 2 s; a busy server rarely
# takes this long). Remembered for LINE_MEMORY_MS only: a resident moves off the bus.
SLOW_LINE_MS = 1500
LINE_MEMORY_MS = 10 * 60 * 1000


def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest in the page's language: the app opens on the home list."""
    data = {
        "id": "/",
        "name": "Buurtwijzer",
        "short_name": "Buurtwijzer",
        "description": gettext(
            "What is on near you: meeting places, groups and activities in your neighbourhood."
        ),
        "lang": get_language(),
        "dir": "ltr",
        "start_url": reverse("frontend:home"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static("frontend/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("frontend/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("frontend/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("frontend/icons/maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = "max-age=3600"
    return response


def service_worker(request: HttpRequest) -> HttpResponse:
    """/sw.js, at the root so that its scope is the whole site. Never cached stale
    (no-cache: the browser asks every time whether it changed); its text names the static
    files' version, so a new deployment installs a new worker."""
    config = {
        "version": static_version(),
        # The prefix, not static(""): the manifest storage of production has no entry for "".
        "static": settings.STATIC_URL,
        "header": OFFLINE_HEADER,
        "allow": OFFLINE_ALLOW,
        "logout": [reverse("logout"), reverse("admin:logout")],
        "precache": [static(path) for path in PRECACHE],
        "patience": PATIENCE_MS,
        "slowLine": SLOW_LINE_MS,
        "lineMemory": LINE_MEMORY_MS,
    }
    body = render_to_string(
        "frontend/sw.js",
        {"config": mark_safe(json.dumps(config))},  # our own values
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response
