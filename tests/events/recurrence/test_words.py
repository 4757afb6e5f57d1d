import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from core.language import content_language
from events.recurrence.rules import BRUSSELS
from events.recurrence.words import FALLBACK, schedule_in_words

DEMO = Path(__file__).resolve().parents[3] / "data" / "neighbourhoods" / "demo.json"


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def words(dtstart: datetime, hours: float, rule: str, language: str) -> str:
    return schedule_in_words(
        dtstart=dtstart, duration=timedelta(hours=hours), rrule=rule, language=language
    )


# (first start, duration in hours, rule, {language: expected sentence})
CASES = [
    pytest.param(
        at(2026, 9, 1, 19),
        2,
        "FREQ=WEEKLY;BYDAY=TU",
        {
            "nl": "elke dinsdag, 19:00–21:00",
            "fr": "chaque mardi, 19:00–21:00",
            "en": "every Tuesday, 19:00–21:00",
        },
        id="weekly",
    ),
    pytest.param(
        at(2026, 9, 1, 19),
        2,
        "FREQ=WEEKLY",
        {
            "nl": "elke dinsdag, 19:00–21:00",
            "fr": "chaque mardi, 19:00–21:00",
            "en": "every Tuesday, 19:00–21:00",
        },
        id="weekly-on-the-start-day",
    ),
    pytest.param(
        at(2026, 9, 7, 9, 30),
        2,
        "FREQ=WEEKLY;BYDAY=MO,TH",
        {
            "nl": "elke maandag en donderdag, 9:30–11:30",
            "fr": "chaque lundi et jeudi, 9:30–11:30",
            "en": "every Monday and Thursday, 9:30–11:30",
        },
        id="weekly-two-days",
    ),
    pytest.param(
        at(2026, 9, 7, 12),
        1.5,
        "FREQ=WEEKLY;BYDAY=MO,TU,TH,FR",
        {
            "nl": "elke maandag, dinsdag, donderdag en vrijdag, 12:00–13:30",
            "fr": "chaque lundi, mardi, jeudi et vendredi, 12:00–13:30",
            "en": "every Monday, Tuesday, Thursday and Friday, 12:00–13:30",
        },
        id="weekly-four-days",
    ),
    pytest.param(
        at(2026, 9, 2, 14),
        2,
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        {
            "nl": "om de twee weken op woensdag, 14:00–16:00",
            "fr": "un mercredi sur deux, 14:00–16:00",
            "en": "every other Wednesday, 14:00–16:00",
        },
        id="fortnightly",
    ),
    pytest.param(
        at(2026, 9, 7, 14),
        2,
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
        {
            "nl": "om de twee weken op maandag en donderdag, 14:00–16:00",
            "fr": "toutes les deux semaines, le lundi et le jeudi, 14:00–16:00",
            "en": "every other week on Monday and Thursday, 14:00–16:00",
        },
        id="fortnightly-two-days",
    ),
    pytest.param(
        at(2026, 9, 2, 14),
        2,
        "FREQ=WEEKLY;INTERVAL=3;BYDAY=WE",
        {
            "nl": "om de 3 weken op woensdag, 14:00–16:00",
            "fr": "toutes les 3 semaines, le mercredi, 14:00–16:00",
            "en": "every 3 weeks on Wednesday, 14:00–16:00",
        },
        id="every-three-weeks",
    ),
    pytest.param(
        at(2026, 9, 3, 19),
        2,
        "FREQ=MONTHLY;BYDAY=1TH",
        {
            "nl": "elke eerste donderdag van de maand, 19:00–21:00",
            "fr": "le premier jeudi du mois, 19:00–21:00",
            "en": "every first Thursday of the month, 19:00–21:00",
        },
        id="first-thursday",
    ),
    pytest.param(
        at(2026, 9, 3, 19),
        2,
        "FREQ=MONTHLY;BYDAY=TH;BYSETPOS=1",
        {
            "nl": "elke eerste donderdag van de maand, 19:00–21:00",
            "fr": "le premier jeudi du mois, 19:00–21:00",
            "en": "every first Thursday of the month, 19:00–21:00",
        },
        id="first-thursday-by-setpos",
    ),
    pytest.param(
        at(2026, 9, 26, 10),
        2,
        "FREQ=MONTHLY;BYDAY=-1SA",
        {
            "nl": "elke laatste zaterdag van de maand, 10:00–12:00",
            "fr": "le dernier samedi du mois, 10:00–12:00",
            "en": "every last Saturday of the month, 10:00–12:00",
        },
        id="last-saturday",
    ),
    pytest.param(
        at(2026, 9, 3, 19),
        2,
        "FREQ=MONTHLY;BYDAY=1TH,3TH",
        {
            "nl": "elke eerste en derde donderdag van de maand, 19:00–21:00",
            "fr": "le premier et le troisième jeudi du mois, 19:00–21:00",
            "en": "every first and third Thursday of the month, 19:00–21:00",
        },
        id="first-and-third-thursday",
    ),
    pytest.param(
        at(2026, 9, 3, 19),
        2,
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=1TH",
        {
            "nl": "om de twee maanden op de eerste donderdag, 19:00–21:00",
            "fr": "le premier jeudi du mois, un mois sur deux, 19:00–21:00",
            "en": "every other month on the first Thursday, 19:00–21:00",
        },
        id="first-thursday-every-other-month",
    ),
    pytest.param(
        at(2026, 9, 18, 19),
        2,
        "FREQ=MONTHLY;BYDAY=-2FR,-1FR",
        {
            "nl": "elke voorlaatste en laatste vrijdag van de maand, 19:00–21:00",
            "fr": "l'avant-dernier et le dernier vendredi du mois, 19:00–21:00",
            "en": "every second-to-last and last Friday of the month, 19:00–21:00",
        },
        id="last-two-fridays",
    ),
    pytest.param(
        at(2026, 9, 7, 19),
        2,
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO",
        {
            "nl": "om de 3 maanden op de eerste maandag, 19:00–21:00",
            "fr": "le premier lundi du mois, tous les 3 mois, 19:00–21:00",
            "en": "every 3 months on the first Monday, 19:00–21:00",
        },
        id="first-monday-every-three-months",
    ),
    pytest.param(
        at(2026, 9, 15, 14),
        2,
        "FREQ=MONTHLY;BYMONTHDAY=15",
        {
            "nl": "elke maand op de 15de, 14:00–16:00",
            "fr": "le 15 de chaque mois, 14:00–16:00",
            "en": "every month on the 15th, 14:00–16:00",
        },
        id="monthly-by-day",
    ),
    pytest.param(
        at(2026, 9, 15, 14),
        2,
        "FREQ=MONTHLY",
        {
            "nl": "elke maand op de 15de, 14:00–16:00",
            "fr": "le 15 de chaque mois, 14:00–16:00",
            "en": "every month on the 15th, 14:00–16:00",
        },
        id="monthly-on-the-start-day",
    ),
    pytest.param(
        at(2026, 9, 1, 14),
        2,
        "FREQ=MONTHLY;BYMONTHDAY=1,21",
        {
            "nl": "elke maand op de 1ste en de 21ste, 14:00–16:00",
            "fr": "le 1er et le 21 de chaque mois, 14:00–16:00",
            "en": "every month on the 1st and 21st, 14:00–16:00",
        },
        id="monthly-two-days",
    ),
    pytest.param(
        at(2026, 9, 30, 14),
        2,
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        {
            "nl": "elke laatste dag van de maand, 14:00–16:00",
            "fr": "le dernier jour du mois, 14:00–16:00",
            "en": "every last day of the month, 14:00–16:00",
        },
        id="last-day-of-month",
    ),
    pytest.param(
        at(2026, 9, 1, 12),
        1.5,
        "FREQ=DAILY",
        {
            "nl": "elke dag, 12:00–13:30",
            "fr": "tous les jours, 12:00–13:30",
            "en": "every day, 12:00–13:30",
        },
        id="daily",
    ),
    pytest.param(
        at(2026, 9, 1, 12),
        1.5,
        "FREQ=DAILY;INTERVAL=2",
        {
            "nl": "om de twee dagen, 12:00–13:30",
            "fr": "un jour sur deux, 12:00–13:30",
            "en": "every other day, 12:00–13:30",
        },
        id="every-other-day",
    ),
    pytest.param(
        at(2026, 9, 1, 12),
        1.5,
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU",
        {
            "nl": "elke dag, 12:00–13:30",
            "fr": "tous les jours, 12:00–13:30",
            "en": "every day, 12:00–13:30",
        },
        id="weekly-on-all-days",
    ),
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
    ("language", "expected"),
    [
        ("nl", "nl"),
        ("nl-be", "nl"),
        ("nl_BE", "nl"),
        ("fr-BE", "fr"),
        ("en-gb", "en"),
        ("ar", "nl"),
        ("", "nl"),
        ("xx-yy", "nl"),
    ],
)
def test_language_codes(language, expected):
    assert content_language(language) == expected
    assert words(at(2026, 9, 1, 19), 2, "FREQ=WEEKLY", language) == words(
        at(2026, 9, 1, 19), 2, "FREQ=WEEKLY", expected
    )


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
    # as in events.recurrence.occurrences_between.
    dtstart = at(2026, 10, 24, 22)
    assert words(dtstart, 6, "", "nl") == (
        "op zaterdag 24 oktober 2026, 22:00 – zondag 25 oktober 2026, 4:00"
    )


