from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.gis.geos import Point
from django.core.management import call_command
from django.urls import reverse

from buurt.models import Area
from places.models import Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_with_demo(admin_client):
    call_command("load_demo", stdout=StringIO())
    return admin_client


def test_every_model_is_in_the_admin_with_list_add_and_change_pages(admin_client_with_demo):
    client = admin_client_with_demo
    from django.apps import apps

    for app in ("buurt", "places", "events"):
        for model in apps.get_app_config(app).get_models():
            assert model in admin.site._registry, f"{model.__name__} is not in the admin"
            meta = model._meta
            changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
            assert client.get(changelist).status_code == 200, changelist
            assert client.get(changelist, {"q": "buurt"}).status_code == 200
            instance = model.objects.first()
            if instance is not None:
                change = reverse(
                    f"admin:{meta.app_label}_{meta.model_name}_change", args=[instance.pk]
                )
                response = client.get(change)
                assert response.status_code == 200, change


def test_map_widgets_for_points_and_polygons(admin_client_with_demo):
    client = admin_client_with_demo
    area_page = client.get(reverse("admin:buurt_area_change", args=[Area.objects.first().pk]))
    assert b"leaflet" in area_page.content.lower()
    place_page = client.get(reverse("admin:places_place_add"))
    assert b"leaflet" in place_page.content.lower()


def test_a_place_added_in_the_admin_gets_its_area_and_public_point(admin_client_with_demo):
    response = admin_client_with_demo.post(
        reverse("admin:places_place_add"),
        {
            "name": "Nieuwe ontmoetingsplek",
            "organisation": Place.objects.filter(organisation__isnull=False)
            .first()
            .organisation_id,
            "kind": "community_centre",
            "address": "",
            "location": Point(3.98, 50.95, srid=4326).geojson,
            "precision": "area",
            "wheelchair": "unknown",
            "opening_hours": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    place = Place.objects.get(name="Nieuwe ontmoetingsplek")
    assert place.area is not None
    assert place.public_location.coords == pytest.approx(
        place.area.geometry.point_on_surface.coords
    )


def test_deleting_an_organisation_in_the_admin_deletes_its_hidden_places(admin_client, territory):
    """Issue 20, finding 10: a place shown by its neighbourhood only belongs to its
    organisation and goes with it; a place with a public address stays, without owner."""
    from places.models import Organisation, Precision
    from places.services import place_create
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory(verified=False)
    hidden = place_create(
        name="Lokaal praatgroep",
        location=Point(3.705, 51.005, srid=4326),
        kind="other",
        precision=Precision.AREA,
        organisation=organisation,
    )
    shared = place_create(
        name="Bibliotheek",
        location=Point(3.706, 51.006, srid=4326),
        kind="library",
        organisation=organisation,
    )
    url = reverse("admin:places_organisation_delete", args=[organisation.pk])
    confirm = admin_client.get(url)
    assert "Lokaal praatgroep" in confirm.content.decode()  # the admin says it goes too
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert not Place.objects.filter(pk=hidden.pk).exists()
    shared.refresh_from_db()
    assert shared.organisation is None


def test_a_hidden_place_cannot_be_without_organisation_in_the_admin(admin_client, territory):
    response = admin_client.post(
        reverse("admin:places_place_add"),
        {
            "name": "Van niemand",
            "kind": "other",
            "address": "",
            "location": Point(3.705, 51.005, srid=4326).geojson,
            "precision": "area",
            "wheelchair": "unknown",
            "opening_hours": "",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Place.objects.filter(name="Van niemand").exists()


def test_the_admin_removes_invisible_characters_from_names(admin_client):
    """Issue 20, finding 11: the admin cleans through the same model fields."""
    from places.models import Organisation

    response = admin_client.post(
        reverse("admin:places_organisation_add"),
        {
            "name": "\u202eBuurt\u200bwerk \u05e9\u05dc\u05d5\u05dd\ufeff",
            "description": "",
            "website": "",
            "phone": "",
            "email": "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Organisation.objects.get().name == "Buurtwerk \u05e9\u05dc\u05d5\u05dd"
