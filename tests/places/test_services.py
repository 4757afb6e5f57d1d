"""Unit tests of places/services.py: the writes on places and organisations, in real PostGIS
on the small test territory (tests/conftest.py: Testdorp, West 3.70-3.72, Oost 3.72-3.74)."""

from datetime import date

import pytest
import time_machine
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.core.exceptions import ValidationError

from buurt.models import Area, AreaKind
from places.importers import PlaceRow
from places.models import MemberRole, Membership, Place, Precision
from places.services import (
    membership_add,
    organisation_create,
    place_create,
    place_hidden_for,
    place_update,
    places_locate,
    places_relocate_after_area_change,
    places_upsert,
)
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

IN_THE_SECTOR = Point(3.702, 51.002, srid=4326)  # in West and in its sector
IN_EAST = Point(3.735, 51.01, srid=4326)
OUTSIDE = Point(5.5, 50.5, srid=4326)


@pytest.fixture
def sector(territory) -> Area:
    """A statistical sector, a few blocks, in the south-west corner of West."""
    return Area.objects.create(
        kind=AreaKind.SECTOR,
        code="T0001W1S1",
        name="Hoek",
        parent=territory["west"],
        geometry=MultiPolygon(Polygon.from_bbox((3.700, 51.000, 3.705, 51.005)), srid=4326),
    )


def unsaved(location: Point, precision: str = Precision.EXACT, name: str = "Lokaal") -> Place:
    return Place(name=name, location=location, kind="other", precision=precision)


# --- places_locate ---------------------------------------------------------------------------


def test_an_exact_place_is_public_at_its_point_in_the_finest_area(sector):
    place = unsaved(IN_THE_SECTOR)
    places_locate([place])
    assert place.area_id == sector.id
    assert place.public_location.coords == place.location.coords


def test_a_hidden_place_stands_in_its_neighbourhood_never_in_a_sector(territory, sector):
    place = unsaved(IN_THE_SECTOR, Precision.AREA)
    places_locate([place])
    # A sector is a few blocks: too small to hide in.
    assert place.area_id == territory["west"].id
    stand_in = territory["west"].geometry.point_on_surface
    assert place.public_location.coords == pytest.approx(stand_in.coords)
    assert not sector.geometry.covers(place.public_location)


def test_places_locate_does_many_places_at_once(territory):
    places = [unsaved(IN_EAST), unsaved(IN_THE_SECTOR, Precision.AREA), unsaved(OUTSIDE)]
    places_locate(places)
    assert [place.area_id for place in places] == [
        territory["east"].id,
        territory["west"].id,
        None,
    ]
    assert places[2].public_location.coords == OUTSIDE.coords  # exact: nothing to hide


def test_a_hidden_place_outside_every_area_is_refused_by_name(territory):
    with pytest.raises(ValidationError) as error:
        places_locate([unsaved(OUTSIDE, Precision.AREA, name="Nergenshuis")])
    assert "Nergenshuis" in error.value.message_dict["precision"][0]


# --- place_create and place_update ----------------------------------------------------------


def test_place_create_saves_the_area_and_the_public_point(territory):
    place = place_create(
        name="Buurthuis Oost", location=IN_EAST, kind="community_centre", address="Oostweg 1"
    )
    place.refresh_from_db()
    assert (place.area, place.address) == (territory["east"], "Oostweg 1")
    assert place.public_location.coords == pytest.approx(IN_EAST.coords)


@pytest.mark.parametrize(
    "location",
    [Point(200, 51, srid=4326), Point(srid=4326), "3.7,51.0"],
    ids=["longitude 200", "empty", "not a point"],
)
def test_place_create_refuses_a_bad_point(territory, location):
    with pytest.raises(ValidationError) as error:
        place_create(name="Mis", location=location, kind="other")
    assert "location" in error.value.message_dict
    assert not Place.objects.exists()


