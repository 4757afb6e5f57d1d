"""The favicon, the short links of posters and the error pages (403, 404, 500), styled and
in the page's language, with DEBUG off as in production."""

import pytest
from django.conf import settings
from django.test import Client, override_settings

from events.models import Activity
from events.short_codes import short_code
from tests.frontend.test_public_pages import offer  # noqa: F401

pytestmark = pytest.mark.django_db


def test_debug_is_off_here():
    assert settings.DEBUG is False


def test_the_pages_name_a_favicon_and_favicon_ico_leads_to_it(client, territory):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/frontend/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("/favicon.svg")
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("prefix", "heading", "html_lang"),
    [
        ("", "Deze pagina bestaat niet", "nl-be"),
        ("/fr", "Cette page n'existe pas", "fr"),
        ("/en", "This page does not exist", "en"),
    ],
)
def test_a_missing_page_is_the_sites_404_in_the_pages_language(
    client, territory, prefix, heading, html_lang
):
    response = client.get(f"{prefix}/activiteit/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in html
    assert f'<html lang="{html_lang}" class="govuk-template">' in html
    # The site's one header and footer, and the design system's stylesheet.
    assert '<header class="bw-header site-header">' in html and "favicon.svg" in html
    assert '<footer class="bw-footer site-footer">' in html and ".govuk-button," in html
    assert "Not Found" not in html


def test_the_api_keeps_its_json_404(client):
    # In the request's language (tests/api/test_error_languages.py checks nl, fr and en).
    response = client.get("/api/v1/nothing-here/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


def test_a_forbidden_page_is_the_sites_403(client, territory):
    from tests.factories import UserFactory

    client.force_login(UserFactory())  # no role: the dashboard is not for this account
    response = client.get("/fr/beleid/dekking/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Vous ne pouvez pas ouvrir cette page" in html and "403 Forbidden" not in html


def test_a_form_sent_without_its_token_is_a_styled_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "fr"})
    assert response.status_code == 403
    assert "Dit formulier kon niet verstuurd worden" in response.content.decode()


@override_settings(ROOT_URLCONF="tests.frontend.urls_failing")
def test_a_bug_is_the_sites_500_in_the_pages_language(territory):
    client = Client(raise_request_exception=False)
    response = client.get("/fr/kapot/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Un problème est survenu de notre côté" in html
    assert '<header class="bw-header site-header">' in html
    api = client.get("/api/v1/kapot/")
    assert api.status_code == 500 and api.json() == {"detail": "Server error."}


def test_a_short_link_leads_to_the_activity_in_the_visitors_language(client, offer):  # noqa: F811
    weekly = offer["weekly"]
    code = short_code(weekly.pk)
    response = client.get(f"/b/{code}")
    assert response.status_code == 302 and response["Location"] == f"/activiteit/{weekly.pk}/"
    response = client.get(f"/b/{code.lower()}", headers={"accept-language": "fr"})
    assert response["Location"] == f"/fr/activiteit/{weekly.pk}/"


def test_a_wrong_or_hidden_short_link_is_the_styled_404(client, offer):  # noqa: F811
    weekly = offer["weekly"]
    code = short_code(weekly.pk)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    for path in (f"/b/{wrong}", "/b/nonsense", f"/b/{short_code(999999)}"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Deze pagina bestaat niet" in response.content.decode()
    Activity.objects.filter(pk=weekly.pk).update(status="draft")
    assert client.get(f"/b/{code}").status_code == 404
