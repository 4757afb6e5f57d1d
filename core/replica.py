"""Sending heavy map reads to a PostgreSQL streaming replica when one is configured.

Django routes by model, but what may go to a replica depends on the request: a map layer
or a tile tolerates a second of replication lag, a worker's form that re-reads what it has
just saved does not. So requests opt in by path (`REPLICA_READ_PATHS`, GET and HEAD only);
within them the ORM and the raw-SQL helpers read from `replica`. Sessions and users always
come from the primary, so logging in never depends on the lag.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PRIMARY_ONLY_APPS = {"auth", "sessions", "contenttypes", "admin", "authtoken", "messages"}
_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


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
    """Marks safe requests to the configured map paths as replica reads."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and request.path.startswith(
            tuple(settings.REPLICA_READ_PATHS)
        ):
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)