def test_rule_prefix_and_whitespace_are_accepted():
    assert words(at(2026, 9, 1, 19), 2, "  RRULE:FREQ=WEEKLY;BYDAY=TU ", "nl") == (
        "elke dinsdag, 19:00–21:00"
    )
    assert words(at(2026, 9, 1, 19), 2, "   ", "nl") == "op dinsdag 1 september 2026, 19:00–21:00"


def test_invalid_rule_raises_validation_error():
    with pytest.raises(ValidationError):
        words(at(2026, 9, 1, 19), 2, "FREQ=SOMETIMES", "nl")


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=MONTHLY;BYDAY=1MO,3WE",
        "FREQ=MONTHLY;BYDAY=TU",
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU",
        "FREQ=MONTHLY;BYMONTHDAY=-2",
        "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
        "FREQ=DAILY;INTERVAL=2;BYDAY=MO",
        "FREQ=DAILY;BYMONTH=7,8",
        "FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=SU,MO",
        "FREQ=WEEKLY;BYDAY=TU;UNTIL=20200101T000000Z",
        "FREQ=MONTHLY;BYDAY=2TU;BYSETPOS=1,-1",
    ],
)
@pytest.mark.parametrize("language", ["nl", "fr", "en", "de"])
@pytest.mark.filterwarnings("ignore:Using both 'count' and 'until':DeprecationWarning")
def test_valid_rules_never_raise(rule, language):
    text = words(at(2026, 9, 1, 19), 2, rule, language)
    assert text
    assert text == text.strip()


def demo_rules() -> list[str]:
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            schedule = node.get("schedule")
            if isinstance(schedule, dict) and schedule.get("rrule"):
                found.add(schedule["rrule"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(DEMO.read_text(encoding="utf-8")))
    return sorted(found)


def test_demo_data_has_rules():
    assert len(demo_rules()) >= 5


@pytest.mark.parametrize("rule", demo_rules())
@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_every_demo_rule_is_said_without_fallback(rule, language):
    text = words(at(2026, 9, 1, 14), 2, rule, language)
    assert FALLBACK[language] not in text
    assert text.endswith("14:00–16:00")
