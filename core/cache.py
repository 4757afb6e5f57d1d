"""A Redis cache that degrades instead of failing: while Redis does not answer, every read is
a miss and every write is dropped, so that what the cache serves (API throttling, vector
tiles, posters) goes on without it (no throttle, no cache) instead of answering 500.

Django's own RedisCache raises redis' ConnectionError into the view: with Redis stopped,
`/api/v1/work-models/` (DRF's throttles read the cache), `/api/v1/occurrences/` and the tiles
answered 500 while the HTML pages, which do not touch the cache, kept working.

After a failure the cache is not asked again for `RETRY_SECONDS` (a Redis that is
unreachable rather than refused would otherwise cost every request the connect timeout, for
every cache call it makes), and the outage is logged once per outage, not once per request.
Only connection failures are forgiven: any other Redis error is a bug and still raises.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What "Redis does not answer" looks like: refused, reset, unreachable, timed out, loading.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)
RETRY_SECONDS = 5.0


class FailSoftRedisCache(RedisCache):
    """Django's RedisCache where an unreachable Redis is an empty cache that keeps nothing.

    OPTIONS may hold `retry_seconds` (how long to leave Redis alone after a failure; the
    rest of OPTIONS goes to redis-py as for RedisCache).
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = float(options.pop("retry_seconds", RETRY_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        self._lock = threading.Lock()
        self._down_until = 0.0  # time.monotonic() before which Redis is not asked
        self._down = False

    @property
    def available(self) -> bool:
        """False while a recent call found Redis unreachable (then nothing is cached)."""
        return time.monotonic() >= self._down_until

    def _call(self, name: str, fallback, *args, **kwargs):
        if not self.available:
            return fallback
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except UNAVAILABLE as error:
            with self._lock:
                self._down_until = time.monotonic() + self.retry_seconds
                first = not self._down
                self._down = True
            if first:
                logger.warning(
                    "Cache unavailable (%s: %s): serving without it, retrying every %g s",
                    type(error).__name__,
                    error,
                    self.retry_seconds,
                )
            return fallback
        if self._down:
            with self._lock:
                was_down, self._down = self._down, False
            if was_down:
                logger.warning("Cache available again")
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        # As for a key that is not there: callers already handle that ValueError.
        result = self._call("incr", None, key, delta, version)
        if result is None:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be set.
        return self._call("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)
