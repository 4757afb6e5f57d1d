"""The calendar and Atom feeds take the activity list's filters, and the home page links to
the feeds of what it shows."""

import html
import xml.etree.ElementTree as ElementTree
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from django.utils import translation

from events.models import Activity, CostKind, Status
from places.models import Place, Precision

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _ical_ids(api, query: str) -> set[int]:
    response = api.get(f"/api/v1/feeds/ical?{query}")
    assert response.status_code == 200, response.content
    calendar = icalendar.Calendar.from_ical(response.content)
    return {
        int(str(event["uid"]).removeprefix("activity-").split("@")[0])
        for event in calendar.walk("VEVENT")
    }


def _atom(api, query: str, **headers) -> ElementTree.Element:
    response = api.get(f"/api/v1/feeds/atom?{query}", **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content)


def _atom_ids(api, query: str) -> set[int]:
    feed = _atom(api, query)
    return {
        int(entry.find(f"{ATOM}link").get("href").rstrip("/").rsplit("/", 1)[1])
        for entry in feed.findall(f"{ATOM}entry")
    }


def _scheduled_published(**filters) -> set[int]:
    return set(
        Activity.objects.filter(status=Status.PUBLISHED, schedule__isnull=False, **filters)
        .values_list("pk", flat=True)
        .distinct()
    )


def test_near_and_radius_select_what_is_around_the_point(api):
    place = Place.objects.filter(
        precision=Precision.EXACT, activities__status=Status.PUBLISHED
    ).first()
    lon, lat = place.public_location.coords
    close = _ical_ids(api, f"near={lon},{lat}&radius=30")
    assert _scheduled_published(place=place) <= close
    everything = _ical_ids(api, "")
    assert close < _ical_ids(api, f"near={lon},{lat}&radius=50000") <= everything
    # The Atom feed has the same selection, activities without a date yet included.
    atom = _atom_ids(api, f"near={lon},{lat}&radius=30")
    assert close <= atom
    assert not Activity.objects.filter(pk__in=atom - close, schedule__isnull=False).exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("free=true", {"cost": CostKind.FREE}),
        ("language=ar", {"languages__contains": ["ar"]}),
        ("work_model=buddy", {"work_models__code": "buddy"}),
    ],
)
def test_each_filter_narrows_both_feeds_alike(api, query, expected):
    matching = _scheduled_published(**expected)
    assert matching, "the demo has some"
    assert _ical_ids(api, query) == matching
    with_any_schedule = set(
        Activity.objects.filter(status=Status.PUBLISHED, **expected).values_list("pk", flat=True)
    )
    assert _atom_ids(api, query) == with_any_schedule


def test_filters_combine(api):
    both = _ical_ids(api, "free=true&language=ar")
    assert both == _ical_ids(api, "free=true") & _ical_ids(api, "language=ar")


def test_the_atom_feed_is_well_formed_and_says_what_when_and_where(api):
    feed = _atom(api, "", HTTP_ACCEPT_LANGUAGE="fr")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == Activity.objects.filter(status=Status.PUBLISHED).count()
    for entry in entries:
        for part in ("id", "title", "updated", "summary", "author"):
            assert entry.find(f"{ATOM}{part}") is not None, part
    activity = Activity.objects.filter(status=Status.PUBLISHED, place__isnull=False).first()
    entry = next(
        entry
        for entry in entries
        if entry.find(f"{ATOM}link").get("href").endswith(f"/activiteit/{activity.pk}/")
    )
    assert entry.find(f"{ATOM}title").text == activity.title
    summary = html.unescape(entry.find(f"{ATOM}summary").text)
    assert summary.startswith(activity.summary + "<br>")
    assert "Quand :" in summary and f"Par : {activity.organisation.name}" in summary
    categories = {category.get("term") for category in entry.findall(f"{ATOM}category")}
    with translation.override("fr"):
        assert categories == {model.label for model in activity.work_models.all()}


def test_newest_change_first(api):
    entries = _atom(api, "").findall(f"{ATOM}entry")
    updated = [entry.find(f"{ATOM}updated").text for entry in entries]
    assert updated == sorted(updated, reverse=True)


def test_a_hidden_place_is_only_its_area_in_the_atom_feed(api):
    hidden = Place.objects.filter(precision=Precision.AREA).first()
    body = api.get("/api/v1/feeds/atom").content.decode()
    assert hidden.address.split(",")[0] not in body


@pytest.mark.parametrize("feed", ["ical", "atom"])
def test_bad_parameters_are_400s_naming_them(api, feed):
    response = api.get(f"/api/v1/feeds/{feed}?near=3,95&language=xx&free=perhaps&work_model=nope")
    assert response.status_code == 400
    assert {"near", "language", "free", "work_model"} <= set(response.json())
    radius_alone = api.get(f"/api/v1/feeds/{feed}?radius=500")
    assert radius_alone.status_code == 400 and "radius" in radius_alone.json()


def _href(html: str, prefix: str) -> str:
    start = html.index(f'href="{prefix}') + len('href="')
    return html[start : html.index('"', start)].replace("&amp;", "&")


def test_the_home_page_links_the_feeds_of_its_list(api):
    page = api.get("/?free=on&language=ar&work_model=buddy")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="application/atom+xml"' in html
    start = html.index('href="/api/v1/feeds/ical?')
    ical = html[start + len('href="') : html.index('"', start + len('href="'))].replace(
        "&amp;", "&"
    )
    query = parse_qs(urlsplit(ical).query)
    assert query == {"work_model": ["buddy"], "language": ["ar"], "free": ["true"]}
    listed = _ical_ids(api, urlsplit(ical).query)
    assert listed == _scheduled_published(
        cost=CostKind.FREE, languages__contains=["ar"], work_models__code="buddy"
    )


def test_the_home_pages_point_becomes_the_feeds_point(api):
    page = api.get("/?near=3.980000,50.950000&radius=1000").content.decode()
    start = page.index('href="/api/v1/feeds/atom?')
    atom = page[start + len('href="') : page.index('"', start + len('href="'))].replace(
        "&amp;", "&"
    )
    assert parse_qs(urlsplit(atom).query) == {"near": ["3.980000,50.950000"], "radius": ["1000"]}
