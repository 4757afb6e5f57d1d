"""Reading JSON that PostGIS has written, as bytes."""

from typing import Any

from django.db import connection
from psycopg.adapt import Loader


class _RawTextLoader(Loader):
    """Hands text columns over as the bytes PostgreSQL sent: a layer of several megabytes
    of GeoJSON then goes to the client without being decoded and encoded again."""

    def load(self, data) -> bytes:
        return bytes(data)


def fetch_raw_row(sql: str, params: Any) -> tuple | None:
    """One row, with every text column as raw UTF-8 bytes."""
    with connection.cursor() as cursor:
        cursor.cursor.adapters.register_loader("text", _RawTextLoader)
        cursor.execute(sql, params)
        return cursor.fetchone()
