"""Reading offline (issue 17, part 3): which responses the service worker may keep, and the
version that names its cache of static files.

The server decides, not the worker: a worker cannot see the session cookie (HttpOnly), so a
public page says it may be kept with the header below, and only when nobody is logged in.
Everything else (workspace, dashboard, the API, a public page seen by a logged-in worker) has
no such header and is never stored. See frontend/templates/frontend/sw.js.
"""

import hashlib
import json
from collections.abc import Callable
from functools import cache, wraps

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse

OFFLINE_HEADER = "X-Buurtwijzer-Offline"
OFFLINE_ALLOW = "allow"


def offline_allowed(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether a response may be kept for reading offline: a 200 for a visitor who is not
    logged in and has no session, and nothing that says it is private."""
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "private" not in control
        and "no-store" not in control
    )


def offline_readable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate a public page's view: its response carries `X-Buurtwijzer-Offline: allow`
    when offline_allowed() says so."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if offline_allowed(request, response):
            response[OFFLINE_HEADER] = OFFLINE_ALLOW
        return response

    return wrapped


def _static_digest(storage=staticfiles_storage) -> str:
    digest = hashlib.sha256()
    hashed = getattr(storage, "hashed_files", None)
    if hashed:
        # The manifest storage (production): the names already carry each file's hash.
        digest.update(json.dumps(sorted(hashed.items())).encode())
    else:
        # Plain storage (tests, development): the files themselves.
        for finder in finders.get_finders():
            for path, source in sorted(finder.list([]), key=lambda found: found[0]):
                digest.update(path.encode())
                with source.open(path) as file:
                    digest.update(hashlib.sha256(file.read()).digest())
    return digest.hexdigest()[:16]


_static_digest_once = cache(_static_digest)


def static_version() -> str:
    """A short hash of every static file: it changes the worker's text, so that browsers
    install the new worker and drop the old files' cache. Computed once per process, except
    in development, where files change under a running server."""
    return _static_digest() if settings.DEBUG else _static_digest_once()
