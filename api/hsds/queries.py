"""The reads behind the HSDS directory: what is published, filtered as the HSDS API reference
says (every filter narrows the result: a boolean AND), in a stable order for paging."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.contrib.gis.geos import Point
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from buurt.models import Area
from events.models import Activity, Status
from events.queries import ActivityFilters
from events.queries.search import activities_published_where
from places.models import Organisation, Place
from places.public import PUBLIC_ADDRESS_SQL, public_places

# The tolerance (degrees, about 30 m) of the service-area outlines: HSDS extents are for
# "is this address served", not for drawing the boundary at street level.
EXTENT_SIMPLIFY_DEGREES = 0.0003
EXTENT_DECIMALS = 5
# A Belgian postcode in an address ("Kerkstraat 1, 9000 Gent").
POSTCODE_PATTERN = r"(^|[^0-9])%s([^0-9]|$)"


STREAM_CHUNK = 500


def in_chunks(queryset) -> Iterator[list]:
    """`queryset` (ordered by id) in keyset chunks: a stream or an export of 100,000 services
    holds 500 in memory at a time, and no OFFSET grows with it."""
    last = 0
    while chunk := list(queryset.filter(pk__gt=last)[:STREAM_CHUNK]):
        yield chunk
        last = chunk[-1].pk


@dataclass(frozen=True)
class ServiceFilters:
    search: str | None = None
    work_models: tuple[str, ...] = ()
    # None: no taxonomy filter; False: a taxonomy that is not Buurtwijzer's (nothing matches).
    in_work_model_taxonomy: bool | None = None
    organisation_id: int | None = None
    unknown_id: bool = False  # an id of another kind or system was asked for: nothing matches
    modified_after: datetime | None = None
    postcode: str | None = None
    near: Point | None = None
    radius_m: float | None = None


def published_services(filters: ServiceFilters) -> QuerySet[Activity]:
    """Published activities matching `filters`, by id, with what a full service shows."""
    activities = activities_published_where(
        ActivityFilters(
            work_models=filters.work_models,
            q=filters.search or None,
            near=filters.near,
            radius_m=filters.radius_m or 0,
        )
    )
    if filters.unknown_id or filters.in_work_model_taxonomy is False:
        activities = activities.none()
    if filters.in_work_model_taxonomy:
        activities = activities.filter(
            Exists(Activity.work_models.through.objects.filter(activity_id=OuterRef("pk")))
        )
    if filters.organisation_id is not None:
        activities = activities.filter(organisation_id=filters.organisation_id)
    if filters.modified_after is not None:
        activities = activities.filter(updated_at__gte=filters.modified_after)
    if filters.postcode:
        activities = activities.filter(
            place__address__regex=POSTCODE_PATTERN % filters.postcode,
            place__precision="exact",
        )
    return (
        activities.select_related("organisation", "place", "place__area", "schedule")
        .prefetch_related(
            "work_models", Prefetch("service_areas", queryset=Area.objects.defer("geometry"))
        )
        .defer("place__location", "place__area__geometry")
        .order_by("pk")
    )


def publishing_organisations(*, search: str | None = None) -> QuerySet[Organisation]:
    """The organisations with at least one published activity."""
    organisations = Organisation.objects.filter(
        Exists(Activity.objects.filter(organisation=OuterRef("pk"), status=Status.PUBLISHED))
    )
    if search:
        organisations = organisations.filter(name__icontains=search)
    return organisations.order_by("pk")


def published_locations(*, search: str | None = None) -> QuerySet[Place]:
    """The public projection of the places where a published activity takes place."""
    places = public_places().filter(
        Exists(Activity.objects.filter(place=OuterRef("pk"), status=Status.PUBLISHED))
    )
    if search:
        places = places.filter(name__icontains=search)
    return places.order_by("pk")


def postcode_centre(postcode: str) -> Point | None:
    """The middle of the places whose public address carries `postcode`, or None when no place
    does (Buurtwijzer has no postcode boundaries: addresses are what it knows)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_X(c), ST_Y(c) FROM (SELECT ST_Centroid(ST_Collect(p.public_location)) AS c "
            f"FROM places_place p WHERE {PUBLIC_ADDRESS_SQL.format(place='p')} ~ %s) AS centre "
            "WHERE c IS NOT NULL",
            [POSTCODE_PATTERN % postcode],
        )
        row = cursor.fetchone()
    return Point(row[0], row[1], srid=4326) if row else None


def area_extents(area_ids: set[int]) -> dict[int, str]:
    """The simplified outline of each area, as GeoJSON text, in one query."""
    if not area_ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geometry, %s), %s) "
            "FROM buurt_area WHERE id = ANY(%s)",
            [EXTENT_SIMPLIFY_DEGREES, EXTENT_DECIMALS, sorted(area_ids)],
        )
        return dict(cursor.fetchall())
