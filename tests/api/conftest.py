from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from rest_framework.test import APIClient

from tests.factories import UserFactory


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once per module inside a transaction that is rolled back at the end;
    each test runs in a savepoint within it. load_demo also assesses the neighbourhoods'
    sensitivity (2018-2023), so no test needs to run assess_sensitivity for it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def api(demo, db) -> APIClient:
    return APIClient()


@pytest.fixture
def worker_of():
    """A logged-in API client for a community worker of the given organisation."""
    from places.services import membership_add

    def make(organisation, role="community_worker") -> APIClient:
        user = UserFactory()
        membership_add(organisation=organisation, user=user, role=role)
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make
