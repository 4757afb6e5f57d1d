"""Mapbox Vector Tiles at /tiles/{layer}/{z}/{x}/{y}.pbf, built in PostGIS.

Tiles carry an ETag from a data version that every change to places, activities or areas
moves on, so browsers revalidate cheaply and low zooms (which cover many features and
change rarely in appearance) are kept in the shared cache until the data change.
"""

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from buurt.models import AreaKind
from buurt.queries import areas_tile
from events.queries import activities_tile
from places.queries import places_tile

VERSION_KEY = "tiles:version"
MAX_ZOOM = 22
# Most features one tile carries; at low zooms a region has more, and the map then shows
# the areas layer or clusters instead.
FEATURE_CAP = {"places": 5_000, "activities": 5_000, "areas": 2_000}
CACHED_UP_TO_ZOOM = 10
MAX_AGE_SECONDS = 60


def data_version() -> int | None:
    """The data version, or None while the cache does not answer (core/cache.py): then no
    version is known, and an ETag made from a guessed one could confirm a stale tile."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def tiles_invalidate(**_kwargs) -> None:
    """Move the data version on: every cached tile and ETag becomes stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def _default_area_kind(z: int) -> str:
    return AreaKind.MUNICIPALITY if z < 10 else AreaKind.NEIGHBOURHOOD


def _render(layer: str, z: int, x: int, y: int, area_kind: str) -> bytes:
    cap = FEATURE_CAP[layer]
    if layer == "places":
        return places_tile(z=z, x=x, y=y, cap=cap)
    if layer == "activities":
        return activities_tile(z=z, x=x, y=y, cap=cap)
    return areas_tile(kind=area_kind, z=z, x=x, y=y, cap=cap)


@require_GET
def tile(request: HttpRequest, layer: str, z: int, x: int, y: int) -> HttpResponse:
    if layer not in FEATURE_CAP:
        return JsonResponse(
            {"layer": [f"Unknown layer; use one of {', '.join(FEATURE_CAP)}."]}, status=404
        )
    if not 0 <= z <= MAX_ZOOM or not (0 <= x < 2**z and 0 <= y < 2**z):
        return JsonResponse(
            {"z": [f"No tile {z}/{x}/{y}: 0 <= z <= {MAX_ZOOM}, 0 <= x, y < 2^z."]}, status=400
        )
    area_kind = request.GET.get("kind") or _default_area_kind(z)
    if area_kind not in AreaKind.values:
        return JsonResponse({"kind": [f"Unknown area kind {area_kind[:30]!r}."]}, status=400)
    version = data_version()
    if version is None:
        # The cache is down: no version to vouch for, so a fresh tile without an ETag.
        body = _render(layer, z, x, y, area_kind)
        response = HttpResponse(body, content_type="application/vnd.mapbox-vector-tile")
        response["Cache-Control"] = f"public, max-age={MAX_AGE_SECONDS}"
        return response
    etag = f'"{layer}-{area_kind if layer == "areas" else ""}-{version}-{z}-{x}-{y}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        key = f"tile:{etag}"
        body = cache.get(key) if z <= CACHED_UP_TO_ZOOM else None
        if body is None:
            body = _render(layer, z, x, y, area_kind)
            if z <= CACHED_UP_TO_ZOOM:
                cache.set(key, body, timeout=24 * 3600)
        response = HttpResponse(body, content_type="application/vnd.mapbox-vector-tile")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={MAX_AGE_SECONDS}"
    return response
