"""Recurrence in plain terms, as the workspace form asks it ("every week on Tuesday",
"every other week", "the last Friday of the month", "until 30 June"), turned into an
RFC 5545 rule, and back again when an activity is edited."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from events.services import ScheduleInput

from .rules import BRUSSELS, _until_local, canonical_rrule, parse_rrule, search_end
from .search import rule_dates

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Repeat:
    ONCE = "once"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    # An existing rule the form cannot say; kept as it is unless the worker changes it.
    KEEP = "keep"


MONTH_POSITIONS = (1, 2, 3, 4, -1)


@dataclass
class PlainRecurrence:
    repeat: str = Repeat.ONCE
    weekdays: list[str] = field(default_factory=list)
    month_position: int | None = None
    until: date | None = None


def rrule_from_plain(plain: PlainRecurrence, *, start: date) -> str:
    """The RFC 5545 rule for a plain-terms recurrence; ValidationError names the field."""
    if plain.repeat == Repeat.ONCE:
        return ""
    weekdays = [day for day in WEEKDAY_CODES if day in plain.weekdays]
    unknown = set(plain.weekdays) - set(WEEKDAY_CODES)
    if unknown:
        raise ValidationError({"weekdays": _("Unknown weekday.")})
    if not weekdays:
        weekdays = [WEEKDAY_CODES[start.weekday()]]
    if plain.repeat in (Repeat.WEEKLY, Repeat.FORTNIGHTLY):
        parts = ["FREQ=WEEKLY"]
        if plain.repeat == Repeat.FORTNIGHTLY:
            parts.append("INTERVAL=2")
        parts.append("BYDAY=" + ",".join(weekdays))
    elif plain.repeat == Repeat.MONTHLY:
        if plain.month_position not in MONTH_POSITIONS:
            raise ValidationError(
                {"month_position": _("Choose which week of the month: first to fourth, or last.")}
            )
        if len(weekdays) != 1:
            raise ValidationError(
                {"weekdays": _("A monthly activity falls on one weekday: choose one.")}
            )
        parts = ["FREQ=MONTHLY", f"BYDAY={plain.month_position}{weekdays[0]}"]
    else:
        raise ValidationError({"repeat": _("Choose how often it happens.")})
    if plain.until is not None:
        if plain.until < start:
            raise ValidationError({"until": _("The last date cannot come before the first.")})
        parts.append(f"UNTIL={plain.until:%Y%m%d}")
    return canonical_rrule(";".join(parts))


def schedule_from_plain(
    *, day: date, start: time, end: time, plain: PlainRecurrence, keep_rrule: str = ""
) -> ScheduleInput:
    """A schedule from the form: the first session is the first date on or after `day`
    that the rule gives (so that "every Tuesday" starting on a Monday does not add that
    Monday); an end before the start means the session runs past midnight."""
    if end == start:
        raise ValidationError({"end_time": _("The end must come after the start.")})
    rule = keep_rrule if plain.repeat == Repeat.KEEP else rrule_from_plain(plain, start=day)
    first = datetime.combine(day, start, tzinfo=BRUSSELS)
    if rule:
        expanded = parse_rrule(rule, dtstart=first)
        dates = rule_dates(expanded, end=search_end(first), limit=1)
        naive = dates[0] if dates else None
        if naive is None:
            raise ValidationError({"until": _("No date falls between the start and the end.")})
        first = naive.replace(tzinfo=BRUSSELS)
    duration = datetime.combine(day, end) - datetime.combine(day, start)
    if duration <= timedelta(0):
        duration += timedelta(days=1)
    return ScheduleInput(dtstart=first, duration=duration, rrule=rule)


def plain_from_rrule(rrule: str) -> PlainRecurrence:
    """The plain terms of a stored rule, or Repeat.KEEP when the form cannot say it."""
    if not rrule:
        return PlainRecurrence()
    parts = dict(part.split("=", 1) for part in rrule.split(";"))
    keep = PlainRecurrence(repeat=Repeat.KEEP)
    until = _until_local(parts["UNTIL"]).date() if "UNTIL" in parts else None
    if set(parts) - {"FREQ", "INTERVAL", "BYDAY", "UNTIL", "WKST"}:
        return keep
    days = parts.get("BYDAY", "").split(",") if parts.get("BYDAY") else []
    interval = parts.get("INTERVAL", "1")
    weekly = parts["FREQ"] == "WEEKLY" and interval in ("1", "2") and days
    if weekly and all(day in WEEKDAY_CODES for day in days):
        repeat = Repeat.WEEKLY if interval == "1" else Repeat.FORTNIGHTLY
        return PlainRecurrence(repeat=repeat, weekdays=days, until=until)
    if parts["FREQ"] == "MONTHLY" and interval == "1" and len(days) == 1:
        position, day = days[0][:-2], days[0][-2:]
        known = day in WEEKDAY_CODES and position.lstrip("+-").isdigit()
        if known and int(position) in MONTH_POSITIONS:
            return PlainRecurrence(
                repeat=Repeat.MONTHLY, weekdays=[day], month_position=int(position), until=until
            )
    return keep
