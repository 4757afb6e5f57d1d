"""Writes on organisations and places."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurt.models import FINEST_FIRST, AreaKind, OpenDataSource
from buurt.queries import area_public_points, finest_area_ids
from buurt.signals import map_data_changed
from core.imports import ImportSummary
from usertext import user_line_clean

from .models import MemberRole, Membership, Organisation, Place, Precision, Wheelchair
from .signals import places_changed

HIDING_KINDS = [AreaKind.NEIGHBOURHOOD, AreaKind.DISTRICT, AreaKind.MUNICIPALITY]
PLACE_FIELDS = {
    "name",
    "organisation",
    "kind",
    "address",
    "location",
    "precision",
    "wheelchair",
    "accessible_toilet",
    "hearing_loop",
    "opening_hours",
    "import_key",
}


def places_locate(places: Iterable[Place]) -> None:
    """Set each place's area and public point from its real point and precision (unsaved).

    The public point of an `area` place is its area's point on surface, so the real point
    cannot be read back from anything public.
    """
    places = list(places)
    points = [place.location for place in places]
    area_ids = finest_area_ids(points)
    # A hidden place is shown by its neighbourhood, never by something as small as a
    # statistical sector (a few blocks).
    hidden = [i for i, place in enumerate(places) if place.shows_area_only]
    hiding_ids = finest_area_ids([points[i] for i in hidden], kinds=HIDING_KINDS)
    for index, area_id in zip(hidden, hiding_ids, strict=True):
        area_ids[index] = area_id
    stand_ins = area_public_points([a for a in set(area_ids) if a is not None])
    for place, area_id in zip(places, area_ids, strict=True):
        place.area_id = area_id
        if place.shows_area_only:
            if area_id is None:
                raise ValidationError(
                    {
                        "precision": _(
                            "%(name)s lies outside every known area, so it cannot be "
                            "shown by its neighbourhood only."
                        )
                        % {"name": place.name}
                    }
                )
            place.public_location = Point(stand_ins[area_id].coords, srid=4326)
        else:
            place.public_location = place.location  # the same point: nothing to hide


def _validate_point(location: Point) -> None:
    if not isinstance(location, Point) or location.empty:
        raise ValidationError({"location": _("A place needs a point.")})
    lon, lat = location.coords[:2]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValidationError({"location": _("Coordinates must be longitude and latitude.")})


@transaction.atomic
def place_create(*, name: str, location: Point, kind: str, **fields) -> Place:
    unknown = set(fields) - PLACE_FIELDS
    if unknown:
        raise TypeError(f"Unknown place fields: {sorted(unknown)}")
    _validate_point(location)
    place = Place(name=name, location=location, kind=kind, **fields)
    places_locate([place])
    place.full_clean(exclude=["public_location"])
    place.save()
    places_changed.send(sender=Place, place_ids=[place.pk])
    return place


@transaction.atomic
def place_update(*, place: Place, **fields) -> Place:
    unknown = set(fields) - PLACE_FIELDS
    if unknown:
        raise TypeError(f"Unknown place fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(place, name, value)
    _validate_point(place.location)
    places_locate([place])
    place.full_clean(exclude=["public_location"])
    place.save()
    places_changed.send(sender=Place, place_ids=[place.pk])
    return place


def places_relocate_after_area_change(*, area_ids: list[int], **_kwargs) -> int:
    """Recompute area and public point of the places in or near changed areas."""
    affected = Place.objects.filter(area_id__in=area_ids) | Place.objects.filter(
        location__intersects=_union_extent(area_ids)
    )
    places = list(affected.distinct())
    if not places:
        return 0
    places_locate(places)
    Place.objects.bulk_update(places, ["area", "public_location"], batch_size=1000)
    return len(places)


def _union_extent(area_ids: list[int]):
    from django.contrib.gis.db.models import Extent
    from django.contrib.gis.geos import Polygon

    from buurt.models import Area

    extent = Area.objects.filter(id__in=area_ids).aggregate(extent=Extent("geometry"))["extent"]
    if extent is None:
        return Polygon(srid=4326)
    return Polygon.from_bbox(extent)


@transaction.atomic
def organisation_create(*, name: str, verified: bool = False, **fields) -> Organisation:
    organisation = Organisation(name=name, verified=verified, **fields)
    if verified:
        organisation.last_verified = timezone.localdate()
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def membership_add(
    *, organisation: Organisation, user: AbstractBaseUser, role: str = MemberRole.COMMUNITY_WORKER
) -> Membership:
    membership, _created = Membership.objects.update_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    return membership


# The rows of one import, streamed in with COPY so that matching, area lookup and writes
# are a few set-based statements instead of one round trip or ORM object per place.
_IMPORT_TABLE_SQL = """
    CREATE TEMPORARY TABLE place_import (
        ord integer NOT NULL,
        import_key varchar(300) NOT NULL,
        name varchar(200) NOT NULL,
        kind varchar(20) NOT NULL,
        point geometry(Point, 4326) NOT NULL,
        address varchar(300) NOT NULL
    ) ON COMMIT DROP
