"""Spatial references accepted from the web.

Debian 12 ships GDAL 3.6, older than what Django supports without warning (gis.W001). To keep
the unsupported GDAL away from untrusted input, the web may name a spatial reference only by an
EPSG code from a short list, never by WKT or a PROJ string.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy


def srid_from_web(value: str | int) -> int:
    """Return the SRID for an EPSG code given by a web client, or raise ValidationError."""
    text = str(value).strip().upper().removeprefix("EPSG:")
    if not text.isdigit() or int(text) not in settings.WEB_ACCEPTED_SRIDS:
        accepted = ", ".join(f"EPSG:{srid}" for srid in settings.WEB_ACCEPTED_SRIDS)
        raise ValidationError(
            _("Unsupported spatial reference %(value)r: use one of %(accepted)s.")
            % {"value": str(value)[:40], "accepted": accepted}
        )
    return int(text)


# The area each accepted reference is made for: EPSG's area of use as (west, south, east,
# north) in degrees, as `projinfo EPSG:<code>` gives it (tests/core/test_spatial.py compares).
# Coordinates outside it are a typing error or the wrong reference, never a place in Flanders:
# EPSG:31370 coordinates far from Belgium still transform to somewhere on Earth (the Pacific).
# The names are EPSG's, translated: they are part of the error a client reads.
AREA_OF_USE = {
    4326: (pgettext_lazy("area of use", "World"), (-180.0, -90.0, 180.0, 90.0)),
    3857: (
        pgettext_lazy("area of use", "World between 85.06°S and 85.06°N"),
        (-180.0, -85.06, 180.0, 85.06),
    ),
    31370: (pgettext_lazy("area of use", "Belgium - onshore"), (2.5, 49.5, 6.4, 51.51)),
    3812: (pgettext_lazy("area of use", "Belgium - onshore"), (2.5, 49.5, 6.4, 51.51)),
}


def outside_area_of_use(lon: float, lat: float, srid: int) -> str | None:
    """Why a point (in WGS84 degrees) given in `srid` cannot be meant, or None when it lies
    in that reference's area of use."""
    name, (west, south, east, north) = AREA_OF_USE[srid]
    if west <= lon <= east and south <= lat <= north:
        return None
    return _(
        "The point lies outside the area EPSG:%(srid)s is made for (%(area)s: %(west)s to "
        "%(east)s° longitude, %(south)s to %(north)s° latitude)."
    ) % {"srid": srid, "area": name, "west": west, "east": east, "south": south, "north": north}
