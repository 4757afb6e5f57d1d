"""Reads on places. Everything public goes through here, so that the real point of an
`area`-precision place never leaves the server."""

from django.db.models import QuerySet

from .models import Place

# Fields a public reader may see; `location` (the real point) is deliberately absent.
PUBLIC_PLACE_FIELDS = (
    "id",
    "name",
    "organisation",
    "kind",
    "address",
    "precision",
    "area",
    "public_location",
    "wheelchair",
    "accessible_toilet",
    "hearing_loop",
    "opening_hours",
)


def public_places() -> QuerySet[Place]:
    """Places as the public may see them: without the real point, and without the street
    address of a place that is shown by its neighbourhood only."""
    return Place.objects.only(*PUBLIC_PLACE_FIELDS).select_related("area", "organisation")


def public_address(place: Place) -> str:
    return "" if place.precision == "area" else place.address
