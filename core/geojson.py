"""One builder for the GeoJSON layers that PostGIS writes itself.

Serialising tens of thousands of features object by object in Python costs 10-100x the query,
so the FeatureCollection is built with json_agg in the database. One row more than the limit
is read, only to know whether the layer was cut; the envelope says so in `truncated`.
"""

from typing import Any

from core.db import fetch_raw_row


def feature_collection_sql(
    *, hits: str, feature: str, alias: str = "h", joins: str = "", order: str = ""
) -> str:
    """The SQL of a FeatureCollection over `hits`, a SELECT with a `rn` column (its row
    number) that reads at most `%(limit)s + 1` rows. `feature` is a json_build_object over
    the hits as `alias`, and over the tables of `joins`; `order` orders the features."""
    order_by = f" ORDER BY {order}" if order else ""
    return f"""
        WITH hits AS ({hits})
        SELECT json_build_object(
            'type', 'FeatureCollection',
            'numberReturned', least(count(*), %(limit)s),
            'truncated', count(*) > %(limit)s,
            'limit', %(limit)s,
            'features', coalesce(
                json_agg({feature}{order_by}) FILTER (WHERE {alias}.rn <= %(limit)s), '[]'::json
            )
        )::text, count(*)
        FROM hits {alias}
        {joins}
    """


def feature_collection_fetch(sql: str, params: dict[str, Any]) -> tuple[bytes, int, bool]:
    """Run a `feature_collection_sql`: the JSON bytes, the number of features and whether
    the layer was cut at `params["limit"]`."""
    body, count = fetch_raw_row(sql, params)
    limit = params["limit"]
    return body, min(count, limit), count > limit
