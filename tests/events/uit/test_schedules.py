"""UiT calendars as schedules, function by function (no database)."""

from datetime import date, timedelta

import pytest

from events.recurrence.rules import local_naive
from events.uit.schedules import uit_schedule
from events.uit.texts import Unreadable, uit_texts

from .uit_server import at

DAY = date(2027, 3, 23)  # a Tuesday, five days before the spring clock change


def test_opening_hours_past_midnight_and_a_short_period_without_hours():
    late = uit_schedule(
        {
            "calendarType": "periodic",
            "startDate": at(DAY, 0),
            "endDate": at(DAY + timedelta(days=20), 23),
            "openingHours": [{"dayOfWeek": ["friday"], "opens": "22:00", "closes": "02:00"}],
        },
        today=DAY,
    )
    assert late.duration == timedelta(hours=4)
    assert local_naive(late.dtstart).date() == DAY + timedelta(days=3)  # the first Friday
    assert local_naive(late.dtstart).hour == 22
    weekend = uit_schedule(
        {"calendarType": "periodic", "startDate": at(DAY, 10), "endDate": at(DAY, 17)},
        today=DAY,
    )
    assert weekend.duration == timedelta(hours=7) and weekend.rrule == ""


def test_a_permanent_schedule_is_the_same_whatever_the_day_of_the_sync():
    offer = {
        "calendarType": "permanent",
        "openingHours": [{"dayOfWeek": ["monday"], "opens": "09:00", "closes": "12:00"}],
    }
    assert uit_schedule(offer, today=DAY) == uit_schedule(offer, today=DAY + timedelta(days=400))


def test_multiple_dates_take_the_most_common_duration():
    schedule = uit_schedule(
        {
            "calendarType": "multiple",
            "subEvent": [
                {
                    "startDate": at(DAY + timedelta(days=7), 19),
                    "endDate": at(DAY + timedelta(days=7), 22),
                },
                {"startDate": at(DAY, 19), "endDate": at(DAY, 21)},
                {
                    "startDate": at(DAY + timedelta(days=14), 19),
                    "endDate": at(DAY + timedelta(days=14), 21),
                },
            ],
        },
        today=DAY,
    )
    assert local_naive(schedule.dtstart).date() == DAY  # sorted: the first date first
    assert schedule.duration == timedelta(hours=2)
    assert len(schedule.rdates) == 2 and schedule.exdates == []


@pytest.mark.parametrize(
    "event, why",
    [
        ({"calendarType": "multiple", "subEvent": []}, "lists none"),
        ({"calendarType": "single", "startDate": "morgen"}, "is not a date"),
        (
            {
                "calendarType": "permanent",
                "openingHours": [{"dayOfWeek": ["zondag"], "opens": "9:00", "closes": "12:00"}],
            },
            "not a weekday",
        ),
        (
            {
                "calendarType": "periodic",
                "startDate": at(DAY, 0),
                "endDate": at(DAY - timedelta(days=3), 0),
            },
            "ends before it starts",
        ),
        ({"calendarType": "yearly"}, "calendar type"),
    ],
)
def test_unreadable_calendars_say_why_in_our_words(event, why):
    with pytest.raises(Unreadable, match=why):
        uit_schedule(event, today=DAY)


def test_every_language_of_the_texts_in_one_mapping_main_language_first():
    texts = uit_texts(
        {
            "mainLanguage": "fr",
            "name": {"nl": "Buurtmaaltijd", "fr": "Repas de quartier", "de": ""},
            "description": {"fr": "<p>Tous &amp; toutes</p>", "en": "Only a description"},
        }
    )
    assert list(texts) == ["fr", "nl"]  # no name in English: no text of its own
    assert texts["fr"] == {
        "title": "Repas de quartier",
        "summary": "Tous & toutes",
        "description": "Tous & toutes",
    }
    assert texts["nl"]["summary"] == "Buurtmaaltijd"
