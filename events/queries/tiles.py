"""Activities as a vector tile layer."""


def activities_tile(*, z: int, x: int, y: int, cap: int) -> bytes:
    """Published activities at their place's public point, as a vector tile layer
    `activities` (programmes without a venue have no point and are not drawn)."""
    from core.db import fetch_bytes
    from core.tiles import TILE_BOUNDS_CTE, TILE_BUFFER, TILE_EXTENT

    sql = f"""
        WITH {TILE_BOUNDS_CTE},
        features AS (
            SELECT a.id, a.title, a.kind, a.cost,
                   (SELECT string_agg(w.code, ',' ORDER BY w.position)
                    FROM events_activity_work_models aw
                    JOIN events_workmodel w ON w.id = aw.workmodel_id
                    WHERE aw.activity_id = a.id) AS work_models,
                   ST_AsMVTGeom(ST_Transform(p.public_location, 3857), bounds.mercator,
                                {TILE_EXTENT}, {TILE_BUFFER}, true) AS geom
            FROM places_place p
            JOIN events_activity a ON a.place_id = p.id AND a.status = 'published', bounds
            WHERE p.public_location && bounds.wgs84
            LIMIT %(cap)s
        )
        SELECT ST_AsMVT(features.*, 'activities', {TILE_EXTENT}, 'geom', 'id') FROM features
    """
    return fetch_bytes(sql, {"z": z, "x": x, "y": y, "cap": cap})
