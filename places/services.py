"""Writes on organisations and places."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurt.imports import ImportSummary
from buurt.models import AreaKind
from buurt.queries import area_public_points, finest_area_ids
from buurt.signals import map_data_changed

from .models import MemberRole, Membership, Organisation, Place, Precision

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
    hidden = [i for i, place in enumerate(places) if place.precision == Precision.AREA]
    hiding_ids = finest_area_ids([points[i] for i in hidden], kinds=HIDING_KINDS)
    for index, area_id in zip(hidden, hiding_ids, strict=True):
        area_ids[index] = area_id
    stand_ins = area_public_points([a for a in set(area_ids) if a is not None])
    for place, area_id in zip(places, area_ids, strict=True):
        place.area_id = area_id
        if place.precision == Precision.AREA:
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


@transaction.atomic
def places_upsert(
    *, rows: list, organisation: Organisation | None = None, dry_run: bool = False
) -> ImportSummary:
    """Create or update imported places by their import key, all or nothing."""
    summary = ImportSummary()
    existing = {
        place.import_key: place
        for place in Place.objects.filter(import_key__in=[row.import_key for row in rows])
    }
    to_create, to_update = [], []
    for row in rows:
        place = existing.get(row.import_key)
        if place is None:
            to_create.append(
                Place(
                    import_key=row.import_key,
                    name=row.name,
                    kind=row.kind,
                    location=row.location,
                    organisation=organisation,
                    precision=Precision.EXACT,
                )
            )
            continue
        same = (
            place.name == row.name
            and place.kind == row.kind
            and place.location.equals_exact(row.location, 1e-9)
            and (organisation is None or place.organisation_id == organisation.id)
        )
        if same:
            summary.unchanged += 1
            continue
        place.name, place.kind, place.location = row.name, row.kind, row.location
        if organisation is not None:
            place.organisation = organisation
        to_update.append(place)
    places_locate(to_create + to_update)
    _places_copy(to_create)
    now = timezone.now()
    for place in to_update:
        place.updated_at = now
    Place.objects.bulk_update(
        to_update,
        ["name", "kind", "location", "organisation", "area", "public_location", "updated_at"],
        batch_size=1000,
    )
    summary.created, summary.updated = len(to_create), len(to_update)
    if dry_run:
        transaction.set_rollback(True)
    elif to_create or to_update:
        transaction.on_commit(lambda: map_data_changed.send(sender=Place))
    return summary


def _places_copy(places: list[Place]) -> None:
    """Insert new places with COPY: a regional import is tens of thousands of rows, and
    COPY streams them several times faster than INSERT."""
    if not places:
        return
    now = timezone.now()
    columns = (
        "name, organisation_id, kind, address, location, precision, area_id, public_location,"
        " wheelchair, accessible_toilet, hearing_loop, opening_hours, import_key,"
        " created_at, updated_at"
    )
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY places_place ({columns}) FROM STDIN") as copy,
    ):
        for place in places:
            location = _ewkt(place.location)
            public = (
                location
                if place.public_location is place.location
                else _ewkt(place.public_location)
            )
            copy.write_row(
                (
                    place.name,
                    place.organisation_id,
                    place.kind,
                    place.address,
                    location,
                    place.precision,
                    place.area_id,
                    public,
                    place.wheelchair,
                    place.accessible_toilet,
                    place.hearing_loop,
                    place.opening_hours,
                    place.import_key,
                    now,
                    now,
                )
            )


def _ewkt(point: Point) -> str:
    # repr keeps every digit; formatting text is much cheaper than GEOS's WKB writer.
    x, y = point.coords[:2]
    return f"SRID=4326;POINT({x!r} {y!r})"


@transaction.atomic
def place_hidden_for(*, place: Place, organisation: Organisation) -> Place:
    """The organisation's own neighbourhood-only twin of a place ("show only the
    neighbourhood" for a peer group): same real point, a neutral name, no street address.
    The original place stays as it is for the other activities held there."""
    if place.precision == Precision.AREA and place.organisation_id == organisation.id:
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
