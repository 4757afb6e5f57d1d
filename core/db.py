"""Reads of map data: on the replica when the request allows it, JSON that PostGIS has
written handed on as bytes."""

from typing import Any

from django.db import connections
from psycopg.adapt import Loader

from core.replica import read_database


class _RawTextLoader(Loader):
    """Hands text columns over as the bytes PostgreSQL sent: a layer of several megabytes
    of GeoJSON then goes to the client without being decoded and encoded again."""

    def load(self, data) -> bytes:
        return bytes(data)


def read_cursor():
    """A cursor for reads of map data: on the replica when the request allows it."""
    return connections[read_database()].cursor()


def fetch_raw_row(sql: str, params: Any) -> tuple | None:
    """One row, with every text column as raw UTF-8 bytes."""
    with read_cursor() as cursor:
        cursor.cursor.adapters.register_loader("text", _RawTextLoader)
        cursor.execute(sql, params)
        return cursor.fetchone()


def fetch_bytes(sql: str, params: Any) -> bytes:
    """The first column of one row as bytes (a bytea such as a vector tile)."""
    with read_cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return bytes(row[0]) if row and row[0] is not None else b""
