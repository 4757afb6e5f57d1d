from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from core.language import content_language
from events.demo import demo_content_read
from events.recurrence.rules import BRUSSELS
from events.recurrence.words import fallback_words, schedule_in_words

DEMO = Path(__file__).resolve().parents[3] / "data" / "neighbourhoods"


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
    activities = demo_content_read(DEMO).activities
    return sorted({entry.schedule.rrule for entry in activities if entry.schedule.rrule})


def test_demo_data_has_rules():
    assert len(demo_rules()) >= 5


@pytest.mark.parametrize("rule", demo_rules())
@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_every_demo_rule_is_said_without_fallback(rule, language):
    text = words(at(2026, 9, 1, 14), 2, rule, language)
    assert fallback_words(language) not in text
    assert text.endswith("14:00–16:00")
