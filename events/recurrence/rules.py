"""RFC 5545 recurrence in Europe/Brussels wall-clock time, expanded with dateutil.rrule.

Rules are expanded on naive local times and only then given the zone, so that a weekly
session at 19:00 stays at 19:00 local time on both sides of a daylight-saving change.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .search import rule_dates

BRUSSELS = ZoneInfo("Europe/Brussels")
MAX_RRULE_LENGTH = 500


@dataclass(frozen=True)
class Dated:
    start: datetime
    end: datetime
    cancelled: bool


def local_naive(moment: datetime) -> datetime:
    """Wall-clock time in Brussels, without zone (naive input is taken as Brussels time)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(BRUSSELS)
    return moment.replace(tzinfo=None, microsecond=0)


def aware(naive: datetime) -> datetime:
    return naive.replace(tzinfo=BRUSSELS)


# The parts of RFC 5545 a community activity needs. BYHOUR, BYMINUTE and BYSECOND are left
# out on purpose: the time comes from dtstart, and they would let one rule make thousands
# of sessions a day.
ALLOWED_PARTS = (
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYSETPOS",
    "WKST",
)
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
MAX_OCCURRENCES_PER_WINDOW = 1000
# A rule must give its first date (and all of its COUNT) within this many years of its
# start: the bounded search that refuses rules which never match (see rrule_validate).
SEARCH_YEARS = 10
BYDAY_PATTERN = re.compile(r"^([+-]?\d{1,3})?(MO|TU|WE|TH|FR|SA|SU)$")
UNTIL_PATTERN = re.compile(r"^(\d{8})(T(\d{6})(Z?))?$")


def _invalid(message: str, **values) -> ValidationError:
    # Callers mark `message` with gettext_noop so that makemessages finds it (a variable
    # inside _() is invisible to xgettext: these rules were missing from the catalogues).
    return ValidationError({"rrule": _(message) % values if values else _(message)})


def _int_list(value: str, low: int, high: int, name: str, *, allow_zero: bool = False) -> None:
    for item in value.split(","):
        try:
            number = int(item)
        except ValueError:
            raise _invalid(gettext_noop("%(name)s must be whole numbers."), name=name) from None
        if not low <= number <= high or (number == 0 and not allow_zero):
            raise _invalid(
                gettext_noop("%(name)s value %(value)s is out of range."), name=name, value=item
            )


def _until_local(value: str) -> datetime:
    """UNTIL as Brussels wall-clock time: a UTC value (…Z) is converted, a date means the
    end of that day, a floating value is taken as Brussels time."""
    match = UNTIL_PATTERN.match(value)
    if not match:
        raise _invalid(gettext_noop("UNTIL must look like 20270630 or 20270630T220000Z."))
    day, _t, clock, utc = match.groups()
    try:
        moment = datetime.strptime(day + (clock or "235959"), "%Y%m%d%H%M%S")
    except ValueError:
        raise _invalid(gettext_noop("UNTIL is not a real date.")) from None
    if utc:
        moment = moment.replace(tzinfo=UTC).astimezone(BRUSSELS).replace(tzinfo=None)
    return moment


def _parts(text: str) -> dict[str, str]:
    text = text.strip().removeprefix("RRULE:")
    if len(text) > MAX_RRULE_LENGTH:
        raise _invalid(gettext_noop("The recurrence rule is too long."))
    parts: dict[str, str] = {}
    for item in filter(None, text.split(";")):
        key, sep, value = item.partition("=")
        key, value = key.strip().upper(), value.strip().upper()
        if key == "DTSTART" or "\n" in item or "\r" in item:
            raise _invalid(gettext_noop("Give the rule alone, without DTSTART."))
        if not sep or not value:
            raise _invalid(
                gettext_noop("Not a valid RFC 5545 recurrence rule: %(part)r."), part=item[:40]
            )
        if key not in ALLOWED_PARTS:
            raise _invalid(
                gettext_noop("%(part)s is not supported: the time of day comes from the start."),
                part=key[:20],
            )
        if key in parts:
            raise _invalid(gettext_noop("%(part)s is given twice."), part=key)
        parts[key] = value
    if parts.get("FREQ") not in FREQUENCIES:
        raise _invalid(gettext_noop("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY."))
    if "INTERVAL" in parts:
        _int_list(parts["INTERVAL"], 1, 99, "INTERVAL")
        if "," in parts["INTERVAL"]:
            raise _invalid(gettext_noop("INTERVAL is one number."))
    if "COUNT" in parts:
        _int_list(parts["COUNT"], 1, MAX_OCCURRENCES_PER_WINDOW, "COUNT")
        if "," in parts["COUNT"]:
            raise _invalid(gettext_noop("COUNT is one number."))
    if "COUNT" in parts and "UNTIL" in parts:
        raise _invalid(gettext_noop("Give COUNT or UNTIL, not both."))
    if "BYMONTH" in parts:
        _int_list(parts["BYMONTH"], 1, 12, "BYMONTH")
    if "BYMONTHDAY" in parts:
        _int_list(parts["BYMONTHDAY"], -31, 31, "BYMONTHDAY")
    if "BYSETPOS" in parts:
        _int_list(parts["BYSETPOS"], -366, 366, "BYSETPOS")
    if "BYDAY" in parts:
        # A position counts weekdays within the month (MONTHLY, or YEARLY with BYMONTH) or
        # the year: "20MO" has no meaning there, and makes dateutil fail with an IndexError.
        in_month = parts["FREQ"] == "MONTHLY" or "BYMONTH" in parts
        most = 5 if in_month else 53
        for item in parts["BYDAY"].split(","):
            match = BYDAY_PATTERN.match(item)
            if not match:
                message = _("BYDAY value %(value)s is not a weekday (MO to SU, as in 2TU or -1FR).")
                raise ValidationError({"rrule": message % {"value": item[:20]}})
            if match.group(1) and not 1 <= abs(int(match.group(1))) <= most:
                message = _(
                    "BYDAY value %(value)s counts beyond the weekdays of a month (1 to 5) or "
                    "of a year (1 to 53)."
                )
                raise ValidationError({"rrule": message % {"value": item[:20]}})
    return parts


