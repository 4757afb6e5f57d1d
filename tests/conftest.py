from pathlib import Path

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon

from buurt.models import Area, AreaKind

REPO = Path(__file__).resolve().parent.parent
REAL_DATA = REPO / "data"


@pytest.fixture
def real_data() -> Path:
    """The real Flemish open data that ships with Buurtwijzer (data/, README per folder)."""
    return REAL_DATA


def square(x0: float, y0: float, size: float) -> MultiPolygon:
    return MultiPolygon(Polygon.from_bbox((x0, y0, x0 + size, y0 + size)), srid=4326)


@pytest.fixture
def territory(db) -> dict[str, Area]:
    """A small test town near Gent: one municipality split into two neighbourhoods."""
    town = Area.objects.create(
        kind=AreaKind.MUNICIPALITY,
        code="T0001",
        name="Testdorp",
        geometry=MultiPolygon(Polygon.from_bbox((3.70, 51.00, 3.74, 51.02)), srid=4326),
        population=10000,
    )
    west = Area.objects.create(
        kind=AreaKind.NEIGHBOURHOOD,
        code="T0001W1",
        name="West",
        parent=town,
        geometry=MultiPolygon(Polygon.from_bbox((3.70, 51.00, 3.72, 51.02)), srid=4326),
        population=4000,
    )
    east = Area.objects.create(
        kind=AreaKind.NEIGHBOURHOOD,
        code="T0001W2",
        name="Oost",
        parent=town,
        geometry=MultiPolygon(Polygon.from_bbox((3.72, 51.00, 3.74, 51.02)), srid=4326),
        population=6000,
    )
    return {"town": town, "west": west, "east": east}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (throttle counters, cached tiles)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Dutch: a request to a French or English page leaves its language
    active in the thread, as Django's LocaleMiddleware does."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
