"""Links that subscribe to what a list shows: the home page's filters as the calendar and
Atom feeds' parameters (api.params.FeedParams), without the date window (a subscription
follows what comes)."""

from urllib.parse import urlencode

from django.urls import reverse

from events.queries import ActivityFilters


def feed_query(filters: ActivityFilters) -> str:
    """The feeds' query string for `filters` ("" for everything)."""
    pairs = [("work_model", code) for code in filters.work_models]
    if filters.area is not None:
        pairs += [("area", filters.area.code), ("area_kind", filters.area.kind)]
    if filters.near is not None:
        lon, lat = filters.near.coords
        pairs += [("near", f"{lon:.6f},{lat:.6f}"), ("radius", f"{filters.radius_m:g}")]
    for name in ("audience", "language", "q"):
        if getattr(filters, name):
            pairs.append((name, getattr(filters, name)))
    for name in ("free", "wheelchair"):
        if getattr(filters, name) is not None:
            pairs.append((name, "true" if getattr(filters, name) else "false"))
    return urlencode(pairs)


def feed_links(filters: ActivityFilters) -> dict[str, str]:
    """The calendar (iCal) and feed-reader (Atom) addresses of the list `filters` selects."""
    query = feed_query(filters)
    suffix = f"?{query}" if query else ""
    return {
        "ical": reverse("api:feed-ical") + suffix,
        "atom": reverse("api:feed-atom") + suffix,
    }
