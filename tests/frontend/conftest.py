"""Fixtures of the frontend tests."""

import pytest

from places.services import membership_add
from tests.factories import OrganisationFactory, PlaceFactory, UserFactory


@pytest.fixture
def setting(territory):
    """A verified organisation, its place and one of its community workers (`an`)."""
    organisation = OrganisationFactory(verified=True)
    place = PlaceFactory(organisation=organisation, address="Geheimstraat 7")
    worker = UserFactory(username="an")
    membership_add(organisation=organisation, user=worker)
    return {"organisation": organisation, "place": place, "worker": worker}
