"""The one public projection of a place: what a resident, the API, a feed or a tile may
see. For a place shown by its neighbourhood only (`Precision.AREA`, for sensitive groups),
the real point and the street address never leave the server; the public point is the
area's point on surface (kept in `public_location` by the model)."""

from django.db.models import QuerySet

from .models import Place, Precision

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
    "source",
)


def public_places() -> QuerySet[Place]:
    """Places as the public may see them: without the real point, and without the street
    address of a place that is shown by its neighbourhood only."""
    return Place.objects.only(*PUBLIC_PLACE_FIELDS).select_related("area", "organisation", "source")


def public_address(place: Place) -> str:
    """The street address the public may read: none for a place shown by its area only."""
    return "" if place.shows_area_only else place.address


# The same rule in SQL, for layers that PostgreSQL writes as JSON itself: `{place}` is the
# alias of places_place in the query.
PUBLIC_ADDRESS_SQL = (
    f"CASE WHEN {{place}}.precision = '{Precision.AREA.value}' THEN '' ELSE {{place}}.address END"
)
