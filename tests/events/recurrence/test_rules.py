from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from events.recurrence.rules import BRUSSELS, occurrences_between, parse_rrule

UTC = UTC


def weekly(dtstart: datetime, rule: str, *, days: int, exdates=(), rdates=()):
    return occurrences_between(
        dtstart=dtstart,
        duration=timedelta(hours=2),
        rrule_text=rule,
        exdates=list(exdates),
        rdates=list(rdates),
        window_start=dtstart,
        window_end=dtstart + timedelta(days=days),
    )


def test_weekly_session_keeps_its_wall_clock_time_across_spring_dst_change():
    # Last Sunday of March 2026 is the 29th: Brussels goes from UTC+1 to UTC+2.
    dates = weekly(datetime(2026, 3, 17, 19, 0, tzinfo=BRUSSELS), "FREQ=WEEKLY;BYDAY=TU", days=21)
    assert [d.start.astimezone(BRUSSELS).strftime("%m-%d %H:%M") for d in dates] == [
        "03-17 19:00",
        "03-24 19:00",
        "03-31 19:00",
        "04-07 19:00",
    ]
    assert [d.start.astimezone(UTC).hour for d in dates] == [18, 18, 17, 17]


def test_weekly_session_keeps_its_wall_clock_time_across_autumn_dst_change():
    # Last Sunday of October 2026 is the 25th: back from UTC+2 to UTC+1.
    dates = weekly(datetime(2026, 10, 13, 19, 0, tzinfo=BRUSSELS), "FREQ=WEEKLY;BYDAY=TU", days=14)
    assert [d.start.astimezone(BRUSSELS).hour for d in dates] == [19, 19, 19]
    assert [d.start.astimezone(UTC).hour for d in dates] == [17, 17, 18]
    assert all(d.end - d.start == timedelta(hours=2) for d in dates)


def test_exdates_stay_as_cancelled_and_rdates_are_added():
    start = datetime(2026, 12, 1, 19, 0, tzinfo=BRUSSELS)
    dates = weekly(
        start,
        "FREQ=WEEKLY;BYDAY=TU;COUNT=4",
        days=60,
        exdates=[datetime(2026, 12, 8, 18, 0, tzinfo=UTC)],  # 19:00 in Brussels
        rdates=[datetime(2026, 12, 27, 14, 0, tzinfo=BRUSSELS)],
    )
    assert [(d.start.date(), d.cancelled) for d in dates] == [
        (date(2026, 12, 1), False),
        (date(2026, 12, 8), True),
        (date(2026, 12, 15), False),
        (date(2026, 12, 22), False),
        (date(2026, 12, 27), False),
    ]


def test_monthly_last_saturday_and_until():
    dates = weekly(
        datetime(2026, 11, 28, 10, 0, tzinfo=BRUSSELS),
        "FREQ=MONTHLY;BYDAY=-1SA;UNTIL=20270301T000000Z",
        days=400,
    )
    assert [d.start.date() for d in dates] == [
        date(2026, 11, 28),
        date(2026, 12, 26),
        date(2027, 1, 30),
        date(2027, 2, 27),
    ]


def test_a_one_off_event_is_its_dtstart_alone():
    dates = weekly(datetime(2026, 12, 5, 14, 0, tzinfo=BRUSSELS), "", days=365)
    assert len(dates) == 1 and dates[0].start == datetime(2026, 12, 5, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=FORTNIGHTLY",
        "BYDAY=TU",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=HOURLY",
        "DTSTART:20261201T190000\nRRULE:FREQ=DAILY",
        "FREQ=WEEKLY;" * 200,
    ],
)
def test_invalid_rules_are_refused_with_a_reason(rule):
    with pytest.raises(ValidationError) as error:
        parse_rrule(rule, dtstart=datetime(2026, 12, 1, 19, tzinfo=BRUSSELS))
    assert "rrule" in error.value.message_dict


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=WEEKLY;INTERVAL=0",
        "FREQ=DAILY;BYHOUR=4,5,6;BYMINUTE=0,30",
        "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
        "FREQ=YEARLY;BYYEARDAY=100",
        "FREQ=DAILY;BYMONTH=13",
        "FREQ=MONTHLY;BYMONTHDAY=0",
        "FREQ=WEEKLY;BYDAY=TU;COUNT=3;UNTIL=20260920T000000",
        "FREQ=WEEKLY;UNTIL=2027-01-01",
        "FREQ=WEEKLY;COUNT=100000",
        "FREQ=WEEKLY;FREQ=DAILY",
    ],
)
def test_rules_that_could_flood_or_break_the_calendar_are_refused(rule):
    with pytest.raises(ValidationError) as error:
        parse_rrule(rule, dtstart=datetime(2026, 12, 1, 19, tzinfo=BRUSSELS))
    assert "rrule" in error.value.message_dict


def test_until_in_utc_is_an_instant_and_is_stored_that_way():
    from events.recurrence.rules import canonical_rrule

    # 18:00 UTC on 15 December is 19:00 in Brussels: that session is the last one.
    dates = weekly(
        datetime(2026, 12, 1, 19, 0, tzinfo=BRUSSELS),
        "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T180000Z",
        days=60,
    )
    assert [d.start.astimezone(BRUSSELS).day for d in dates] == [1, 8, 15]
    assert canonical_rrule("byday=TU;freq=weekly;until=20261215") == (
        "FREQ=WEEKLY;UNTIL=20261215T225959Z;BYDAY=TU"
    )


def test_a_session_across_the_spring_gap_still_ends_after_it_starts():
    # 02:30 does not exist on 28 March 2027; the end is counted in real time.
    dates = weekly(datetime(2027, 3, 21, 2, 30, tzinfo=BRUSSELS), "FREQ=WEEKLY;BYDAY=SU", days=14)
    assert all(d.end - d.start == timedelta(hours=2) for d in dates)
    assert len({d.start for d in dates}) == len(dates)
