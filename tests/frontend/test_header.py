"""The header offers each logged-in user the pages of their roles, and nothing else; the
language switch is one link per language to this same page."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from places.models import MemberRole
from places.services import membership_add
from tests.factories import AreaFactory, OrganisationFactory, UserFactory

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


def language_links(html: str) -> list[dict]:
    """The header's language links, as {href, lang, hreflang, current, text}."""
    nav = html[html.index('<nav class="bw-languages-nav"') :]
    nav = nav[: nav.index("</nav>")]
    links = re.findall(r"<a ([^>]*)>([^<]*)</a>", nav)
    return [
        {**dict(re.findall(r'([a-z-]+)="([^"]*)"', attrs)), "text": text} for attrs, text in links
    ]


@pytest.mark.parametrize("language", ["nl-be", "fr", "en"])
def test_the_language_switch_is_one_link_per_language_to_this_same_page(language):
    area = AreaFactory(kind="neighbourhood", code="T0001W1")
    urls = {}
    for code in ("nl-be", "fr", "en"):
        with translation.override(code):
            urls[code] = reverse("frontend:neighbourhood", args=[area.code]) + "?x=1"
    html = Client().get(urls[language]).content.decode()
    assert "<select" not in html[html.index("<header") : html.index("</header>")]
    links = language_links(html)
    # Each language named in its own language, with lang and hreflang, to this same page.
    assert [(link["text"], link["lang"], link["hreflang"]) for link in links] == [
        ("Nederlands", "nl-be", "nl-be"),
        ("Français", "fr", "fr"),
        ("English", "en", "en"),
    ]
    assert [link["href"] for link in links] == [
        urls["nl-be"].replace("&", "&amp;"),
        urls["fr"].replace("&", "&amp;"),
        urls["en"].replace("&", "&amp;"),
    ]
    assert [link["lang"] for link in links if link.get("aria-current") == "true"] == [language]


def test_a_language_link_opens_the_page_in_that_language_without_a_second_step():
    html = Client().get("/").content.decode()
    french = next(link for link in language_links(html) if link["lang"] == "fr")
    response = Client().get(french["href"])
    assert response.status_code == 200
    assert '<html lang="fr"' in response.content.decode()


def test_logging_out_is_a_button_that_reads_as_a_link_in_the_work_navigation():
    organisation = OrganisationFactory()
    worker = UserFactory()
    membership_add(organisation=organisation, user=worker)
    header, _page = header_links(worker)
    nav = header[header.index('<nav class="bw-work-nav') :]
    assert f'<form action="{reverse("logout")}" method="post">' in nav
    assert '<button type="submit" class="bw-header__logout">Afmelden</button>' in nav


def test_a_page_without_a_language_in_its_address_switches_through_the_cookie():
    client = Client()
    html = client.get("/accounts/login/").content.decode()
    french = next(link for link in language_links(html) if link["lang"] == "fr")
    assert french["href"] == "/i18n/fr/?next=%2Faccounts%2Flogin%2F"
    response = client.get(french["href"].replace("&amp;", "&"))
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert response.cookies["django_language"].value == "fr"
    page = client.get("/accounts/login/").content.decode()
    assert '<html lang="fr"' in page
    current = [link["text"] for link in language_links(page) if link.get("aria-current")]
    assert current == ["Français"]


def test_the_language_link_goes_back_to_this_site_only():
    response = Client().get("/i18n/en/", {"next": "https://elders.example/"})
    assert response["Location"] == "/en/"
    assert Client().get("/i18n/xx/").status_code == 404
