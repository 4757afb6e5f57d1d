"""events.queries.search: each ActivityFilters field on its own, and the listing orders."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.gis.geos import Point

from events.models import Audience, CostKind, Status
from events.queries import (
    ActivityFilters,
    activities_in_listing_order,
    activities_listing,
    activities_published_where,
    activities_search,
    activity_ids_listing,
    languages_spoken,
)
from places.models import Wheelchair
from tests.factories import ActivityFactory, OccurrenceFactory, PlaceFactory

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db

WEST_POINT = Point(3.705, 51.005, srid=4326)  # PlaceFactory's default, in West
EAST_POINT = Point(3.730, 51.010, srid=4326)  # in Oost, about 1.9 km east of it


def found(**filters) -> list[str]:
    activities = activities_search(user=AnonymousUser(), filters=ActivityFilters(**filters))
    return [activity.title for activity in activities]


def test_without_filters_every_published_activity_by_title(clock):
    ActivityFactory(title="Breien")
    ActivityFactory(title="Aquarelleren")
    ActivityFactory(title="Concept", status=Status.DRAFT)
    assert found() == ["Aquarelleren", "Breien"]


def test_work_models(clock):
    ActivityFactory(title="Taalcafé", work_models=("competence", "peer"))
    ActivityFactory(title="Buurtfeest", work_models=("community",))
    ActivityFactory(title="Maatje", work_models=("buddy",))
    assert found(work_models=("peer",)) == ["Taalcafé"]
    assert found(work_models=("peer", "community")) == ["Buurtfeest", "Taalcafé"]
    assert found(work_models=("volunteering",)) == []


@pytest.fixture
def west_east_and_programme(clock, territory):
    ActivityFactory(title="West", place=PlaceFactory(location=WEST_POINT))
    ActivityFactory(title="Oost", place=PlaceFactory(location=EAST_POINT))
    ActivityFactory(title="Maatjes in Oost", without_venue=True, service_areas=[territory["east"]])
    return territory


def test_area_by_public_point_or_by_the_areas_served(west_east_and_programme):
    territory = west_east_and_programme
    assert found(area=territory["west"]) == ["West"]
    assert found(area=territory["east"]) == ["Maatjes in Oost", "Oost"]
    assert found(area=territory["town"]) == ["Maatjes in Oost", "Oost", "West"]


def test_near_within_the_radius_nearest_first(west_east_and_programme):
    beside_west = Point(3.705, 51.006, srid=4326)  # about 110 m north of West
    assert found(near=beside_west, radius_m=500) == ["West"]
    assert found(near=beside_west, radius_m=3000) == ["West", "Oost"]
    # In Oost: the programme serving Oost comes to you, after the places with a distance.
    in_east = Point(3.731, 51.010, srid=4326)
    assert found(near=in_east, radius_m=3000) == ["Oost", "West", "Maatjes in Oost"]
    distances = {
        a.title: a.distance
        for a in activities_search(
            user=AnonymousUser(), filters=ActivityFilters(near=in_east, radius_m=3000)
        )
    }
    assert 50 < distances["Oost"].m < 90  # metres on the sphere, not degrees
    assert distances["Maatjes in Oost"] is None


def test_dates_window_counts_days_in_brussels_and_not_cancelled_dates(clock):
    OccurrenceFactory(activity=ActivityFactory(title="Maandag"), start=at(0, hour=23, minute=30))
    OccurrenceFactory(activity=ActivityFactory(title="Dinsdag"), start=at(1, hour=0, minute=30))
    OccurrenceFactory(activity=ActivityFactory(title="Geschrapt"), start=at(0), cancelled=True)
    ActivityFactory(title="Zonder data")
    assert found(date_from=TODAY, date_to=TODAY) == ["Maandag"]
    assert found(date_from=TODAY) == ["Dinsdag", "Maandag"]
    assert found(date_to=TODAY) == ["Maandag"]


def test_audience_includes_activities_open_to_everyone(clock):
    ActivityFactory(title="Seniorenturnen", audiences=[Audience.SENIORS])
    ActivityFactory(title="Buurtfeest", audiences=[Audience.EVERYONE])
    ActivityFactory(title="Speelpleinwerking", audiences=[Audience.CHILDREN])
    assert found(audience=Audience.SENIORS) == ["Buurtfeest", "Seniorenturnen"]
    assert found(audience=Audience.EVERYONE) == ["Buurtfeest"]


def test_language(clock):
    ActivityFactory(title="Taalcafé", languages=["nl", "fr"])
    ActivityFactory(title="Café des langues", languages=["fr"])
    ActivityFactory(title="Coding club", languages=["en"])
    assert found(language="fr") == ["Café des langues", "Taalcafé"]
    assert found(language="ar") == []
    assert languages_spoken() == ["en", "fr", "nl"]


def test_free_and_paid_leave_out_an_unknown_cost(clock):
    ActivityFactory(title="Gratis", cost=CostKind.FREE)
    ActivityFactory(title="Betalend", cost=CostKind.PAID, cost_amount=5)
    ActivityFactory(title="Onbekend", cost=CostKind.UNKNOWN)
    assert found(free=True) == ["Gratis"]
    assert found(free=False) == ["Betalend"]
    assert found(free=None) == ["Betalend", "Gratis", "Onbekend"]


def test_wheelchair(clock):
    ActivityFactory(title="Toegankelijk", place=PlaceFactory(wheelchair=Wheelchair.YES))
    ActivityFactory(title="Deels", place=PlaceFactory(wheelchair=Wheelchair.PARTIAL))
    ActivityFactory(title="Trap", place=PlaceFactory(wheelchair=Wheelchair.NO))
    assert found(wheelchair=True) == ["Toegankelijk"]
    assert found(wheelchair=False) == ["Deels", "Trap"]


def test_q_finds_words_in_any_language_and_parts_of_a_dutch_compound(clock):
    ActivityFactory(title="Budgetcursus", summary="Rondkomen met je geld.")
    ActivityFactory(title="Walking group", summary="We are walking through the park.")
    ActivityFactory(title="Breiclub", summary="Samen breien.", description="Met koffie.")
    # "cursus" is not a word of "Budgetcursus" to the Dutch stemmer: the title part finds it.
    assert found(q="cursus") == ["Budgetcursus"]
    assert found(q="BUDGET") == ["Budgetcursus"]
    assert found(q="walk") == ["Walking group"]  # the English stemmer
    assert found(q="koffie") == ["Breiclub"]  # the description counts too
    assert found(q="zwemmen") == []


def test_q_finds_an_activity_by_the_words_of_any_of_its_versions(clock):
    from events.services import set_translations

    parents = ActivityFactory(title="Praatgroep ouders", summary="Ouders ontmoeten elkaar.")
    set_translations(
        parents,
        {
            "ar": {"title": "مجموعة حديث للآباء", "summary": "آباء يلتقون على فنجان قهوة."},
            "tr": {
                "title": "Ebeveyn grubu",
                "summary": "Buluşma.",
                "what_to_expect": "Çay ve sohbet.",
            },
            "fr": {"title": "Groupe de parole", "summary": "Des parents se rencontrent."},
        },
    )
    ActivityFactory(title="Breiclub", summary="Samen breien.")
    assert found(q="قهوة") == ["Praatgroep ouders"]  # a word of the Arabic summary
    assert found(q="sohbet") == ["Praatgroep ouders"]  # Turkish "what to expect"
    assert found(q="rencontre") == ["Praatgroep ouders"]  # the French stemmer
    assert found(q="Ebeveyn") == ["Praatgroep ouders"]
    assert found(q="zwemmen") == []


def test_published_where_ignores_who_asks(clock):
    ActivityFactory(title="Open", work_models=("peer",))
    ActivityFactory(title="Concept", work_models=("peer",), status=Status.DRAFT)
    selected = activities_published_where(ActivityFilters(work_models=("peer",)))
    assert [a.title for a in selected] == ["Open"]


def listing(**filters) -> list[str]:
    activities = activities_listing(user=AnonymousUser(), filters=ActivityFilters(**filters))
    return [activity.title for activity in activities]


def test_listing_soonest_first_and_activities_without_a_coming_date_last(clock):
    OccurrenceFactory(activity=ActivityFactory(title="Overmorgen"), start=at(2))
    OccurrenceFactory(activity=ActivityFactory(title="Morgen"), start=at(1))
    over = ActivityFactory(title="Voorbij")
    OccurrenceFactory(activity=over, start=at(-1))
    OccurrenceFactory(activity=over, start=at(1), cancelled=True)
    ActivityFactory(title="Altijd")
    assert listing() == ["Morgen", "Overmorgen", "Altijd", "Voorbij"]  # then by title
    # With a window, only activities with a date in it.
    assert listing(date_from=TODAY, date_to=TODAY + timedelta(days=2)) == ["Morgen", "Overmorgen"]


def test_listing_nearest_first_then_soonest(clock, territory):
    west, east = PlaceFactory(location=WEST_POINT), PlaceFactory(location=EAST_POINT)
    OccurrenceFactory(activity=ActivityFactory(title="Oost morgen", place=east), start=at(1))
    OccurrenceFactory(activity=ActivityFactory(title="West later", place=west), start=at(4))
    OccurrenceFactory(activity=ActivityFactory(title="West morgen", place=west), start=at(1))
    assert listing(near=WEST_POINT, radius_m=5000) == ["West morgen", "West later", "Oost morgen"]
    assert listing() == ["Oost morgen", "West morgen", "West later"]


def test_listing_ids_and_one_page_of_them_in_the_same_order(clock):
    for days, title in ((3, "Donderdag"), (1, "Dinsdag"), (2, "Woensdag")):
        OccurrenceFactory(activity=ActivityFactory(title=title), start=at(days))
    user, filters = AnonymousUser(), ActivityFilters()
    ids = list(activity_ids_listing(user=user, filters=filters))
    assert ids == [a.id for a in activities_listing(user=user, filters=filters)]
    page = activities_in_listing_order(user=user, filters=filters, ids=ids[1:])
    assert [a.title for a in page] == ["Woensdag", "Donderdag"]
    assert page[0].first_start == at(2)


def test_a_page_read_by_id_carries_what_the_filtered_listing_carries(clock, territory):
    """activities_in_listing_order reads the page by id without applying the filters again:
    distance, first date in the window and next date are those of activities_listing."""
    west, east = PlaceFactory(location=WEST_POINT), PlaceFactory(location=EAST_POINT)
    for days, title, place in ((2, "Taalcafé west", west), (1, "Taalcafé oost", east)):
        activity = ActivityFactory(title=title, place=place)
        OccurrenceFactory(activity=activity, start=at(days))
        OccurrenceFactory(activity=activity, start=at(days + 9))
    OccurrenceFactory(activity=ActivityFactory(title="Breicafé", place=west), start=at(1))
    user = AnonymousUser()
    filters = ActivityFilters(
        q="taal", near=WEST_POINT, radius_m=5000, date_from=TODAY + timedelta(days=1)
    )
    ids = list(activity_ids_listing(user=user, filters=filters))
    listed = list(activities_listing(user=user, filters=filters))
    page = activities_in_listing_order(user=user, filters=filters, ids=ids)
    assert (
        [a.title for a in page] == [a.title for a in listed] == ["Taalcafé west", "Taalcafé oost"]
    )
    for read, full in zip(page, listed, strict=True):
        assert (read.distance.m, read.first_start, read.next_start) == (
            full.distance.m,
            full.first_start,
            full.next_start,
        )


@pytest.fixture
def many_dated(clock):
    """Activities whose first dates tie, some cancelled or over, some without a date, and
    titles that decide ties: the listing's order has every case to get right."""
    import random

    rng = random.Random(7)
    for number in range(30):
        activity = ActivityFactory(
            title=rng.choice(["Breien", "Koken", "Taalcafé"]) + f" {number % 4}",
            work_models=(rng.choice(["peer", "community"]),),
        )
        slots = [(day, hour) for day in range(-3, 9) for hour in (10, 14)]
        for day, hour in rng.sample(slots, rng.randrange(0, 4)):
            OccurrenceFactory(
                activity=activity, start=at(day, hour=hour), cancelled=rng.random() < 0.2
            )
    ActivityFactory(title="Concept", status=Status.DRAFT)


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"work_models": ("peer",)},
        {"date_from": TODAY, "date_to": TODAY + timedelta(days=3)},
        {"date_from": TODAY + timedelta(days=2)},
    ],
)
def test_listing_pages_from_the_coming_sessions_are_the_listing_s_pages(
    many_dated, monkeypatch, filters
):
    """ListingIds reads the first pages from the sessions by start once many activities
    match; here 'many' is 1, so every page up to STREAM_MAX comes from there (or falls back
    to the query where the dated activities run out) and must equal the query's."""
    from events.queries.search import ListingIds

    user, filters = AnonymousUser(), ActivityFilters(**filters)
    expected = [a.id for a in activities_listing(user=user, filters=filters)]
    monkeypatch.setattr(ListingIds, "STREAM_MIN_MATCHES", 1)
    monkeypatch.setattr(ListingIds, "STREAM_MAX", 30)
    for size in (1, 4, 7):
        ids = activity_ids_listing(user=user, filters=filters)
        assert ids.count() == len(expected)
        pages = [ids[start : start + size] for start in range(0, len(expected) + size, size)]
        assert [pk for page in pages for pk in page] == expected
        assert list(ids) == expected


def test_listing_from_the_sessions_reads_few_of_them(many_dated, monkeypatch):
    from events.queries.search import ListingIds

    monkeypatch.setattr(ListingIds, "STREAM_MIN_MATCHES", 1)
    ids = activity_ids_listing(user=AnonymousUser(), filters=ActivityFilters())
    taken = []
    stream = ids._stream
    ids._stream = type("Spy", (), {"__getitem__": lambda _, s: taken.append(s) or stream[s]})()
    assert (
        ids[0:2]
        == [a.id for a in activities_listing(user=AnonymousUser(), filters=ActivityFilters())][:2]
    )
    assert taken == [slice(None, 16)]


def test_a_search_can_read_the_gin_index_on_the_search_vector(clock):
    """The index (events.models, activity_search_idx) is built on the expression the query
    compares: if they drifted apart, every search would make every activity's vector again."""
    from django.db import connection

    ActivityFactory(title="Taalcafé")
    ids = activity_ids_listing(user=AnonymousUser(), filters=ActivityFilters(q="taalcafé"))
    sql, params = ids.ids.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "activity_search_idx" in plan, plan
    assert ids.count() == 1
