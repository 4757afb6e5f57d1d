from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from places.models import Organisation
from places.services import membership_add
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def logged_in(role: str | None) -> Client:
    user = UserFactory()
    if role:
        membership_add(organisation=Organisation.objects.first(), user=user, role=role)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


def test_who_sees_and_who_reassesses_the_sensitivity_map(demo):
    assert Client().get("/werkers/kaart/").status_code == 302
    assert logged_in(None).get("/werkers/kaart/").status_code == 403
    policymaker = logged_in("policymaker")
    assert policymaker.get("/werkers/kaart/").status_code == 200
    assert policymaker.post("/werkers/kaart/", {"t0": 2018, "t1": 2023}).status_code == 403
    worker = logged_in("community_worker")
    assert worker.post("/werkers/kaart/", {"t0": 2018, "t1": 2023}).status_code == 302
    assert worker.post("/werkers/kaart/", {"t0": 2023, "t1": 2018}).status_code == 200
    assert worker.get("/werkers/buurt/neighbourhood/99001W04/").status_code == 200
    assert worker.get("/werkers/buurt/neighbourhood/%00/").status_code == 404
