"""The SQL parts every vector-tile layer shares."""

# Mapbox Vector Tiles in the shape pg_tileserv and Martin use: the tile's envelope in Web
# Mercator, a margin so that symbols at the edge are drawn whole, ST_AsMVTGeom to clip and
# quantise. These parts are shared by the layers in each app's queries.py.
TILE_EXTENT = 4096
TILE_BUFFER = 64
TILE_BOUNDS_CTE = f"""
    bounds AS (
        SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS mercator,
               ST_Transform(
                   ST_TileEnvelope(%(z)s, %(x)s, %(y)s,
                                   margin => {TILE_BUFFER / TILE_EXTENT}), 4326
               ) AS wgs84
    )
"""