"""
# Same name, kind, point (within 1e-9 degrees) and, when the import gives them, address,
# organisation and source. A file without addresses leaves typed-in addresses alone.
_SAME_SQL = """
    p.name = i.name AND p.kind = i.kind
    AND ST_Distance(p.location::geometry, i.point) <= 1e-9
    AND (i.address = '' OR p.address = i.address)
    AND (%(organisation)s::bigint IS NULL
         OR p.organisation_id IS NOT DISTINCT FROM %(organisation)s::bigint)
    AND (%(source)s::bigint IS NULL OR p.source_id IS NOT DISTINCT FROM %(source)s::bigint)
"""
# The finest area covering each imported point (sector before neighbourhood before district
# before municipality). Areas drive the join and the points are looked up in the GiST index
# of place_import: PostGIS then prepares each area polygon once and tests all its points
# against it, about ten times faster than one indexed area lookup per point (finest_area_ids).
_FINEST_AREA_SQL = """
    SELECT DISTINCT ON (i.ord) i.ord, a.id AS area_id
    FROM buurt_area a JOIN place_import i ON ST_Covers(a.geometry, i.point)
    WHERE a.kind = ANY(%(kinds)s::text[])
    ORDER BY i.ord, array_position(%(kinds)s::text[], a.kind::text), a.id
"""


@transaction.atomic
def places_upsert(
    *,
    rows: list,
    organisation: Organisation | None = None,
    source: OpenDataSource | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Create or update imported places by their import key, all or nothing.

    New places and changed `exact` places are written set-based in SQL; changed places
    shown by their neighbourhood only go through places_locate, which keeps the privacy
    rule (the public point is the area's point on surface) in one place.
    """
    summary = ImportSummary()
    params = {
        "organisation": organisation.id if organisation is not None else None,
        "source": source.id if source is not None else None,
        "kinds": list(FINEST_FIRST),
        "now": timezone.now(),
    }
    with connection.cursor() as cursor:
        cursor.execute(_IMPORT_TABLE_SQL)
        with cursor.copy("COPY place_import FROM STDIN") as copy:
            write_row = copy.write_row
            for number, row in enumerate(rows):
                # repr keeps every digit of the coordinates.
                point = f"SRID=4326;POINT({row.lon!r} {row.lat!r})"
                # COPY skips the model fields' cleaning: the same rule by hand (usertext).
                name, address = user_line_clean(row.name), user_line_clean(row.address)
                write_row((number, row.import_key, name, row.kind, point, address))
        # No ANALYZE: CREATE INDEX already records the row count, which is all the planner
        # needs to drive the area join from the areas (and ANALYZE costs a fifth of a second).
        cursor.execute("CREATE INDEX ON place_import USING gist (point)")
        cursor.execute(
            f"""
            SELECT count(*), count(*) FILTER (WHERE {_SAME_SQL}),
                   coalesce(array_agg(i.ord ORDER BY i.ord) FILTER (
                       WHERE NOT ({_SAME_SQL}) AND p.precision <> %(exact)s), '{{}}')
            FROM place_import i JOIN places_place p ON p.import_key = i.import_key
            """,
            {**params, "exact": Precision.EXACT},
        )
        matched, summary.unchanged, hidden = cursor.fetchone()
        if matched < len(rows):
            # On a first import nothing matches, and the anti-join can be left out.
            new = (
                "WHERE NOT EXISTS (SELECT FROM places_place p WHERE p.import_key = i.import_key)"
                if matched
                else ""
            )
            cursor.execute(
                f"""
            WITH todo AS (SELECT i.* FROM place_import i {new}),
            finest AS ({_FINEST_AREA_SQL})
            INSERT INTO places_place (
                name, organisation_id, kind, address, location, precision, area_id,
                public_location, wheelchair, accessible_toilet, hearing_loop, opening_hours,
                import_key, source_id, created_at, updated_at
            )
            SELECT i.name, %(organisation)s::bigint, i.kind, i.address, i.point::geography,
                   %(exact)s, finest.area_id, i.point, %(unknown)s, false, false, '',
                   i.import_key, %(source)s::bigint, %(now)s, %(now)s
            FROM todo i LEFT JOIN finest USING (ord)
            """,
                {**params, "exact": Precision.EXACT, "unknown": Wheelchair.UNKNOWN},
            )
            summary.created = cursor.rowcount
        if matched - summary.unchanged - len(hidden):
            cursor.execute(
                f"""
            WITH todo AS (
                SELECT i.*, p.id AS place_id
                FROM place_import i JOIN places_place p ON p.import_key = i.import_key
                WHERE p.precision = %(exact)s AND NOT ({_SAME_SQL})
            ), finest AS ({_FINEST_AREA_SQL})
            UPDATE places_place p
            SET name = i.name, kind = i.kind, location = i.point::geography,
                address = CASE WHEN i.address = '' THEN p.address ELSE i.address END,
                organisation_id = coalesce(%(organisation)s::bigint, p.organisation_id),
                source_id = coalesce(%(source)s::bigint, p.source_id),
                area_id = finest.area_id, public_location = i.point, updated_at = %(now)s
            FROM todo i LEFT JOIN finest USING (ord)
            WHERE p.id = i.place_id
            """,
                {**params, "exact": Precision.EXACT},
            )
            summary.updated = cursor.rowcount
        cursor.execute("DROP TABLE place_import")
    if hidden:
        summary.updated += _places_hidden_update(
            [rows[number] for number in hidden],
            organisation=organisation,
            source=source,
            now=params["now"],
        )
    if dry_run:
        transaction.set_rollback(True)
    elif summary.created or summary.updated:
        transaction.on_commit(lambda: map_data_changed.send(sender=Place))
    return summary


