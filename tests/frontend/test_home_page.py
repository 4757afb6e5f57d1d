"""The home page without JavaScript: the GET form filters on the server, bad values are
errors next to their fields (never a 500), and the list is paged."""

import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.languages import SPOKEN_LANGUAGES, language_label
from events.models import Activity, CostKind, Occurrence
from events.queries import languages_spoken
from frontend.forms.home import window_for
from frontend.views.public import PAGE_SIZE

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def client(demo, db) -> Client:
    return Client()


def titles(response) -> list[str]:
    html = response.content.decode()
    return [
        re.sub(r"&#x27;|&#39;", "'", title)
        for title in re.findall(r'<h3[^>]*><a href="/activiteit/\d+/">([^<]+)</a></h3>', html)
    ]


def total(client, query: str) -> int:
    html = client.get(f"/?{query}").content.decode()
    return int(re.search(r'data-count="(\d+)"', html).group(1))


def listed(client, query: str) -> list[Activity]:
    response = client.get(f"/?{query}")
    assert response.status_code == 200
    found = titles(response)
    activities = {a.title: a for a in Activity.objects.filter(title__in=found)}
    assert len(activities) == len(found)
    return [activities[title] for title in found]


def test_the_page_lists_activities_soonest_first(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        response = client.get("/")
    assert response.status_code == 200
    shown = titles(response)
    assert len(shown) == min(PAGE_SIZE, Activity.objects.filter(status="published").count())
    starts = [
        Occurrence.objects.filter(activity__title=title, cancelled=False, start__gte=timezone.now())
        .order_by("start")
        .values_list("start", flat=True)
        .first()
        for title in shown
    ]
    dated = [start for start in starts if start]
    assert dated == sorted(dated)
    # Every one of the seven models is a labelled checkbox with its one-line explanation.
    html = response.content.decode()
    assert html.count('name="work_model"') == 7
    assert "Mensen ontmoeten die hetzelfde meemaken" in html


def test_the_second_page(client):
    first = titles(client.get("/"))
    second = titles(client.get("/?page=2"))
    assert second and not set(first) & set(second)
    assert client.get("/?page=abc").status_code == 200


def test_work_model_filter(client):
    peers = listed(client, "work_model=peer")
    assert peers
    assert all(a.work_models.filter(code="peer").exists() for a in peers)
    expected = Activity.objects.filter(status="published", work_models__code="peer").count()
    assert len(peers) == expected == total(client, "work_model=peer")


def test_free_and_wheelchair_filters(client):
    published = Activity.objects.filter(status="published")
    free = listed(client, "free=on")
    assert free and all(a.cost == CostKind.FREE for a in free)
    assert total(client, "free=on") == published.filter(cost=CostKind.FREE).count()
    assert total(client, "") == published.count() > total(client, "free=on")
    wheelchair = listed(client, "wheelchair=on")
    assert wheelchair and all(a.place and a.place.wheelchair == "yes" for a in wheelchair)
    assert total(client, "wheelchair=on") == published.filter(place__wheelchair="yes").count()


@pytest.mark.parametrize("when", ["today", "week", "weekend"])
def test_when_filter_keeps_activities_with_a_date_in_the_window(client, when):
    start, end = window_for(when, timezone.localdate())
    shown = listed(client, f"when={when}")
    for activity in shown:
        assert activity.occurrences.filter(
            cancelled=False,
            start__date__gte=start,
            start__date__lte=end,
        ).exists(), activity.title
    expected = (
        Activity.objects.filter(
            status="published",
            occurrences__cancelled=False,
            occurrences__start__date__gte=start,
            occurrences__start__date__lte=end,
            occurrences__start__gte=timezone.now(),
        )
        .distinct()
        .count()
    )
    assert total(client, f"when={when}") == expected


def test_chosen_dates(client):
    # A Tuesday 8 to 14 days ahead: the demo has sessions every Tuesday, but none on
    # Sundays (today + 10 days was a Sunday whenever today was a Thursday).
    today = timezone.localdate()
    day = today + timedelta(days=8 + (1 - today.weekday() - 8) % 7)
    assert day.weekday() == 1 and 8 <= (day - today).days <= 14
    shown = listed(client, f"when=dates&from_date={day}&to_date={day}")
    assert shown
    for activity in shown:
        assert activity.occurrences.filter(cancelled=False, start__date=day).exists()


def test_a_neighbourhood_sorts_nearest_first_within_the_distance(client):
    shown = listed(client, "work_model=peer&area=99001W09&radius=2000")
    assert shown[0].title.startswith("Maandagnamiddag bij De Brug")


def test_a_clicked_point(client):
    shown = listed(client, "work_model=peer&near=3.996,50.963")
    assert shown[0].title.startswith("Maandagnamiddag bij De Brug")
    # Far from anything: nothing within the distance.
    assert listed(client, "near=3.5,50.5") == []


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("when=dates&from_date=morgen", "from_date", "Vul een bestaande datum in"),
        (
            "when=dates&from_date_day=31&from_date_month=2&from_date_year=2027",
            "from_date",
            "bestaande",
        ),
        ("when=dates&from_date_day=3&from_date_year=2027", "from_date", "de maand en het jaar"),
        ("when=dates", "from_date", "Kies de eerste dag"),
        ("when=dates&from_date=2026-05-02&to_date=2026-05-01", "to_date", "komt voor de eerste"),
        ("when=dates&from_date=0001-01-01", "from_date", "tussen 1970 en 2199"),
        ("when=dates&from_date=2026-01-01&to_date=9999-12-31", "to_date", "tussen 1970 en 2199"),
        ("near=abc", "near", "kon niet gelezen worden"),
        ("near=500,1", "near", "kon niet gelezen worden"),
        ("area=nowhere", "area", "Selecteer een geldige keuze"),
        ("radius=7", "radius", "Selecteer een geldige keuze"),
        ("work_model=nope", "work_model", "Selecteer een geldige keuze"),
        ("language=xx", "language", "Selecteer een geldige keuze"),
        ("audience=cats", "audience", "Selecteer een geldige keuze"),
    ],
)
def test_bad_values_are_shown_next_to_their_field(client, query, field, message):
    response = client.get(f"/?{query}&free=on")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert message in html, html[html.find("errorlist") - 200 : html.find("errorlist") + 300]
    # The valid filters still apply.
    assert all(a.cost == CostKind.FREE for a in listed(client, f"{query}&free=on"))


