import pytest
from rest_framework.test import APIClient

from places.models import Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_public_never_sees_the_sensitivity_layer(api):
    assert api.get("/api/v1/sensitivity/?kind=neighbourhood").status_code == 401
    outsider = APIClient()
    outsider.force_authenticate(UserFactory())
    assert outsider.get("/api/v1/sensitivity/?kind=neighbourhood").status_code == 403


@pytest.mark.parametrize("role", ["community_worker", "moderator", "policymaker"])
def test_workers_moderators_and_policymakers_see_it(api, worker_of, role):
    client = worker_of(Organisation.objects.first(), role=role)
    response = client.get("/api/v1/sensitivity/?kind=neighbourhood")
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 20
    assert {
        "code",
        "name",
        "type",
        "vulnerable",
        "demographic_change",
        "housing_market",
        "reasons",
    } <= set(rows[0])
    assert len({row["type"] for row in rows}) >= 3
    assert client.get("/api/v1/sensitivity/?kind=galaxy").status_code == 400
