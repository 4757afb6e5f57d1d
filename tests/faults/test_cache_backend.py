"""core.cache.FailSoftRedisCache against a real redis-server: the same as Django's RedisCache
while Redis answers; while it does not, reads miss and writes are dropped at once (Redis is
left alone for `retry_seconds`), and only connection failures are forgiven."""

import time

import pytest
from redis.exceptions import ResponseError

from core.cache import FailSoftRedisCache


def backend(url: str, retry_seconds: float = 0.5) -> FailSoftRedisCache:
    return FailSoftRedisCache(
        url,
        {
            "OPTIONS": {
                "socket_connect_timeout": 2,
                "socket_timeout": 2,
                "retry_seconds": retry_seconds,
            }
        },
    )


def test_redis_down_is_an_empty_cache_that_keeps_nothing_and_redis_back_is_used_again(
    redis_server, caplog
):
    cache = backend(redis_server.url(2))
    cache.set("kept", "value")
    assert cache.get("kept") == "value" and cache.available

    redis_server.stop()
    assert cache.get("kept", "default") == "default"
    assert cache.available is False
    started = time.monotonic()
    # While Redis is left alone, nothing waits on it (a blackholed host would cost each
    # call the connect timeout), and nothing raises.
    cache.set("dropped", 1)
    assert cache.add("new", 1) is False
    assert cache.get_many(["kept", "dropped"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.has_key("kept") is False
    cache.delete("kept")
    cache.delete_many(["kept"])
    with pytest.raises(ValueError):  # as for a key that is not there (tiles_invalidate)
        cache.incr("counter")
    assert time.monotonic() - started < 0.5
    warnings = [r for r in caplog.records if r.name == "core.cache"]
    assert len(warnings) == 1 and "Cache unavailable" in warnings[0].getMessage()

    redis_server.start()
    time.sleep(0.6)  # retry_seconds
    assert cache.get("kept") == "value"  # the append-only file kept it; delete was dropped
    assert cache.available
    assert "Cache available again" in caplog.records[-1].getMessage()


def test_errors_other_than_an_unreachable_redis_still_raise(redis_server):
    cache = backend(redis_server.url(2))
    cache._cache.get_client(write=True).set(cache.make_key("text"), "not a number")
    with pytest.raises(ResponseError):
        cache.incr("text")
