"""UiT's `location` (a place with `@id`, name, address and `geo`) as a Buurtwijzer place:
the place imported from that UiT place before (import key `uit:place:<id>`), else a place
here with the same name within VENUE_MATCH_RADIUS_M metres, else a new one. A venue without
coordinates is matched by its UiT id or its exact name, else the source's own place for
such events; else the event cannot be placed."""

from django.contrib.gis.geos import Point

from events.models import UitSource
from places.models import Place, PlaceKind, Precision, Wheelchair
from places.queries import place_named_near
from places.services import place_create

from .mapping import uit_id
from .texts import Unreadable

VENUE_MATCH_RADIUS_M = 75
# UiT facility terms (domain "facility") by what their labels say, in Dutch as UiT has them.
WHEELCHAIR_WORDS = ("rolstoel",)
HEARING_LOOP_WORDS = ("ringleiding", "solo-ringleiding")
TOILET_WORDS = ("toilet", "sanitair")


def _name(location: dict) -> str:
    names = location.get("name")
    if isinstance(names, str):
        return " ".join(names.split())[:200]
    if isinstance(names, dict):
        texts = {k: v for k, v in names.items() if isinstance(v, str) and v.strip()}
        if texts:
            first = "nl" if "nl" in texts else next(iter(texts))
            return " ".join(texts[first].split())[:200]
    return ""


def _address(location: dict) -> str:
    addresses = location.get("address")
    if isinstance(addresses, dict) and not {"streetAddress", "addressLocality"} & set(addresses):
        addresses = addresses.get("nl") or next(iter(addresses.values()), {})
    if not isinstance(addresses, dict):
        return ""
    street = str(addresses.get("streetAddress") or "").strip()
    town = " ".join(
        str(addresses.get(part) or "").strip() for part in ("postalCode", "addressLocality")
    ).strip()
    return ", ".join(part for part in (street, town) if part)[:300]


def _point(location: dict) -> Point | None:
    geo = location.get("geo")
    if not isinstance(geo, dict):
        return None
    try:
        lat, lon = float(geo["latitude"]), float(geo["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return Point(lon, lat, srid=4326)


def _facilities(item: dict, location: dict) -> dict:
    labels = [
        str(term.get("label") or "").lower()
        for holder in (item, location)
        for term in (holder.get("terms") or [])
        if isinstance(term, dict) and term.get("domain") == "facility"
    ]

    def said(words):
        return any(word in label for label in labels for word in words)

    return {
        "wheelchair": Wheelchair.YES if said(WHEELCHAIR_WORDS) else Wheelchair.UNKNOWN,
        "hearing_loop": said(HEARING_LOOP_WORDS),
        "accessible_toilet": said(TOILET_WORDS),
    }


def uit_place(*, item: dict, location: dict, source: UitSource) -> Place:
    """The place of an event (see the module docstring); raises Unreadable when there is
    none to be had."""
    place_id = uit_id(location)
    key = f"uit:place:{place_id}" if place_id else None
    if key:
        known = Place.objects.filter(import_key=key).first()
        if known is not None:
            return known
    name = _name(location)
    point = _point(location)
    if point is None:
        if name:
            named = list(Place.objects.filter(name__iexact=name, precision=Precision.EXACT)[:2])
            if len(named) == 1:
                return named[0]
        if source.place is not None:
            return source.place
        raise Unreadable("its place has no coordinates and is not known here")
    if name:
        near = place_named_near(point=point, name=name, radius_m=VENUE_MATCH_RADIUS_M)
        if near is not None:
            return near
    return place_create(
        name=name or _address(location) or "UiT",
        location=point,
        kind=PlaceKind.OTHER,
        address=_address(location),
        import_key=key,
        **_facilities(item, location),
    )
