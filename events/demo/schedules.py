"""The demo's schedules as a person writes them (weekly: {day: TU, time: "19:00",
minutes: 120}), turned into what the loader needs: an RFC 5545 rule without DTSTART, or a
one-off date counted from today, at a Brussels wall-clock time."""

from dataclasses import dataclass

from . import fields as f
from .fields import Field


@dataclass(frozen=True)
class ScheduleEntry:
    """Brussels wall-clock `time`; an RFC 5545 rule without DTSTART, or a one-off date
    counted from today."""

    time: str
    duration_minutes: int
    rrule: str | None = None
    days_from_today: int | None = None
    cancel_next: bool = False


WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKS_OF_THE_MONTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
TIME = Field(f.clock_time)
MINUTES = Field(f.whole_number(1, 24 * 60))
CANCEL_NEXT = Field(f.flag, required=False, default=False)


def _weekly(values: dict) -> ScheduleEntry:
    if (values["day"] is None) == (values["days"] is None):
        raise f.Wrong(items=[("day", "give day: TU or days: [MO, TH], one of the two")])
    days = ",".join([values["day"]] if values["day"] else values["days"])
    every = values["every_weeks"]
    interval = f"INTERVAL={every};" if every > 1 else ""
    rule = f"FREQ=WEEKLY;{interval}BYDAY={days}"
    return ScheduleEntry(
        time=values["time"],
        duration_minutes=values["minutes"],
        rrule=rule,
        cancel_next=values["cancel_next"],
    )


def _monthly(values: dict) -> ScheduleEntry:
    return ScheduleEntry(
        time=values["time"],
        duration_minutes=values["minutes"],
        rrule=f"FREQ=MONTHLY;BYDAY={WEEKS_OF_THE_MONTH[values['week']]}{values['day']}",
        cancel_next=values["cancel_next"],
    )


def _once(values: dict) -> ScheduleEntry:
    return ScheduleEntry(
        time=values["time"],
        duration_minutes=values["minutes"],
        days_from_today=values["days_from_today"],
    )


WEEKLY = f.mapping(
    {
        "day": Field(f.one_of(WEEKDAYS), required=False),
        "days": Field(f.codes(f.one_of(WEEKDAYS)), required=False),
        "every_weeks": Field(f.whole_number(1, 52), required=False, default=1),
        "time": TIME,
        "minutes": MINUTES,
        "cancel_next": CANCEL_NEXT,
    },
    then=_weekly,
)
MONTHLY = f.mapping(
    {
        "week": Field(f.one_of(WEEKS_OF_THE_MONTH)),
        "day": Field(f.one_of(WEEKDAYS)),
        "time": TIME,
        "minutes": MINUTES,
        "cancel_next": CANCEL_NEXT,
    },
    then=_monthly,
)
ONCE = f.mapping(
    {"days_from_today": Field(f.whole_number(0, 365)), "time": TIME, "minutes": MINUTES},
    then=_once,
)
