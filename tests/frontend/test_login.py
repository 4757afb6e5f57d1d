"""Logging in takes each role to its own start page; a safe `next` still wins."""

import pytest
from django.test import Client

from places.services import membership_add
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "lang-genoeg-wachtwoord"


def user_with(*roles: str, superuser: bool = False):
    user = UserFactory(is_superuser=superuser)
    user.set_password(PASSWORD)
    user.save()
    for role in roles:
        membership_add(organisation=OrganisationFactory(), user=user, role=role)
    return user


def landing(user, next_url: str | None = None) -> str:
    data = {"username": user.username, "password": PASSWORD}
    if next_url is not None:
        data["next"] = next_url
    response = Client().post("/accounts/login/", data)
    assert response.status_code == 302, response.content.decode()[:300]
    return response["Location"]


@pytest.mark.parametrize(
    ("roles", "superuser", "start"),
    [
        (["community_worker"], False, "/werkruimte/"),
        (["moderator"], False, "/werkruimte/moderatie/"),
        (["policymaker"], False, "/beleid/dekking/"),
        # The role that acts most decides.
        (["policymaker", "community_worker"], False, "/werkruimte/"),
        (["policymaker", "moderator"], False, "/werkruimte/moderatie/"),
        ([], True, "/werkruimte/moderatie/"),
        ([], False, "/"),
    ],
)
def test_each_role_starts_on_its_own_page(territory, roles, superuser, start):
    # Two municipalities: a policymaker chooses one on the list.
    from buurt.models import Area, AreaKind

    Area.objects.create(
        kind=AreaKind.MUNICIPALITY,
        code="T0002",
        name="Anderdorp",
        geometry=territory["town"].geometry,
    )
    assert landing(user_with(*roles, superuser=superuser)) == start


def test_a_policymaker_with_one_municipality_lands_on_its_dashboard(territory):
    assert landing(user_with("policymaker")) == "/beleid/dekking/T0001/"


def test_a_safe_next_wins_and_an_unsafe_one_is_ignored(territory):
    policymaker = user_with("policymaker")
    assert landing(policymaker, "/werkers/kaart/?kind=district") == "/werkers/kaart/?kind=district"
    assert landing(policymaker, "https://elders.example/") == "/beleid/dekking/T0001/"
    assert landing(policymaker, "//elders.example/") == "/beleid/dekking/T0001/"
    assert landing(policymaker, "") == "/beleid/dekking/T0001/"


def test_a_wrong_password_stays_on_the_login_page(territory):
    response = Client().post(
        "/accounts/login/", {"username": user_with("policymaker").username, "password": "fout"}
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