def test_place_create_and_update_refuse_unknown_fields(territory):
    with pytest.raises(TypeError, match="public_location"):
        place_create(name="Mis", location=IN_EAST, kind="other", public_location=IN_EAST)
    place = place_create(name="Goed", location=IN_EAST, kind="other")
    with pytest.raises(TypeError, match="area"):
        place_update(place=place, area=territory["west"])


def test_a_hidden_place_needs_an_organisation(territory):
    with pytest.raises(ValidationError) as error:
        place_create(name="Praatgroep", location=IN_EAST, kind="other", precision=Precision.AREA)
    assert "organisation" in error.value.message_dict


def test_place_update_moves_the_place_into_its_new_area(territory):
    place = place_create(name="Verhuist", location=IN_EAST, kind="other")
    place_update(place=place, location=IN_THE_SECTOR, name="Verhuisd")
    place.refresh_from_db()
    assert (place.name, place.area) == ("Verhuisd", territory["west"])
    assert place.public_location.coords == pytest.approx(IN_THE_SECTOR.coords)


# --- places_relocate_after_area_change ------------------------------------------------------


def test_new_boundaries_move_places_into_the_area_that_now_covers_them(territory):
    place = place_create(name="Grensgeval", location=Point(3.715, 51.01, srid=4326), kind="other")
    assert place.area == territory["west"]
    # The border moves west: the place now lies in Oost.
    west, east = territory["west"], territory["east"]
    west.geometry = MultiPolygon(Polygon.from_bbox((3.70, 51.00, 3.71, 51.02)), srid=4326)
    east.geometry = MultiPolygon(Polygon.from_bbox((3.71, 51.00, 3.74, 51.02)), srid=4326)
    west.save()
    east.save()
    assert places_relocate_after_area_change(area_ids=[west.id, east.id]) == 1
    place.refresh_from_db()
    assert place.area == east


def test_relocating_without_places_nearby_does_nothing(territory):
    assert places_relocate_after_area_change(area_ids=[territory["east"].id]) == 0
    assert places_relocate_after_area_change(area_ids=[]) == 0


# --- organisations and members --------------------------------------------------------------


@time_machine.travel(date(2026, 3, 9))
def test_a_verified_organisation_is_verified_on_the_day_it_is_created():
    verified = organisation_create(name="OCMW Testdorp", verified=True)
    newcomer = organisation_create(name="Nieuwe vzw")
    assert verified.last_verified == date(2026, 3, 9)
    assert newcomer.last_verified is None and not newcomer.verified


def test_an_organisation_needs_a_name():
    with pytest.raises(ValidationError) as error:
        organisation_create(name="")
    assert "name" in error.value.message_dict


def test_membership_add_sets_the_role_once_per_organisation():
    organisation, user = OrganisationFactory(), UserFactory()
    first = membership_add(organisation=organisation, user=user)
    assert first.role == MemberRole.COMMUNITY_WORKER
    again = membership_add(organisation=organisation, user=user, role=MemberRole.MODERATOR)
    assert again.pk == first.pk
    assert Membership.objects.get(organisation=organisation, user=user).role == "moderator"


# --- places_upsert --------------------------------------------------------------------------


def row(key: str, name: str, point: Point, address: str = "") -> PlaceRow:
    return PlaceRow(
        import_key=key,
        name=name,
        kind="library",
        lon=point.x,
        lat=point.y,
        source_kind="library",
        address=address,
    )


