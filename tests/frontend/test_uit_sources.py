"""The workspace's UiT sources under /werkruimte/uit/: list, add, change, and the error of
the last sync shown to the organisation."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from events.models import UitSource
from places.models import Precision
from places.services import membership_add
from tests.events.uit.uit_server import uit_server
from tests.factories import OrganisationFactory, PlaceFactory, UserFactory

from .workspace_support import client_for

pytestmark = pytest.mark.django_db


def test_a_worker_registers_changes_and_sees_the_error_of_a_source(setting, settings):
    client = client_for(setting["worker"])
    page = client.get("/werkruimte/uit/")
    assert page.status_code == 200
    assert page.context["sources"].count() == 0 and "form" in page.context

    data = {
        "organisation": setting["organisation"].pk,
        "name": "Onze UiT-agenda",
        "query": "regions:nis-44021   AND labels:buurtwerk",
        "work_models": ["community", "peer"],
        "audiences": ["families"],
        "needs_moderation": "on",
        "place": setting["place"].pk,
        "active": "on",
    }
    answer = client.post("/werkruimte/uit/", data)
    assert answer.status_code == 302 and answer["Location"] == "/werkruimte/uit/"
    source = UitSource.objects.get()
    assert source.query == "regions:nis-44021 AND labels:buurtwerk"
    assert sorted(source.work_models.values_list("code", flat=True)) == ["community", "peer"]
    assert source.audiences == ["families"] and source.needs_moderation
    assert source.place == setting["place"]

    # The same query twice: the form says so, on the field.
    again = client.post("/werkruimte/uit/", data)
    assert again.status_code == 200 and UitSource.objects.count() == 1
    assert again.context["form"].errors["query"]

    # A sync that fails: its reason on the list and on the source's page.
    with uit_server() as (base, served):
        settings.UIT_API_URL, settings.UIT_API_KEY = base, "workspace-key-1234"
        served.results[source.query] = "status:401"
        with pytest.raises(CommandError, match="Onze UiT-agenda"):
            call_command("sync_uit", stdout=StringIO())
    listing = client.get("/werkruimte/uit/").content.decode()
    assert "Onze UiT-agenda" in listing and "regions:nis-44021 AND labels:buurtwerk" in listing
    assert "HTTP 401" in listing and 'role="alert"' in listing
    assert "workspace-key-1234" not in listing
    edit = client.get(f"/werkruimte/uit/{source.pk}/")
    assert edit.status_code == 200 and "HTTP 401" in edit.content.decode()

    changed = {**data, "query": "labels:buurtwerk-gent", "needs_moderation": "", "active": ""}
    answer = client.post(f"/werkruimte/uit/{source.pk}/", changed)
    assert answer.status_code == 302
    source.refresh_from_db()
    assert source.query == "labels:buurtwerk-gent"
    assert not source.needs_moderation and not source.active


def test_another_organisations_source_and_hidden_place_are_refused(setting):
    other = OrganisationFactory()
    source = UitSource.objects.create(organisation=other, name="Van een ander", query="q")
    client = client_for(setting["worker"])
    assert client.get(f"/werkruimte/uit/{source.pk}/").status_code == 403
    assert "Van een ander" not in client.get("/werkruimte/uit/").content.decode()
    # Someone else's place shown by its neighbourhood only is theirs alone.
    foreign = PlaceFactory(organisation=other, name="Elders", precision=Precision.AREA)
    answer = client.post(
        "/werkruimte/uit/",
        {
            "organisation": setting["organisation"].pk,
            "name": "X",
            "query": "labels:x",
            "work_models": ["community"],
            "place": foreign.pk,
        },
    )
    assert answer.status_code == 200 and answer.context["form"].errors["place"]
    assert not UitSource.objects.filter(name="X").exists()


def test_the_page_is_for_people_acting_for_an_organisation(client, territory):
    assert client.get("/werkruimte/uit/").status_code == 302  # log in first
    outsider = UserFactory(username="buiten")
    assert client_for(outsider).get("/werkruimte/uit/").status_code == 403
    organisation = OrganisationFactory()
    membership_add(organisation=organisation, user=outsider)
    assert client_for(outsider).get("/werkruimte/uit/").status_code == 200
