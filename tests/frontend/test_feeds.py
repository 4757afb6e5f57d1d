"""Registering and pausing a calendar feed in the workspace (frontend/views/feeds.py)."""

import pytest

from events.models import CalendarFeed
from places.services import membership_add
from tests.factories import OrganisationFactory, UserFactory
from tests.frontend.workspace_support import client_for

pytestmark = pytest.mark.django_db


def test_registering_a_calendar_feed(setting):
    client = client_for(setting["worker"])
    data = {
        "organisation": setting["organisation"].pk,
        "name": "Agenda buurthuis",
        "url": "https://example.org/agenda.ics",
        "place": setting["place"].pk,
        "work_models": ["community"],
    }
    assert client.post("/werkruimte/agenda/", data).status_code == 302
    feed = CalendarFeed.objects.get()
    assert list(feed.work_models.values_list("code", flat=True)) == ["community"]
    again = client.post("/werkruimte/agenda/", data)
    assert again.status_code == 200 and "al gekoppeld" in again.content.decode()
    bad = client.post("/werkruimte/agenda/", {**data, "url": "geen adres"})
    assert bad.status_code == 200 and bad.context["feed_form"].errors["url"]
    client.post(f"/werkruimte/agenda/{feed.pk}/")
    feed.refresh_from_db()
    assert not feed.active
    stranger = UserFactory()
    membership_add(organisation=OrganisationFactory(), user=stranger)
    assert client_for(stranger).post(f"/werkruimte/agenda/{feed.pk}/").status_code == 403
