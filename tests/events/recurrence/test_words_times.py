"""Schedules in words: one-off dates, sessions past midnight, UNTIL and COUNT, rules said
generically, and start times given in UTC (the rule shapes are in test_words.py)."""

from datetime import UTC, datetime, timedelta

import pytest

from events.recurrence.rules import BRUSSELS
from events.recurrence.words import schedule_in_words


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def words(dtstart: datetime, hours: float, rule: str, language: str) -> str:
    return schedule_in_words(
        dtstart=dtstart, duration=timedelta(hours=hours), rrule=rule, language=language
    )


# (first start, duration in hours, rule, {language: expected sentence})
CASES = [
    pytest.param(
        at(2026, 12, 5, 14),
        3,
        "",
        {
            "nl": "op zaterdag 5 december 2026, 14:00–17:00",
            "fr": "le samedi 5 décembre 2026, 14:00–17:00",
            "en": "on Saturday 5 December 2026, 14:00–17:00",
        },
        id="one-off",
    ),
    pytest.param(
        at(2026, 9, 1, 9),
        1,
        "",
        {
            "nl": "op dinsdag 1 september 2026, 9:00–10:00",
            "fr": "le mardi 1er septembre 2026, 9:00–10:00",
            "en": "on Tuesday 1 September 2026, 9:00–10:00",
        },
        id="one-off-first-of-month",
    ),
    pytest.param(
        at(2026, 12, 5, 22),
        4,
        "",
        {
            "nl": "op zaterdag 5 december 2026, 22:00 – zondag 6 december 2026, 2:00",
            "fr": "le samedi 5 décembre 2026, 22:00 – dimanche 6 décembre 2026, 2:00",
            "en": "on Saturday 5 December 2026, 22:00 – Sunday 6 December 2026, 2:00",
        },
        id="one-off-past-midnight",
    ),
    pytest.param(
        at(2026, 9, 4, 18),
        46,
        "",
        {
            "nl": "op vrijdag 4 september 2026, 18:00 – zondag 6 september 2026, 16:00",
            "fr": "le vendredi 4 septembre 2026, 18:00 – dimanche 6 septembre 2026, 16:00",
            "en": "on Friday 4 September 2026, 18:00 – Sunday 6 September 2026, 16:00",
        },
        id="one-off-weekend",
    ),
    pytest.param(
        at(2026, 9, 4, 22),
        4,
        "FREQ=WEEKLY;BYDAY=FR",
        {
            "nl": "elke vrijdag, 22:00 – zaterdag 2:00",
            "fr": "chaque vendredi, 22:00 – samedi 2:00",
            "en": "every Friday, 22:00 – Saturday 2:00",
        },
        id="weekly-past-midnight",
    ),
    pytest.param(
        at(2026, 9, 1, 22),
        4,
        "FREQ=DAILY",
        {
            "nl": "elke dag, 22:00 – 2:00 de volgende dag",
            "fr": "tous les jours, 22:00 – 2:00 le lendemain",
            "en": "every day, 22:00 – 2:00 the next day",
        },
        id="daily-past-midnight",
    ),
    pytest.param(
        at(2026, 9, 1, 19),
        2,
        "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T235959Z",
        {
            "nl": "elke dinsdag, 19:00–21:00, tot 30 juni 2027",
            "fr": "chaque mardi, 19:00–21:00, jusqu'au 30 juin 2027",
            "en": "every Tuesday, 19:00–21:00, until 30 June 2027",
        },
        id="until",
    ),
    pytest.param(
        at(2026, 9, 1, 19),
        2,
        "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270701T230000",
        {
            "nl": "elke dinsdag, 19:00–21:00, tot 1 juli 2027",
            "fr": "chaque mardi, 19:00–21:00, jusqu'au 1er juillet 2027",
            "en": "every Tuesday, 19:00–21:00, until 1 July 2027",
        },
        id="until-first-of-month",
    ),
    pytest.param(
        at(2026, 9, 1, 19),
        2,
        "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270701",
        {
            # A date as UNTIL includes that whole day.
            "nl": "elke dinsdag, 19:00–21:00, tot 1 juli 2027",
            "fr": "chaque mardi, 19:00–21:00, jusqu'au 1er juillet 2027",
            "en": "every Tuesday, 19:00–21:00, until 1 July 2027",
        },
        id="until-as-date",
    ),
    pytest.param(
        at(2026, 9, 1, 19),
        2,
        "FREQ=WEEKLY;BYDAY=TU;COUNT=8",
        {
            "nl": "elke dinsdag, 19:00–21:00 (8 keer)",
            "fr": "chaque mardi, 19:00–21:00 (8 fois)",
            "en": "every Tuesday, 19:00–21:00 (8 times)",
        },
        id="count",
    ),
    pytest.param(
        at(2026, 9, 2, 14),
        2,
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=6",
        {
            "nl": "om de twee weken op woensdag, 14:00–16:00 (6 keer)",
            "fr": "un mercredi sur deux, 14:00–16:00 (6 fois)",
            "en": "every other Wednesday, 14:00–16:00 (6 times)",
        },
        id="fortnightly-count",
    ),
    pytest.param(
        at(2026, 9, 1, 19),
        2,
        "FREQ=WEEKLY;COUNT=1",
        {
            "nl": "op dinsdag 1 september 2026, 19:00–21:00",
            "fr": "le mardi 1er septembre 2026, 19:00–21:00",
            "en": "on Tuesday 1 September 2026, 19:00–21:00",
        },
        id="count-one-is-one-off",
    ),
    pytest.param(
        at(2026, 5, 14, 19),
        2,
        "FREQ=YEARLY",
        {
            "nl": "volgens een vast schema, 19:00–21:00",
            "fr": "selon un calendrier fixe, 19:00–21:00",
            "en": "on a regular schedule, 19:00–21:00",
        },
        id="yearly-falls-back",
    ),
    pytest.param(
        at(2026, 9, 1, 19),
        2,
        "FREQ=WEEKLY;BYDAY=TU;BYMONTH=9,10,11",
        {
            "nl": "volgens een vast schema, 19:00–21:00",
            "fr": "selon un calendrier fixe, 19:00–21:00",
            "en": "on a regular schedule, 19:00–21:00",
        },
        id="by-month-falls-back",
    ),
    pytest.param(
        at(2026, 8, 31, 19),
        2,
        "FREQ=MONTHLY;BYMONTHDAY=31",
        {
            "nl": "volgens een vast schema, 19:00–21:00",
            "fr": "selon un calendrier fixe, 19:00–21:00",
            "en": "on a regular schedule, 19:00–21:00",
        },
        id="month-day-missing-in-short-months-falls-back",
    ),
    pytest.param(
        at(2026, 5, 14, 19),
        2,
        "FREQ=YEARLY;COUNT=3",
        {
            "nl": "volgens een vast schema, 19:00–21:00 (3 keer)",
            "fr": "selon un calendrier fixe, 19:00–21:00 (3 fois)",
            "en": "on a regular schedule, 19:00–21:00 (3 times)",
        },
        id="fallback-keeps-count",
    ),
]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
@pytest.mark.parametrize(("dtstart", "hours", "rule", "expected"), CASES)
def test_schedule_in_words(dtstart, hours, rule, expected, language):
    assert words(dtstart, hours, rule, language) == expected[language]


