"""The public pages of an activity and an area, the poster and the embeds (without a
browser: status codes, content, JSON-LD and headers)."""

import json
import re
from datetime import datetime, time, timedelta

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Occurrence
from events.recurrence.rules import BRUSSELS
from events.services import ScheduleInput, occurrence_cancel
from events.work_models import WORK_MODELS
from places.models import Precision
from places.services import place_create
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

HIDDEN_POINT = (3.7351, 51.0123)


@pytest.fixture
def offer(territory):
    organisation = OrganisationFactory(verified=True, name="Buurtwerk Testdorp")
    hall = place_create(
        name="Buurthuis De Linde",
        location=Point(3.705, 51.01, srid=4326),
        kind="community_centre",
        organisation=organisation,
        address="Lindestraat 1, 9999 Testdorp",
    )
    hidden = place_create(
        name="Lokaal praatgroep schulden",
        location=Point(*HIDDEN_POINT, srid=4326),
        kind="other",
        precision=Precision.AREA,
        organisation=organisation,
        address="Geheime straat 7",
    )
    tomorrow = timezone.localdate() + timedelta(days=1)
    start = datetime.combine(tomorrow, time(19), tzinfo=BRUSSELS)
    weekly = ActivityFactory(
        organisation=organisation,
        title="Taalcafé De Linde",
        summary="Nederlands oefenen bij een kop koffie.",
        work_models=["competence", "community"],
        place=hall,
        schedule=ScheduleInput(dtstart=start, duration=timedelta(hours=2), rrule="FREQ=WEEKLY"),
        host_name="Fatima",
        contact_phone="+32 9 000 00 01",
        languages=["nl", "ar"],
        cost="paid",
        cost_amount="2.00",
        social_tariff="UiTPAS kansentarief €0,50",
    )
    group = ActivityFactory(
        organisation=organisation,
        kind="peer_group",
        title="Praatgroep schulden",
        summary="Samen sterker tegen schulden.",
        work_models=["peer"],
        place=hidden,
        schedule=ScheduleInput(
            dtstart=start + timedelta(days=1), duration=timedelta(hours=2), rrule="FREQ=WEEKLY"
        ),
        contact_phone="+32 9 000 00 02",
    )
    cancelled = Occurrence.objects.filter(activity=weekly).order_by("start")[1]
    occurrence_cancel(occurrence=cancelled)
    return {"weekly": weekly, "group": group, "hall": hall, "hidden": hidden}


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_the_activity_page_says_when_where_cost_language_and_how_to_join(client, offer):
    response = client.get(reverse("frontend:activity", args=[offer["weekly"].pk]))
    html = response.content.decode()
    assert response.status_code == 200
    weekday = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")[
        (timezone.localdate() + timedelta(days=1)).weekday()
    ]
    assert f"elke {weekday}, 19:00–21:00" in html
    assert "Fatima" in html
    assert "UiTPAS kansentarief €0,50" in html
    assert "Arabisch" in html  # the language's name in the page's language
    assert 'href="tel:+3290000001"' in html
    assert html.count('class="badge"') == 1  # the one cancelled date
    assert reverse("api:activity-ical", args=[offer["weekly"].pk]) in html


def test_json_ld_is_an_event_with_its_weekly_schedule(client, offer):
    response = client.get(reverse("frontend:activity", args=[offer["weekly"].pk]))
    event = json_ld(response.content.decode())
    assert event["@context"] == "https://schema.org"
    assert event["@type"] == "Event"
    assert event["name"] == "Taalcafé De Linde"
    assert event["startDate"].endswith(("+01:00", "+02:00"))
    assert event["startDate"][11:16] == "19:00"
    assert event["location"]["address"] == "Lindestraat 1, 9999 Testdorp"
    assert event["location"]["geo"]["latitude"] == pytest.approx(51.01)
    assert event["offers"] == {
        "@type": "Offer",
        "price": "2.00",
        "priceCurrency": "EUR",
        "url": event["url"],
    }
    assert event["isAccessibleForFree"] is False
    assert event["inLanguage"] == ["nl", "ar"]
    schedule = event["eventSchedule"]
    assert schedule["@type"] == "Schedule"
    assert schedule["repeatFrequency"] == "P1W"
    day = (timezone.localdate() + timedelta(days=1)).strftime("%A")
    assert schedule["byDay"] == [f"https://schema.org/{day}"]
    assert (schedule["startTime"], schedule["endTime"]) == ("19:00:00", "21:00:00")
    assert schedule["scheduleTimezone"] == "Europe/Brussels"
    assert len(schedule["exceptDate"]) == 1  # the cancelled date


