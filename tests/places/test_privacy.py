"""The exact point of an `area`-precision place never leaves the server."""

from io import StringIO

import pytest
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from places.models import Place, Precision
from places.public import public_address, public_places
from places.services import place_create, place_update
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def hidden_group(territory) -> Place:
    return place_create(
        name="Lokaal praatgroep schulden",
        location=Point(3.7051, 51.0123, srid=4326),
        kind="other",
        precision=Precision.AREA,
        organisation=OrganisationFactory(),
        address="Geheime straat 7",
    )


def test_an_area_place_is_public_only_at_its_areas_point_on_surface(territory):
    place = hidden_group(territory)
    assert place.area == territory["west"]
    expected = territory["west"].geometry.point_on_surface
    public = public_places().get(id=place.id)
    assert public.public_location.coords == pytest.approx(expected.coords)
    assert public.public_location.coords != pytest.approx(place.location.coords)
    assert public_address(public) == ""


def test_public_reads_never_select_the_real_point(territory):
    hidden_group(territory)
    with CaptureQueriesContext(connection) as queries:
        rows = list(public_places())
    assert rows
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert '"places_place"."location"' not in sql
    assert '"places_place"."public_location"' in sql


def test_public_point_follows_precision_changes_and_moves(territory):
    place = hidden_group(territory)
    place_update(place=place, precision=Precision.EXACT)
    assert place.public_location.coords == pytest.approx(place.location.coords)
    place_update(place=place, precision=Precision.AREA, location=Point(3.735, 51.01, srid=4326))
    assert place.area == territory["east"]
    assert place.public_location.coords == pytest.approx(
        territory["east"].geometry.point_on_surface.coords
    )


def test_an_area_place_outside_every_area_is_refused(territory):
    with pytest.raises(ValidationError) as error:
        place_create(
            name="Nergens",
            location=Point(5.5, 50.5, srid=4326),
            kind="other",
            precision=Precision.AREA,
        )
    assert "precision" in error.value.message_dict


def test_new_boundaries_move_the_public_point_of_hidden_places(territory, tmp_path):
    place = hidden_group(territory)
    # Re-import the west neighbourhood with a different shape: its stand-in point moves.
    path = tmp_path / "west.geojson"
    path.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
        '{"code":"T0001W1","name":"West"},"geometry":{"type":"Polygon","coordinates":'
        "[[[3.70,51.00],[3.72,51.00],[3.72,51.05],[3.70,51.05],[3.70,51.00]]]}}]}"
    )
    call_command(
        "import_areas",
        str(path),
        "--kind",
        "neighbourhood",
        "--code-field",
        "code",
        "--name-field",
        "name",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    place.refresh_from_db()
    territory["west"].refresh_from_db()
    assert place.public_location.coords == pytest.approx(
        territory["west"].geometry.point_on_surface.coords
    )


def test_a_hidden_place_is_shown_by_its_neighbourhood_never_by_a_sector(territory):
    from buurt.models import Area
    from tests.conftest import square

    Area.objects.create(
        kind="sector",
        code="T0001W1A",
        name="Sector A",
        parent=territory["west"],
        geometry=square(3.70, 51.00, 0.01),
    )
    place = place_create(
        name="Lotgenotengroep",
        location=Point(3.705, 51.005, srid=4326),
        kind="other",
        precision=Precision.AREA,
        organisation=OrganisationFactory(),
    )
    assert place.area == territory["west"]
    assert place.public_location.coords == pytest.approx(
        territory["west"].geometry.point_on_surface.coords
    )
    exact = place_create(name="Bib", location=Point(3.705, 51.005, srid=4326), kind="library")
    assert exact.area.code == "T0001W1A"


def test_the_public_pages_of_a_hidden_group_show_only_its_neighbourhood(client, territory):
    """Activity page (and its JSON-LD), area pages, poster and embeds: no street address,
    no real point, not even the area's point in the JSON-LD."""
    import json
    import re
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    from events.services import ScheduleInput, activity_create

    place = hidden_group(territory)
    activity = activity_create(
        organisation=place.organisation,
        kind="peer_group",
        title="Praatgroep schulden",
        summary="Samen sterker.",
        work_models=["peer"],
        place=place,
        status="published",
        schedule=ScheduleInput(
            dtstart=timezone.now() + timedelta(days=1),
            duration=timedelta(hours=2),
            rrule="FREQ=WEEKLY",
        ),
    )
    real = [f"{coordinate:.4f}" for coordinate in place.location.coords]
    public = territory["west"].geometry.point_on_surface
    urls = [
        reverse("frontend:activity", args=[activity.pk]),
        reverse("frontend:neighbourhood", args=["T0001W1"]),
        reverse("frontend:neighbourhood", args=["T0001"]),
        reverse("frontend:poster", args=["T0001W1"]),
        reverse("frontend:embed-neighbourhood", args=["T0001W1"]),
        reverse("frontend:embed-organisation", args=[place.organisation_id]),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert "Praatgroep schulden" in html, url
        assert "Geheime straat" not in html, url
        for coordinate in real:
            assert coordinate not in html, (url, coordinate)
    html = client.get(urls[0]).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    location = json.loads(script.group(1))["location"]
    assert location == {
        "@type": "Place",
        "name": "West",
        "address": {"@type": "PostalAddress", "addressLocality": "West", "addressCountry": "BE"},
    }
    assert f"{public.x:.4f}" not in script.group(1)


def test_hidden_places_follow_their_organisation(territory):
    """Issue 20, finding 10: deleting an organisation deletes its hidden places with it
    (they exist only for its groups); they never become a place anyone may use."""
    organisation = OrganisationFactory()
    hidden = place_create(
        name="Lokaal praatgroep",
        location=Point(3.705, 51.005, srid=4326),
        kind="other",
        precision=Precision.AREA,
        organisation=organisation,
    )
    shared = place_create(
        name="Buurthuis",
        location=Point(3.706, 51.006, srid=4326),
        kind="other",
        organisation=organisation,
    )
    organisation.delete()
    assert not Place.objects.filter(pk=hidden.pk).exists()
    shared.refresh_from_db()
    assert shared.organisation is None and shared.precision == Precision.EXACT


def test_a_hidden_place_needs_an_organisation(territory):
    with pytest.raises(ValidationError) as error:
        place_create(
            name="Van niemand",
            location=Point(3.705, 51.005, srid=4326),
            kind="other",
            precision=Precision.AREA,
        )
    assert "organisation" in error.value.message_dict
    hidden = hidden_group(territory)
    with pytest.raises(ValidationError) as error:
        place_update(place=hidden, organisation=None)
    assert "organisation" in error.value.message_dict
