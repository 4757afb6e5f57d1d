"""The header offers each logged-in user the pages of their roles, and nothing else."""

import pytest
from django.test import Client

from places.models import MemberRole
from places.services import membership_add
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def header_links(user=None) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    html = client.get("/").content.decode()
    return html[html.index("<header") : html.index("</header>")], html


def test_residents_see_no_work_links_but_a_login_in_the_footer():
    header, page = header_links()
    assert "Werkruimte" not in header
    assert "Aanmelden voor organisaties en beleidsmakers" in page


def test_each_role_gets_its_own_links():
    organisation = OrganisationFactory()
    worker, moderator, policymaker = UserFactory(), UserFactory(), UserFactory()
    membership_add(organisation=organisation, user=worker)
    membership_add(organisation=organisation, user=moderator, role=MemberRole.MODERATOR)
    membership_add(organisation=organisation, user=policymaker, role=MemberRole.POLICYMAKER)

    header, _page = header_links(worker)
    assert "Werkruimte" in header and "Afmelden" in header
    assert "Nazicht" not in header and "Dekking" not in header

    header, _page = header_links(moderator)
    assert "Werkruimte" in header and "Nazicht" in header and "Dekking" in header

    header, _page = header_links(policymaker)
    assert "Dekking" in header and "Gevoeligheidskaart" in header
    assert "Werkruimte" not in header
