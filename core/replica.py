"""Sending heavy map reads to a PostgreSQL streaming replica when one is configured.

Django routes by model, but what may go to a replica depends on the request: a map layer
or a tile tolerates a second of replication lag, a worker's form that re-reads what it has
just saved does not. So requests opt in by path (`REPLICA_READ_PATHS`, GET and HEAD only);
within them the ORM and the raw-SQL helpers read from `replica`. Sessions and users always
come from the primary, so logging in never depends on the lag.

Two rules keep the replica invisible to people:

- Read your writes. A successful write answers with a cookie holding the primary's WAL
  position after it. While the replica has not replayed up to that position, that browser's
  routed reads go to the primary, so a worker sees a new place on the very next map however
  far the replica lags; once the replica has caught up the cookie is dropped.
- A replica that does not answer is skipped: routed reads fall back to the primary, and the
  replica is tried again after `REPLICA_RETRY_SECONDS`.
"""

import logging
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PRIMARY_ONLY_APPS = {"auth", "sessions", "contenttypes", "admin", "authtoken", "messages"}
# The primary's WAL position after this browser's last write (read-your-writes).
WRITTEN_LSN_COOKIE = "bw_written_lsn"
WRITTEN_LSN_MAX_AGE = 600  # seconds; a replica lagging longer than this is an outage anyway
_LSN = re.compile(r"^[0-9A-F]{1,8}/[0-9A-F]{1,8}$")
_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)
# time.monotonic() until which the replica counts as down (per process).
_replica_down_until = 0.0

logger = logging.getLogger(__name__)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def read_database() -> str:
    """The alias that a read of map data should use right now."""
    return REPLICA if _replica_reads.get() and replica_configured() else "default"


@contextmanager
def replica_reads() -> Iterator[None]:
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def replica_answers() -> bool:
    """Whether the replica takes queries now; a failure skips it for a few seconds."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    connection = connections[REPLICA]
    try:
        # A persistent connection to a replica that has since gone away is found out here,
        # before a view's query, and replaced.
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError as error:
        connection.close()
        _replica_down_until = time.monotonic() + settings.REPLICA_RETRY_SECONDS
        logger.warning("replica unavailable, reading from the primary: %s", error)
        return False
    return True


def replica_has_replayed(lsn: str) -> bool:
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, true)", [lsn])
        return cursor.fetchone()[0]


def primary_wal_position() -> str:
    # The insert position, not the written one: with synchronous_commit off the commit
    # record of the write may still sit in the WAL buffers, behind pg_current_wal_lsn().
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
        return cursor.fetchone()[0]


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return "default"
        return read_database()

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, model_name=None, **hints) -> bool:
        return db == "default"


class ReplicaReadsMiddleware:
    """Marks safe requests to the configured map paths as replica reads, unless the replica
    is down or has not yet replayed this browser's last write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured():
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = self.get_response(request)
            if response.status_code < 400 and settings.REPLICA_READ_PATHS:
                self._remember_write(response)
            return response
        if not request.path.startswith(tuple(settings.REPLICA_READ_PATHS)):
            return self.get_response(request)
        written = request.COOKIES.get(WRITTEN_LSN_COOKIE, "")
        if not _LSN.match(written):
            written = ""
        if not replica_answers():
            return self.get_response(request)
        try:
            caught_up = not written or replica_has_replayed(written)
        except DatabaseError:
            connections[REPLICA].close()
            return self.get_response(request)
        if not caught_up:
            return self.get_response(request)
        with replica_reads():
            response = self.get_response(request)
        if written:
            response.delete_cookie(WRITTEN_LSN_COOKIE)
        return response

    def _remember_write(self, response: HttpResponse) -> None:
        try:
            position = primary_wal_position()
        except DatabaseError:
            return
        response.set_cookie(
            WRITTEN_LSN_COOKIE,
            position,
            max_age=WRITTEN_LSN_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