def test_places_upsert_creates_then_updates_by_import_key(
    territory, django_capture_on_commit_callbacks
):
    rows = [row("id:1", "Bib Oost", IN_EAST, "Oostweg 2"), row("id:2", "Bib Ver", OUTSIDE)]
    with django_capture_on_commit_callbacks() as callbacks:
        summary = places_upsert(rows=rows)
    assert (summary.created, summary.updated, summary.unchanged) == (2, 0, 0)
    assert len(callbacks) == 1  # the map layers are told once
    east = Place.objects.get(import_key="id:1")
    assert (east.area, east.address, east.precision) == (territory["east"], "Oostweg 2", "exact")
    assert east.public_location.coords == pytest.approx(IN_EAST.coords)
    assert Place.objects.get(import_key="id:2").area is None

    # The same file again changes nothing; a moved and renamed library is updated, and a
    # file without addresses keeps the address typed in before.
    with django_capture_on_commit_callbacks() as callbacks:
        summary = places_upsert(rows=rows)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 2)
    assert callbacks == []
    summary = places_upsert(rows=[row("id:1", "Bibliotheek West", IN_THE_SECTOR)])
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 0)
    east.refresh_from_db()
    assert (east.name, east.area, east.address) == (
        "Bibliotheek West",
        territory["west"],
        "Oostweg 2",
    )
    assert east.public_location.coords == pytest.approx(IN_THE_SECTOR.coords)


def test_a_dry_run_writes_nothing(territory):
    summary = places_upsert(rows=[row("id:1", "Bib Oost", IN_EAST)], dry_run=True)
    assert summary.created == 1
    assert not Place.objects.exists()


def test_an_imported_place_later_hidden_keeps_its_stand_in_point(territory):
    places_upsert(rows=[row("id:p", "Zaal", IN_EAST, "Oostweg 9")])
    Place.objects.filter(import_key="id:p").update(
        precision=Precision.AREA, organisation=OrganisationFactory()
    )
    # The open data moves the point within Oost: the public point stays Oost's stand-in.
    summary = places_upsert(rows=[row("id:p", "Zaal", Point(3.738, 51.015, srid=4326))])
    assert summary.updated == 1
    hidden = Place.objects.get(import_key="id:p")
    assert hidden.location.coords == pytest.approx((3.738, 51.015))
    stand_in = territory["east"].geometry.point_on_surface
    assert hidden.public_location.coords == pytest.approx(stand_in.coords)
    assert hidden.precision == Precision.AREA


# --- place_hidden_for -----------------------------------------------------------------------


def test_place_hidden_for_makes_one_neutral_twin_per_organisation(territory):
    group = OrganisationFactory()
    shared = place_create(
        name="Buurthuis Oost", location=IN_EAST, kind="community_centre", address="Oostweg 1"
    )
    twin = place_hidden_for(place=shared, organisation=group)
    assert twin.pk != shared.pk
    assert (twin.precision, twin.organisation, twin.address) == (Precision.AREA, group, "")
    assert "Oost" in twin.name and "Buurthuis" not in twin.name
    assert twin.location.coords == pytest.approx(shared.location.coords)
    assert place_hidden_for(place=shared, organisation=group) == twin
    assert place_hidden_for(place=twin, organisation=group) == twin
    shared.refresh_from_db()
    assert shared.precision == Precision.EXACT  # the other activities there are unchanged


def test_place_hidden_for_refuses_a_place_outside_every_area(territory):
    far = place_create(name="Ver weg", location=OUTSIDE, kind="other")
    with pytest.raises(ValidationError) as error:
        place_hidden_for(place=far, organisation=OrganisationFactory())
    assert "Ver weg" in error.value.message_dict["precision"][0]


def test_imported_names_and_addresses_are_cleaned_as_typed_ones_are(territory):
    """COPY skips the model fields: the import applies usertext's rule itself (issue 15)."""
    places_upsert(
        rows=[row("id:1", "\u202eBib\u200b Oost\x07", IN_EAST, "Oostweg 2\r\n9000\tGent")]
    )
    place = Place.objects.get(import_key="id:1")
    assert (place.name, place.address) == ("Bib Oost", "Oostweg 2 9000 Gent")
    # The same file again is the same place, unchanged.
    summary = places_upsert(
        rows=[row("id:1", "\u202eBib\u200b Oost\x07", IN_EAST, "Oostweg 2\r\n9000\tGent")]
    )
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 1)