def parse_rrule(text: str, *, dtstart: datetime) -> rrule:
    """Parse one RRULE value (without "RRULE:" or DTSTART) into a dateutil rule on Brussels
    wall-clock time; raise ValidationError naming the problem."""
    parts = _parts(text)
    if "UNTIL" in parts:
        parts["UNTIL"] = _until_local(parts["UNTIL"]).strftime("%Y%m%dT%H%M%S")
    local_text = ";".join(f"{key}={value}" for key, value in parts.items())
    try:
        rule = rrulestr(local_text, dtstart=local_naive(dtstart), ignoretz=True)
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise _invalid(
            gettext_noop("Not a valid RFC 5545 recurrence rule: %(error)s"), error=error
        ) from None
    if not isinstance(rule, rrule):
        raise _invalid(gettext_noop("Give exactly one recurrence rule."))
    return rule


def search_end(dtstart: datetime) -> datetime:
    """The end of the bounded search for a rule's dates: SEARCH_YEARS after the start."""
    return local_naive(dtstart) + timedelta(days=round(365.25 * SEARCH_YEARS))


def rrule_validate(text: str, *, dtstart: datetime) -> rrule:
    """Parse a rule (as parse_rrule) and refuse it when it gives no date, or fewer than its
    COUNT, in the SEARCH_YEARS after `dtstart`. The search costs milliseconds whatever the
    rule; dateutil alone would look until year 9999 for a rule that never matches
    (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30)."""
    rule = parse_rrule(text, dtstart=dtstart)
    wanted = rule._count or 1
    found = len(rule_dates(rule, end=search_end(dtstart), limit=wanted))
    if found == 0:
        raise ValidationError(
            {
                "rrule": _(
                    "The rule gives no date at all in the %(years)s years after the start "
                    "(or before its UNTIL): check BYMONTH, BYMONTHDAY, BYDAY and BYSETPOS."
                )
                % {"years": SEARCH_YEARS}
            }
        )
    if found < wanted:
        raise ValidationError(
            {
                "rrule": _(
                    "The rule gives only %(found)s of its %(count)s dates (COUNT) in the "
                    "%(years)s years after the start."
                )
                % {"found": found, "count": wanted, "years": SEARCH_YEARS}
            }
        )
    return rule


def canonical_rrule(text: str) -> str:
    """The rule as stored: parts in a fixed order and UNTIL as a UTC instant, as RFC 5545
    wants when the start has a time zone (calendar apps then end the series where we do)."""
    if not text.strip():
        return ""
    parts = _parts(text)
    if "UNTIL" in parts:
        until = _until_local(parts["UNTIL"]).replace(tzinfo=BRUSSELS).astimezone(UTC)
        parts["UNTIL"] = until.strftime("%Y%m%dT%H%M%SZ")
    ordered = sorted(parts.items(), key=lambda item: ALLOWED_PARTS.index(item[0]))
    return ";".join(f"{key}={value}" for key, value in ordered)


def occurrences_between(
    *,
    dtstart: datetime,
    duration: timedelta,
    rrule_text: str,
    exdates: list[datetime],
    rdates: list[datetime],
    window_start: datetime,
    window_end: datetime,
) -> list[Dated]:
    """Dated sessions that start in [window_start, window_end], cancelled dates included
    and marked."""
    first, low, high = local_naive(dtstart), local_naive(window_start), local_naive(window_end)
    # RFC 5545: DTSTART is always the first instance, whether or not it matches the rule.
    candidates = {first} if low <= first <= high else set()
    if rrule_text:
        # Bounded by the window (from DTSTART for a COUNT rule), never by the next date.
        rule = parse_rrule(rrule_text, dtstart=dtstart)
        candidates.update(
            rule_dates(rule, start=low, end=high, limit=MAX_OCCURRENCES_PER_WINDOW + 1)
        )
    candidates.update(
        naive for naive in (local_naive(extra) for extra in rdates) if low <= naive <= high
    )
    if len(candidates) > MAX_OCCURRENCES_PER_WINDOW:
        raise _invalid(
            gettext_noop("The rule makes more than %(max)s dates."), max=MAX_OCCURRENCES_PER_WINDOW
        )
    cancelled = {local_naive(moment) for moment in exdates}
    result = []
    for naive in sorted(candidates):
        # In UTC: a wall-clock end could fall before the start across a clock change, and
        # two wall-clock times in the spring gap are one instant.
        start = aware(naive).astimezone(UTC)
        result.append(Dated(start=start, end=start + duration, cancelled=naive in cancelled))
    return result


class Recurring(Protocol):
    """What a schedule is made of, stored (events.models.Schedule) or still an input
    (events.services.ScheduleInput)."""

    dtstart: datetime
    duration: timedelta
    rrule: str
    exdates: list[datetime]
    rdates: list[datetime]


def schedule_dates(
    schedule: Recurring, *, window_start: datetime, window_end: datetime
) -> list[Dated]:
    """occurrences_between for a schedule's own fields: its dated sessions in the window."""
    return occurrences_between(
        dtstart=schedule.dtstart,
        duration=schedule.duration,
        rrule_text=schedule.rrule,
        exdates=schedule.exdates,
        rdates=schedule.rdates,
        window_start=window_start,
        window_end=window_end,
    )
