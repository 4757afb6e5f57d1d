"""Spatial references accepted from the web.

Debian 12 ships GDAL 3.6, older than what Django supports without warning (gis.W001). To keep
the unsupported GDAL away from untrusted input, the web may name a spatial reference only by an
EPSG code from a short list, never by WKT or a PROJ string.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


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
