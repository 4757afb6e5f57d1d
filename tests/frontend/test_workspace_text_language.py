"""The workspace form asks in which language the texts are written (issue 19): it offers
the interface language first, stores what the worker chose, and the public pages mark the
texts with it instead of guessing."""

import re

import pytest
from django.test import Client

from events.models import Activity
from tests.frontend.workspace_support import client_for, form_data

pytestmark = pytest.mark.django_db

QUESTION = {
    "": "In welke taal schrijf je deze tekst?",
    "/fr": "Dans quelle langue écrivez-vous ce texte ?",
    "/en": "In which language do you write this text?",
}


def checked_language(html: str) -> list[str]:
    return re.findall(r'<input[^>]*name="text_language"[^>]*value="(\w+)"[^>]*checked', html)


@pytest.mark.parametrize(("prefix", "language"), [("", "nl"), ("/fr", "fr"), ("/en", "en")])
def test_the_form_asks_and_offers_the_interface_language(setting, prefix, language):
    page = client_for(setting["worker"]).get(f"{prefix}/werkruimte/nieuw/")
    html = page.content.decode()
    assert page.status_code == 200 and QUESTION[prefix] in html
    assert checked_language(html) == [language]


def test_french_text_marked_french_is_stored_and_shown_as_french(setting):
    client = client_for(setting["worker"])
    # Short French texts the function-word guess would take for Dutch.
    response = client.post(
        "/werkruimte/nieuw/",
        form_data(
            setting["place"],
            title="Atelier vélo",
            summary="Répare ton vélo.",
            text_language="fr",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get()
    assert activity.text_language == "fr"
    public = Client().get(f"/activiteit/{activity.pk}/").content.decode()
    assert (
        '<h1 class="govuk-heading-l" id="activity-title" lang="fr" dir="ltr" data-read-aloud-text>'
        "Atelier vélo</h1>" in public
    )
    assert "Deze activiteit is beschreven in het Frans." in public
    french_page = Client().get(f"/fr/activiteit/{activity.pk}/").content.decode()
    assert "Cette activité est décrite" not in french_page
    # Editing shows the stored language, whatever the interface language.
    edit = client.get(f"/en/werkruimte/activiteit/{activity.pk}/").content.decode()
    assert checked_language(edit) == ["fr"]


def test_an_unknown_language_is_refused_with_the_field_named(setting):
    response = client_for(setting["worker"]).post(
        "/werkruimte/nieuw/", form_data(setting["place"], text_language="de")
    )
    assert response.status_code == 200 and not Activity.objects.exists()
    html = response.content.decode()
    # The error summary links to the question's first radio button, which is on the page.
    assert 'href="#id_text_language_0"' in html and 'id="id_text_language_0"' in html


def test_a_post_without_the_question_answered_takes_what_the_form_showed(setting):
    client = client_for(setting["worker"])
    assert client.post("/fr/werkruimte/nieuw/", form_data(setting["place"])).status_code == 302
    activity = Activity.objects.get()
    assert activity.text_language == "fr"
    # An edit that does not send it keeps the activity's own.
    edit = form_data(setting["place"], title="Atelier vélo (nouveau)")
    assert client.post(f"/werkruimte/activiteit/{activity.pk}/", edit).status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.text_language) == ("Atelier vélo (nouveau)", "fr")
