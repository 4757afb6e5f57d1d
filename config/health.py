"""`/healthz`: may a load balancer or Docker send requests to this app server?

The probes are django-health-check's (database, cache, Redis) plus one for migrations, which
that library no longer ships. Only the database and the migrations decide the status code:
without them no page can be served, whereas a Redis outage only slows tiles down (the cache
misses) and delays the periodic jobs (the broker), and taking every app server out of the
load balancer because of it would turn a slow site into no site. So the answer is

- 200 when the database answers and every migration is applied, with `"status": "ok"`, or
  `"degraded"` when the cache, the broker or the replica does not answer (or the replica
  lags more than `REPLICA_MAX_LAG_SECONDS`; its lag is in the answer either way);
- 503 with `"status": "unavailable"` otherwise;

and always a JSON body with one entry per check (`ok`, `critical`, and `error` when not ok).
The page needs no session, no login and no language prefix, and is never cached.
"""

import asyncio
import dataclasses
from collections.abc import Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from datetime import timedelta

from django import db
from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from health_check.base import HealthCheck
from health_check.checks import Cache, Database
from health_check.contrib.redis import Redis
from health_check.exceptions import (
    HealthCheckException,
    ServiceReturnedUnexpectedResult,
    ServiceUnavailable,
)
from redis.asyncio import Redis as AsyncRedis

# A probe that hangs is a failed probe: well within Docker's and most balancers' 10 s.
PROBE_TIMEOUT = timedelta(seconds=3)


@dataclasses.dataclass
class Migrations(HealthCheck):
    """Every migration on disk is applied to the database (as `migrate --check` asks)."""

    alias: str = "default"

    def run(self) -> None:
        connection = connections[self.alias]
        try:
            # A connection of its own, closed afterwards: the probe runs in a worker thread.
            with connection.temporary_connection():
                executor = MigrationExecutor(connection)
                plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except db.Error as error:
            raise ServiceUnavailable("the database does not answer") from error
        if plan:
            names = [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
            shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
            raise ServiceUnavailable(f"{len(names)} unapplied migration(s): {shown}")


@dataclasses.dataclass
class Replica(HealthCheck):
    """The streaming replica answers and has replayed the primary's WAL closely enough.

    Its lag goes into the answer: `lag_bytes` (WAL the primary has written and the replica
    has not replayed), `lag_seconds` (0 when nothing is pending, else how old the last
    replayed transaction is) and `replay_paused`.
    """

    alias: str = "replica"

    def run(self) -> None:
        self.figures: dict = {}
        try:
            with connections["default"].temporary_connection() as cursor:
                cursor.execute("SELECT pg_current_wal_lsn()::text")
                (primary_position,) = cursor.fetchone()
            with connections[self.alias].temporary_connection() as cursor:
                cursor.execute(
                    "SELECT pg_is_in_recovery(),"
                    " pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn()),"
                    " extract(epoch FROM %s - pg_last_xact_replay_timestamp()),"
                    " CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() END",
                    [primary_position, timezone.now()],
                )
                standby, lag_bytes, replay_age, paused = cursor.fetchone()
        except db.Error as error:
            raise ServiceUnavailable("the replica does not answer") from error
        if not standby:
            return  # the same database under a second name (the test settings)
        lag_bytes = max(int(lag_bytes or 0), 0)
        lag_seconds = 0.0 if lag_bytes == 0 else round(float(replay_age or 0), 3)
        self.figures = {"lag_bytes": lag_bytes, "lag_seconds": lag_seconds, "replay_paused": paused}
        if lag_seconds > settings.REPLICA_MAX_LAG_SECONDS:
            raise ServiceUnavailable(f"the replica lags {lag_seconds:.0f} s behind the primary")


@dataclasses.dataclass
class CacheProbe(Cache):
    """django-health-check's cache probe, which sees core.cache.FailSoftRedisCache's answer
    to an outage (a miss) as a wrong value: say what it is, as for Django's RedisCache."""

    async def run(self) -> None:
        try:
            await super().run()
        except HealthCheckException:
            if getattr(caches[self.alias], "available", True) is False:
                raise ServiceReturnedUnexpectedResult("Connection Error") from None
            raise


def _redis_client(url: str):
    def connect() -> AsyncRedis:
        seconds = PROBE_TIMEOUT.total_seconds()
        return AsyncRedis.from_url(url, socket_connect_timeout=seconds, socket_timeout=seconds)

    return connect


def probes() -> Iterator[tuple[str, bool, HealthCheck]]:
    """(name, critical, check) for everything this deployment has configured."""
    yield "database", True, Database(alias="default")
    yield "migrations", True, Migrations(alias="default")
    yield "cache", False, CacheProbe(alias="default", timeout=PROBE_TIMEOUT)
    broker_url = settings.HEALTHZ_BROKER_URL
    if broker_url.startswith(("redis://", "rediss://")):
        yield "broker", False, Redis(client_factory=_redis_client(broker_url))
    if "replica" in settings.DATABASES:
        yield "replica", False, Replica(alias="replica")


async def _results(named: list[tuple[str, bool, HealthCheck]], pool: Executor) -> list:
    return await asyncio.gather(*(check.get_result(pool) for _, _, check in named))


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    # A sync view that runs the probes at once, in an event loop of their own on a worker
    # thread: the same under gunicorn's sync workers and in a thread that already runs an
    # event loop (Playwright's, in the tests). The pool is not waited for, so a probe that
    # hangs past its timeout cannot hold the answer.
    named = list(probes())
    pool = ThreadPoolExecutor(max_workers=len(named) + 1, thread_name_prefix="healthz")
    try:
        results = pool.submit(asyncio.run, _results(named, pool)).result()
    finally:
        pool.shutdown(wait=False)
    checks = {}
    for (name, critical, check), result in zip(named, results, strict=True):
        entry = {"ok": result.error is None, "critical": critical}
        entry.update(getattr(check, "figures", {}))
        if result.error is not None:
            entry["error"] = str(result.error)
        checks[name] = entry
    if not all(entry["ok"] for entry in checks.values() if entry["critical"]):
        status, code = "unavailable", 503
    elif not all(entry["ok"] for entry in checks.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)