def test_language_names_are_written_in_the_page_language_and_their_own():
    from django.utils import translation

    with translation.override("nl"):
        assert language_label("ar") == "Arabisch (العربية)"
        assert language_label("nl") == "Nederlands"
        assert language_label("ti") == "Tigrinya (ትግርኛ)"
        assert language_label("so") == "Somalisch (Soomaali)"
        assert language_label("ber") == "Tamazight ⵜⴰⵎⴰⵣⵉⵖⵜ"
        assert language_label("wo") == "Wolof"  # outside the list and Django
    with translation.override("fr"):
        assert language_label("so") == "Somali (Soomaali)"
        assert language_label("nl") == "néerlandais (Nederlands)"


def test_weekend_window():
    wednesday = date(2026, 11, 25)
    assert window_for("weekend", wednesday) == (date(2026, 11, 28), date(2026, 11, 29))
    assert window_for("weekend", date(2026, 11, 29)) == (date(2026, 11, 29), date(2026, 11, 29))
    assert window_for("week", wednesday) == (wednesday, date(2026, 11, 29))
    assert window_for("today", wednesday) == (wednesday, wednesday)


def test_the_list_comes_before_any_script_or_map_stylesheet(client):
    html = client.get("/").content.decode()
    first_card = html.index('<li class="bw-card activity-card">')
    head = html[: html.index("</head>")]
    assert "<script" not in head, "a script in <head> would hold the list back"
    assert first_card < html.index("<script")
    assert first_card < html.index("leaflet.css")


def test_the_list_page_is_light(client):
    import gzip

    html = client.get("/").content
    # The reach bar is 60 KB for HTML and CSS together, compressed. This guard sits far
    # below it: 16.9 KB before the design system, whose inlined stylesheet added 3.2 KB.
    assert len(gzip.compress(html)) < 22_000


def test_the_home_page_draws_the_work_model_pictograms_of_the_include(client, tmp_path, settings):
    html = client.get("/").content.decode()
    assert "data-icon=" not in html  # the real pictograms, not the stand-in below
    include = tmp_path / "frontend" / "includes" / "work_model_icon.html"
    include.parent.mkdir(parents=True)
    include.write_text('<svg data-icon="{{ code }}"></svg>')
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    html = client.get("/").content.decode()
    assert html.count('data-icon="peer"') >= 1
    assert 'aria-hidden="true"><svg data-icon="buddy"' in html


def test_the_search_words_filter_the_list_with_the_other_filters(client):
    shown = listed(client, "q=budget")
    assert [a.title for a in shown] == ["Budgetcursus 'Rondkomen met je geld'"]
    assert listed(client, "q=koffie&free=on")
    assert all(a.cost == CostKind.FREE for a in listed(client, "q=koffie&free=on"))
    html = client.get("/?q=budget").content.decode()
    assert 'type="search" name="q"' in html and 'value="budget"' in html


def test_for_whom_offers_each_value_once_and_keeps_activities_open_to_everyone(client):
    from frontend.forms.home import HomeFilterForm

    labels = [str(label).lower() for _value, label in HomeFilterForm().fields["audience"].choices]
    assert len(labels) == len(set(labels)), labels
    children = listed(client, "audience=children")
    assert any("everyone" in a.audiences for a in children)
    assert any("children" in a.audiences for a in children)
    assert all({"children", "everyone"} & set(a.audiences) for a in children)
    # An old link with audience=everyone means no choice, not an error.
    response = client.get("/?audience=everyone")
    assert 'role="alert"' not in response.content.decode()
    assert total(client, "audience=everyone") == total(client, "")


def test_a_typed_date_applies_without_choosing_the_radio_button(client):
    today = timezone.localdate()
    day = today + timedelta(days=8 + (1 - today.weekday() - 8) % 7)  # a Tuesday ahead
    typed = listed(client, f"when=&from_date={day}&to_date={day}")
    assert typed == listed(client, f"when=dates&from_date={day}&to_date={day}")
    assert 0 < len(typed) < total(client, "")
    # Only a last day: from today up to that day.
    assert total(client, f"to_date={today}") == total(client, "when=today")
    html = client.get(f"/?from_date={day}&to_date={today}").content.decode()
    assert "komt voor de eerste" in html


def test_the_lists_the_filters_offer_are_kept_until_the_data_change(client):
    first, again = CaptureQueriesContext(connection), CaptureQueriesContext(connection)
    with first:
        client.get("/")
    with again:
        client.get("/")
    spoken = [q["sql"] for q in again.captured_queries if "unnest" in q["sql"]]
    assert not spoken and len(again) <= len(first) - 2  # the languages and the areas
    # An activity that now speaks a language no other does: on the very next page.
    offered = set(languages_spoken())
    new = next(code for code, _name in SPOKEN_LANGUAGES if code not in offered)
    activity = Activity.objects.filter(status="published").first()
    activity.languages = [*activity.languages, new]
    activity.save()
    assert f'<option value="{new}"' in client.get("/").content.decode()