def _places_hidden_update(
    rows: list, *, organisation: Organisation | None, source: OpenDataSource | None, now
) -> int:
    """Update imported places that are shown by their neighbourhood only: few, and their
    public point must come from the same rule as everywhere else (places_locate)."""
    places = Place.objects.in_bulk([row.import_key for row in rows], field_name="import_key")
    to_update = []
    for row in rows:
        place = places[row.import_key]
        place.name, place.kind, place.location = row.name, row.kind, row.location
        if organisation is not None:
            place.organisation = organisation
        if source is not None:
            place.source = source
        if row.address:
            place.address = row.address
        place.updated_at = now
        to_update.append(place)
    places_locate(to_update)
    Place.objects.bulk_update(
        to_update,
        [
            "name",
            "kind",
            "location",
            "address",
            "organisation",
            "source",
            "area",
            "public_location",
            "updated_at",
        ],
        batch_size=1000,
    )
    return len(to_update)


@transaction.atomic
def place_hidden_for(*, place: Place, organisation: Organisation) -> Place:
    """The organisation's own neighbourhood-only twin of a place ("show only the
    neighbourhood" for a peer group): same real point, a neutral name, no street address.
    The original place stays as it is for the other activities held there."""
    if place.shows_area_only and place.organisation_id == organisation.id:
        return place
    twin = Place.objects.filter(
        organisation=organisation, precision=Precision.AREA, location=place.location
    ).first()
    if twin is not None:
        return twin
    from buurt.models import Area

    area_id = finest_area_ids([place.location], kinds=HIDING_KINDS)[0]
    if area_id is None:
        raise ValidationError(
            {
                "precision": _(
                    "%(name)s lies outside every known area, so it cannot be shown by its "
                    "neighbourhood only."
                )
                % {"name": place.name}
            }
        )
    area = Area.objects.only("name").get(pk=area_id)
    return place_create(
        name=_("Meeting room in %(area)s") % {"area": area.name},
        location=place.location,
        kind=place.kind,
        organisation=organisation,
        precision=Precision.AREA,
        wheelchair=place.wheelchair,
        accessible_toilet=place.accessible_toilet,
        hearing_loop=place.hearing_loop,
    )
