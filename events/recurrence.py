"""RFC 5545 recurrence in Europe/Brussels wall-clock time, expanded with dateutil.rrule.

Rules are expanded on naive local times and only then given the zone, so that a weekly
session at 19:00 stays at 19:00 local time on both sides of a daylight-saving change.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, rrule, rruleset, rrulestr
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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


def parse_rrule(text: str, *, dtstart: datetime) -> rrule:
    """Parse one RRULE value (without "RRULE:" or DTSTART); raise ValidationError naming
    the problem."""
    text = text.strip().removeprefix("RRULE:")
    if len(text) > MAX_RRULE_LENGTH:
        raise ValidationError({"rrule": _("The recurrence rule is too long.")})
    if any(part in text.upper() for part in ("DTSTART", "\n", "\r")):
        raise ValidationError({"rrule": _("Give the rule alone, without DTSTART.")})
    try:
        rule = rrulestr(text, dtstart=local_naive(dtstart), ignoretz=True)
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise ValidationError(
            {"rrule": _("Not a valid RFC 5545 recurrence rule: %(error)s") % {"error": error}}
        ) from None
    if not isinstance(rule, rrule):
        raise ValidationError({"rrule": _("Give exactly one recurrence rule.")})
    if rule._freq > DAILY:  # HOURLY, MINUTELY, SECONDLY: not a community activity
        raise ValidationError({"rrule": _("Activities repeat at most daily.")})
    return rule


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
    first = local_naive(dtstart)
    dates = rruleset()
    # RFC 5545: DTSTART is always the first instance, whether or not it matches the rule.
    dates.rdate(first)
    if rrule_text:
        dates.rrule(parse_rrule(rrule_text, dtstart=dtstart))
    for extra in rdates:
        dates.rdate(local_naive(extra))
    cancelled = {local_naive(moment) for moment in exdates}
    found = dates.between(local_naive(window_start), local_naive(window_end), inc=True)
    result = []
    for naive in found:
        start = aware(naive)
        result.append(Dated(start=start, end=start + duration, cancelled=naive in cancelled))
    return result
