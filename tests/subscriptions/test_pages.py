"""The sign-up forms on the home, neighbourhood and activity pages (plain HTML forms that
work without JavaScript), bad input as a 400 naming the field, the abuse limit as a 429,
the change page, and the privacy page in nl, fr and en."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

from subscriptions.models import Subscription

pytestmark = pytest.mark.django_db


def sign_up_form(html: str) -> str:
    match = re.search(r'<form method="post" action="/inschrijven/">.*?</form>', html, re.S)
    assert match, "no sign-up form on the page"
    return match.group(0)


def hidden(form: str) -> list[tuple[str, str]]:
    fields = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form)
    return [field for field in fields if field[0] != "csrfmiddlewaretoken"]


def test_home_form_carries_the_current_filters(client, offer):
    html = client.get(
        "/", {"near": "3.705,51.005", "radius": "1000", "work_model": "community", "free": "on"}
    ).content.decode()
    form = sign_up_form(html)
    assert ("near", "3.705000,51.005000") in hidden(form)
    assert ("radius", "1000") in hidden(form)
    assert ("work_model", "community") in hidden(form)
    assert 'name="csrfmiddlewaretoken"' in form
    assert 'type="email" name="email"' in form


def test_home_form_without_a_place_asks_for_the_neighbourhood(client, offer):
    form = sign_up_form(client.get("/").content.decode())
    assert '<select class="govuk-select" name="area" id="subscribe-area" required>' in form
    assert '<option value="T0001W1">West</option>' in form


def test_home_form_with_a_chosen_area(client, offer):
    form = sign_up_form(client.get("/", {"area": "T0001W1"}).content.decode())
    assert ("area", "T0001W1") in hidden(form)


def test_neighbourhood_and_activity_pages_have_their_forms(client, offer):
    form = sign_up_form(
        client.get(reverse("frontend:neighbourhood", args=["T0001W1"])).content.decode()
    )
    assert ("area", "T0001W1") in hidden(form)
    activity = offer["weekly"]
    form = sign_up_form(
        client.get(reverse("frontend:activity", args=[activity.pk])).content.decode()
    )
    assert hidden(form) == [("activity", str(activity.pk))]
    assert "Herinner me" in form


def test_sign_up_without_javascript_then_the_mail(client, offer):
    response = client.post("/inschrijven/", {"email": "rita@example.org", "area": "T0001W1"})
    assert response.status_code == 200
    assert "Kijk in je mailbox" in response.content.decode()
    assert len(mail.outbox) == 1
    assert Subscription.objects.get().area == offer["west"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"area": "T0001W1"}, "email"),
        ({"email": "not an address", "area": "T0001W1"}, "email"),
        ({"email": "rita@example.org"}, "area"),
        ({"email": "rita@example.org", "area": "NOPE"}, "area"),
        ({"email": "rita@example.org", "near": "3.7,nan"}, "near"),
        ({"email": "rita@example.org", "near": "3.7,51.0", "radius": "7"}, "radius"),
        ({"email": "rita@example.org", "area": "T0001W1", "work_model": "magic"}, "work_model"),
        ({"email": "rita@example.org", "activity": "999999"}, "activity"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, offer, data, field):
    response = client.post("/inschrijven/", data)
    assert response.status_code == 400
    errors = response.context["form"].errors.get(field)
    assert errors, response.context["form"].errors
    # The page starts the form with the error summary, which names this field's error.
    html = response.content.decode()
    summary = html[html.index('<div class="govuk-error-summary"') :].split("</ul>")[0]
    assert all(escape(error) in summary for error in errors), (errors, summary)
    assert not mail.outbox and not Subscription.objects.exists()


@override_settings(SUBSCRIPTION_SIGNUPS_PER_IP_PER_HOUR=2)
def test_past_the_limit_the_page_says_so(client, offer):
    for number in range(2):
        client.post("/inschrijven/", {"email": f"p{number}@example.org", "area": "T0001W1"})
    response = client.post("/inschrijven/", {"email": "p9@example.org", "area": "T0001W1"})
    assert response.status_code == 429
    assert "te veel inschrijvingen" in response.content.decode()
    assert len(mail.outbox) == 2


def test_change_page_from_the_link(client, offer):
    client.post("/inschrijven/", {"email": "rita@example.org", "area": "T0001W1"})
    subscription = Subscription.objects.get()
    path = reverse("frontend:subscription-change", args=[subscription.token])
    page = client.get(path)
    assert page.status_code == 200
    assert 'value="T0001W1" selected' in page.content.decode()
    response = client.post(path, {"area": "T0001W2", "work_model": ["peer"], "mail_language": "en"})
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert (subscription.area, subscription.work_models, subscription.language) == (
        offer["east"],
        ["peer"],
        "en",
    )
    assert client.post(path, {"area": "", "mail_language": "en"}).status_code == 400
    assert client.get(reverse("frontend:subscription-change", args=["nope"])).status_code == 404


@pytest.mark.parametrize(
    ("prefix", "words"),
    [
        ("", ["je e-mailadres", "wanneer je je adres bevestigde", "Niets anders"]),
        ("/fr", ["votre adresse e-mail", "quand vous avez confirmé votre adresse", "Rien d’autre"]),
        ("/en", ["your e-mail address", "when you confirmed your address", "Nothing else"]),
    ],
)
def test_privacy_page_says_what_is_stored(client, db, prefix, words):
    response = client.get(prefix + "/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    for word in words:
        assert word in html.replace("&#x27;", "'")
    assert f'href="{prefix}/privacy/"' in html  # linked from every page's footer
