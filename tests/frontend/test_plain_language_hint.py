"""The workspace's plain-language hint: an endpoint for the live hint, the hint on the page
without JavaScript, and never a reason to refuse a post."""

import pytest
from django.test import Client

from events.models import Activity
from tests.frontend.workspace_support import client_for, form_data
from tests.usertext.test_plain_language import HARD_NL

pytestmark = pytest.mark.django_db
URL = "/werkruimte/leesbaarheid/"


def test_a_worker_gets_the_hint_as_json(setting):
    answer = client_for(setting["worker"]).post(URL, {"text": HARD_NL, "language": "nl"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["score"] < body["target"] and body["reads_well"] is False
    assert "gemeenschapsgerichte" in body["long_words"]
    assert body["advice"][0].startswith("Leesbaarheid")


def test_the_advice_follows_the_texts_language(setting):
    answer = client_for(setting["worker"]).post(
        URL,
        {
            "text": "Venez pratiquer le néerlandais dans un petit groupe sans stress.",
            "language": "fr",
        },
    )
    assert answer.json()["advice"][0].startswith("Lisibilité")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "x" * 10_001, "language": "nl"}, "text"),
        ({"text": "Hallo.", "language": "de"}, "language"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(setting, data, field):
    answer = client_for(setting["worker"]).post(URL, data)
    assert answer.status_code == 400 and list(answer.json()["errors"]) == [field]


def test_only_workers_and_only_post(setting):
    assert Client().post(URL, {"text": "Hallo"}).status_code in (302, 403)
    assert client_for(setting["worker"]).get(URL).status_code == 405


def test_the_form_shows_the_hint_without_javascript_and_posts_a_hard_text(setting):
    client = client_for(setting["worker"])
    page = client.get("/werkruimte/nieuw/").content.decode()
    assert 'data-plain-hint="summary"' in page and "Schrijf een paar zinnen" in page
    data = form_data(setting["place"], summary=HARD_NL[:300])
    answer = client.post("/werkruimte/nieuw/", data)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    activity = Activity.objects.get(title=data["title"])
    edit = client.get(f"/werkruimte/activiteit/{activity.pk}/").content.decode()
    assert "Leesbaarheid" in edit and "moeilijk" in edit