@pytest.mark.parametrize(
    "dtstart",
    [
        # 19:00 in Brussels winter time (UTC+1), before the spring change.
        datetime(2026, 3, 17, 18, 0, tzinfo=UTC),
        # 19:00 in Brussels summer time (UTC+2), before the autumn change.
        datetime(2026, 10, 13, 17, 0, tzinfo=UTC),
    ],
)
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "elke dinsdag, 19:00–21:00"),
        ("fr", "chaque mardi, 19:00–21:00"),
        ("en", "every Tuesday, 19:00–21:00"),
    ],
)
def test_utc_start_is_said_in_brussels_wall_clock_time(dtstart, language, expected):
    assert words(dtstart, 2, "FREQ=WEEKLY;BYDAY=TU", language) == expected


def test_utc_start_late_in_the_evening_is_said_on_the_brussels_day():
    # Monday 23:30 UTC in summer is Tuesday 1:30 in Brussels.
    dtstart = datetime(2026, 8, 31, 23, 30, tzinfo=UTC)
    assert words(dtstart, 1, "FREQ=WEEKLY", "en") == "every Tuesday, 1:30–2:30"
    assert words(dtstart, 1, "", "nl") == "op dinsdag 1 september 2026, 1:30–2:30"


def test_one_off_across_the_autumn_change_keeps_wall_clock_times():
    # Brussels clocks go back at 3:00 on 25 October 2026; durations add wall-clock time,
    # as in events.recurrence.rules.occurrences_between.
    dtstart = at(2026, 10, 24, 22)
    assert words(dtstart, 6, "", "nl") == (
        "op zaterdag 24 oktober 2026, 22:00 – zondag 25 oktober 2026, 4:00"
    )