def test_a_title_cannot_close_the_json_ld_script(client, offer):
    offer["weekly"].title = "Taal </script><script>alert(1)</script>"
    offer["weekly"].save()
    html = client.get(reverse("frontend:activity", args=[offer["weekly"].pk])).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == offer["weekly"].title


def test_the_neighbourhood_page_shows_all_seven_work_models_without_hiding_empty_ones(
    client, territory, offer
):
    response = client.get(reverse("frontend:neighbourhood", args=["T0001W1"]))
    html = response.content.decode()
    assert response.status_code == 200
    with translation.override("nl"):
        from events.models import WorkModel

        names = [(model.label, model.name) for model in WorkModel.objects.all()]
    assert len(names) == len(WORK_MODELS) == 7
    # The plain label first, the research's name second.
    positions = [
        html.index(
            f'<span class="wm-label">{label}</span> '
            f'<small class="wm-research">({name})</small></span></h3>'
        )
        for label, name in names
    ]
    assert positions == sorted(positions)  # the fixed order, never a ranking
    assert html.count('class="nothing-yet"') == 5  # all but competence and community
    assert "Taalcafé De Linde" in html
    assert "Praatgroep schulden" not in html  # stands in Oost, not in West
    assert "Buurthuis De Linde" in html and "Buurtwerk Testdorp" in html
    assert "/insluiten/buurt/T0001W1/" in html  # the embed snippet


def test_the_municipality_page_gathers_its_neighbourhoods(
    client, offer, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):  # a constant number, however much is on
        html = client.get(reverse("frontend:neighbourhood", args=["T0001"])).content.decode()
    assert "Taalcafé De Linde" in html and "Praatgroep schulden" in html
    assert reverse("frontend:neighbourhood", args=["T0001W2"]) in html


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("frontend:neighbourhood", {"code": "NOPE"}),
        ("frontend:poster", {"code": "NOPE"}),
        ("frontend:poster-pdf", {"code": "NOPE"}),
        ("frontend:embed-neighbourhood", {"code": "NOPE"}),
        ("frontend:embed-organisation", {"pk": 999999}),
    ],
)
def test_unknown_codes_are_404(client, territory, name, kwargs):
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 404


@pytest.mark.parametrize("name", ["frontend:poster", "frontend:poster-pdf"])
def test_a_bad_work_model_is_a_400_that_names_it(client, territory, name):
    response = client.get(reverse(name, args=["T0001W1"]), {"model": "ranking"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "model" in html and "ranking" in html and "<code>peer</code>" in html


def test_a_poster_for_one_work_model_shows_only_that_model(client, offer):
    url = reverse("frontend:poster", args=["T0001"])
    html = client.get(url, {"model": "peer"}).content.decode()
    assert "Praatgroep schulden" in html and "Taalcafé De Linde" not in html
    html = client.get(url).content.decode()
    assert "Praatgroep schulden" in html and "Taalcafé De Linde" in html
    assert "<svg" in html and "+32 9 000 00 01" in html  # QR code and phone numbers


def test_the_poster_pdf_is_a_pdf_download(client, offer):
    response = client.get(reverse("frontend:poster-pdf", args=["T0001W1"]), {"model": "community"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="affiche-T0001W1-community.pdf"' in response["Content-Disposition"]


def test_embeds_may_be_framed_anywhere_and_open_links_outside_the_frame(client, offer):
    for url in (
        reverse("frontend:embed-neighbourhood", args=["T0001W1"]),
        reverse("frontend:embed-organisation", args=[offer["weekly"].organisation_id]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Frame-Options" not in response.headers
        html = response.content.decode()
        assert '<base target="_top">' in html
        assert "site-header" not in html
        assert "Taalcafé De Linde" in html
    ordinary = client.get(reverse("frontend:neighbourhood", args=["T0001W1"]))
    assert ordinary.headers["X-Frame-Options"] == "DENY"


def test_pages_follow_the_language(client, offer):
    url = reverse("frontend:neighbourhood", args=["T0001W1"])
    with translation.override("fr"):
        french_url = reverse("frontend:neighbourhood", args=["T0001W1"])
    assert french_url == "/fr" + url
    html = client.get(french_url).content.decode()
    assert '<html lang="fr" class="govuk-template">' in html
    assert "Groupes de pairs" in html
