"""Redis stopped under a served app (gunicorn, config/gunicorn.py, the production settings):
the public pages, the API, the tiles and logins keep answering; throttling and the caches
degrade (no throttle, no cache) and come back with Redis. Issue 15: with Django's own
RedisCache, /api/v1/work-models/, /api/v1/occurrences/ and the tiles answered 500 (DRF's
throttles and the tile cache raised redis' ConnectionError)."""

import json
import math
import re

import pytest
import redis

from tests.factories import ScheduleFactory, UserFactory
from tests.faults.conftest import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

THROTTLE = 6  # anonymous API requests a minute, for this test
PASSWORD = "een-lang-wachtwoord-42"


def tile_path(lon: float, lat: float, z: int = 10) -> str:
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return f"/tiles/places/{z}/{x}/{y}.pbf"


def log_in(app, username: str) -> int:
    """Django's login form as a browser fills it in; the status of the page after it."""
    form = app.get("/accounts/login/")
    assert form.status == 200, form.body[:500]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form.body).group(1)
    csrf = form.cookies["csrftoken"]
    body = f"username={username}&password={PASSWORD}&csrfmiddlewaretoken={token.decode()}"
    answer = app.get(
        "/accounts/login/",
        method="POST",
        body=body.encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
        },
    )
    assert answer.status == 302, answer.body[:500]
    assert "sessionid" in answer.cookies
    after = app.get(
        answer.headers["location"], headers={"Cookie": f"sessionid={answer.cookies['sessionid']}"}
    )
    return after.status


def api(app, path: str) -> int:
    return app.get(path, headers={"Accept": "application/json"}).status


def test_with_redis_stopped_pages_api_tiles_and_logins_answer_and_come_back(
    territory, redis_server, serve
):
    activity = ScheduleFactory().activity
    user = UserFactory(username="wijkwerker")
    user.set_password(PASSWORD)
    user.save()
    place = activity.place.location
    tile = tile_path(place.x, place.y)
    app = serve(
        WEB_CONCURRENCY="1",  # one process: its cache client is the one that sees Redis go
        REDIS_URL=redis_server.url(1),
        CELERY_BROKER_URL=redis_server.url(0),
        THROTTLE_ANON=f"{THROTTLE}/minute",
        CACHE_RETRY_SECONDS="1",
    )
    # The poster is made once and kept in the cache, and counted by a throttle of its own.
    pages = ["/", "/en/", f"/activiteit/{activity.pk}/", "/buurt/T0001W1/"]
    pages += ["/buurt/T0001W1/affiche/"]
    reads = ["/api/v1/work-models/", "/api/v1/occurrences/"]

    # With Redis: the throttle counts in Redis and stops the seventh request; tiles are
    # cached there with an ETag.
    statuses = [api(app, reads[i % 2]) for i in range(THROTTLE + 1)]
    assert statuses == [200] * THROTTLE + [429]
    first = app.get(tile)
    assert first.status == 200 and "etag" in first.headers
    assert first.headers["content-type"] == "application/vnd.mapbox-vector-tile"
    assert redis.Redis.from_url(redis_server.url(1)).keys("*tile:*")

    redis_server.stop()

    # Without: no throttle, no cache, and not one 500.
    for path in pages:
        assert app.get(path).status == 200, path
    statuses = [api(app, reads[i % 2]) for i in range(3 * THROTTLE)]
    assert statuses == [200] * (3 * THROTTLE)
    without = app.get(tile)
    assert without.status == 200
    assert without.body == first.body
    assert "etag" not in without.headers  # no data version known, none vouched for
    assert log_in(app, "wijkwerker") == 200
    health = app.get("/healthz")
    assert health.status == 200
    body = json.loads(health.body)
    assert body["status"] == "degraded"
    assert body["checks"]["cache"] == {
        "ok": False,
        "critical": False,
        "error": "Unexpected Result: Connection Error",  # as docs/operations.md shows
    }
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True

    redis_server.start()

    # Back: the throttle's counts survived in Redis's append-only file, so the limit holds
    # again as soon as the app asks Redis again (CACHE_RETRY_SECONDS).
    wait_until(lambda: api(app, reads[0]) == 429, seconds=10, what="throttled again")
    wait_until(
        lambda: json.loads(app.get("/healthz").body)["status"] == "ok",
        seconds=10,
        what="/healthz ok again",
    )
    # Each of the workers' threads has its own cache client and retry window: the thread
    # that answers the tile may have found Redis still loading its file a moment ago.
    wait_until(lambda: "etag" in app.get(tile).headers, seconds=10, what="tiles with an ETag")
