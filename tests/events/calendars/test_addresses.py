"""A calendar on the server's own network is refused when it is registered, not only when
the sync tries to fetch it: the same rule (events.calendars.addresses) at every door."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from events.models import CalendarFeed
from events.services import calendar_feed_register
from places.services import membership_add
from tests.factories import OrganisationFactory, PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db

PRIVATE = [
    "http://127.0.0.1:6391/",
    "http://10.0.0.5/agenda.ics",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:8000/agenda.ics",
    "http://localhost:6379/",
]


@pytest.fixture
def strict(settings):
    # On in tests (they serve calendars from 127.0.0.1); production has it off.
    settings.CALENDAR_SYNC_ALLOW_PRIVATE_HOSTS = False


@pytest.fixture
def organisation_place(territory):
    organisation = OrganisationFactory(verified=True)
    return organisation, PlaceFactory(organisation=organisation, area=territory["west"])


@pytest.mark.parametrize("url", PRIVATE)
def test_the_service_refuses_private_addresses_naming_the_url(strict, organisation_place, url):
    organisation, place = organisation_place
    with pytest.raises(ValidationError) as refused:
        calendar_feed_register(
            organisation_id=organisation.pk,
            name="Agenda",
            url=url,
            place=place,
            work_models=["community"],
        )
    assert "url" in refused.value.message_dict
    assert not CalendarFeed.objects.exists()


def test_the_workspace_form_shows_the_refusal_on_the_url(strict, organisation_place):
    organisation, place = organisation_place
    worker = UserFactory()
    membership_add(organisation=organisation, user=worker)
    client = Client()
    client.force_login(worker)
    response = client.post(
        "/werkruimte/agenda/",
        {
            "organisation": organisation.pk,
            "name": "Agenda",
            "url": "http://127.0.0.1:6391/",
            "place": place.pk,
            "work_models": ["community"],
        },
    )
    assert response.status_code == 200
    errors = response.context["feed_form"].errors["url"]
    assert any("eigen netwerk" in error for error in errors), errors
    assert not CalendarFeed.objects.exists()


def test_the_admin_refuses_private_addresses_on_the_url_field(
    strict, organisation_place, admin_client
):
    from events.models import WorkModel

    organisation, place = organisation_place
    response = admin_client.post(
        reverse("admin:events_calendarfeed_add"),
        {
            "organisation": organisation.pk,
            "name": "Agenda",
            "url": "http://127.0.0.1:6391/",
            "place": place.pk,
            "work_models": [WorkModel.objects.get(code="community").pk],
            "kind": "recurring",
            "active": "on",
        },
    )
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["url"]
    assert not CalendarFeed.objects.exists()


def test_public_addresses_and_the_development_switch_still_register(settings, organisation_place):
    organisation, place = organisation_place
    settings.CALENDAR_SYNC_ALLOW_PRIVATE_HOSTS = True
    feed = calendar_feed_register(
        organisation_id=organisation.pk,
        name="Lokale agenda",
        url="http://127.0.0.1:6391/",
        place=place,
        work_models=["community"],
    )
    assert feed.pk
