from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from events.recurrence.plain import (
    PlainRecurrence,
    Repeat,
    plain_from_rrule,
    rrule_from_plain,
    schedule_from_plain,
)

MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("plain", "rule"),
    [
        (PlainRecurrence(), ""),
        (PlainRecurrence(repeat=Repeat.WEEKLY), "FREQ=WEEKLY;BYDAY=MO"),
        (
            PlainRecurrence(repeat=Repeat.WEEKLY, weekdays=["TH", "TU"]),
            "FREQ=WEEKLY;BYDAY=TU,TH",
        ),
        (
            PlainRecurrence(repeat=Repeat.FORTNIGHTLY, weekdays=["WE"]),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        ),
        (
            PlainRecurrence(repeat=Repeat.MONTHLY, weekdays=["FR"], month_position=-1),
            "FREQ=MONTHLY;BYDAY=-1FR",
        ),
        (
            PlainRecurrence(
                repeat=Repeat.MONTHLY, weekdays=["SA"], month_position=1, until=date(2027, 6, 30)
            ),
            # The end of that day in Brussels, as a UTC instant (summer time: UTC+2).
            "FREQ=MONTHLY;UNTIL=20270630T215959Z;BYDAY=1SA",
        ),
    ],
)
def test_plain_terms_become_rules_and_back(plain, rule):
    assert rrule_from_plain(plain, start=MONDAY) == rule
    back = plain_from_rrule(rule)
    assert rrule_from_plain(back, start=MONDAY) == rule


@pytest.mark.parametrize(
    ("plain", "field"),
    [
        (PlainRecurrence(repeat=Repeat.MONTHLY, weekdays=["FR"]), "month_position"),
        (
            PlainRecurrence(repeat=Repeat.MONTHLY, weekdays=["FR", "SA"], month_position=1),
            "weekdays",
        ),
        (PlainRecurrence(repeat=Repeat.WEEKLY, until=date(2026, 1, 1)), "until"),
        (PlainRecurrence(repeat="hourly"), "repeat"),
        (PlainRecurrence(repeat=Repeat.WEEKLY, weekdays=["XX"]), "weekdays"),
    ],
)
def test_bad_plain_terms_name_the_field(plain, field):
    with pytest.raises(ValidationError) as caught:
        rrule_from_plain(plain, start=MONDAY)
    assert field in caught.value.message_dict


def test_a_rule_the_form_cannot_say_is_kept():
    assert plain_from_rrule("FREQ=DAILY;COUNT=5").repeat == Repeat.KEEP
    assert plain_from_rrule("FREQ=WEEKLY;INTERVAL=3;BYDAY=MO").repeat == Repeat.KEEP


def test_the_first_session_is_the_first_date_the_rule_gives():
    schedule = schedule_from_plain(
        day=MONDAY,
        start=time(19),
        end=time(21),
        plain=PlainRecurrence(repeat=Repeat.WEEKLY, weekdays=["TU"]),
    )
    assert schedule.dtstart.date() == date(2026, 12, 1)
    assert schedule.duration.total_seconds() == 7200
    late = schedule_from_plain(day=MONDAY, start=time(22), end=time(1), plain=PlainRecurrence())
    assert late.duration.total_seconds() == 3 * 3600
    with pytest.raises(ValidationError) as caught:
        schedule_from_plain(day=MONDAY, start=time(19), end=time(19), plain=PlainRecurrence())
    assert "end_time" in caught.value.message_dict
