"""A bounded expansion of our RFC 5545 rules: the dates of a rule within a span of time, at
a cost set by the span, whatever the rule.

Why not dateutil's own iteration: it checks UNTIL (and COUNT) only on the dates it finds,
so a rule that never matches (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`) makes it walk every
day until year 9999: 6 s of CPU per call, in a request or in the nightly roll-forward.
Here the walk goes period by period (year, month, week or day, as FREQ says) and stops at
the end of the span. The rule is still parsed and normalised by dateutil (its defaults:
a YEARLY rule without BY-parts falls on DTSTART's month and day, and so on), and the
expansion follows dateutil's semantics exactly, so that the dates are the same;
tests/events/recurrence/test_search.py checks that against dateutil on random rules.

Only the parts that events.recurrence.rules accepts are expanded: FREQ (daily to yearly),
INTERVAL, COUNT, UNTIL, BYDAY (with positions in MONTHLY and YEARLY rules), BYMONTHDAY,
BYMONTH, BYSETPOS and WKST.
"""

import calendar
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule

MAX_DAY = date(9999, 12, 31)


@lru_cache(maxsize=4096)
def _month_length(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _periods(rule: rrule, start: date):
    """The days of each period the rule visits, from the one that holds `start` (or the
    first) on, as lists of dates."""
    first = rule._dtstart.date()
    freq, interval = rule._freq, rule._interval
    if freq == DAILY:
        k = max(0, (start - first).days // interval)
        while True:
            day = first + timedelta(days=k * interval)
            yield [day]
            k += 1
    elif freq == WEEKLY:
        week = first - timedelta(days=(first.weekday() - rule._wkst) % 7)
        k = max(0, (start - week).days // (7 * interval))
        while True:
            monday = week + timedelta(days=7 * interval * k)
            # As dateutil: the first week starts at DTSTART, not at the week's first day
            # (it matters to BYSETPOS).
            begin = first if k == 0 else monday
            yield [begin + timedelta(days=i) for i in range((monday + timedelta(7) - begin).days)]
            k += 1
    elif freq == MONTHLY:
        origin = first.year * 12 + first.month - 1
        k = max(0, (start.year * 12 + start.month - 1 - origin) // interval)
        while True:
            year, month0 = divmod(origin + k * interval, 12)
            if year > MAX_DAY.year:
                return
            days = _month_length(year, month0 + 1)
            yield [date(year, month0 + 1, d) for d in range(1, days + 1)]
            k += 1
    elif freq == YEARLY:
        # Days outside BYMONTH never match (nor count for BYSETPOS): only the others are made.
        months = sorted(rule._bymonth) if rule._bymonth else range(1, 13)
        k = max(0, (start.year - first.year) // interval)
        while True:
            year = first.year + k * interval
            if year > MAX_DAY.year:
                return
            yield [
                date(year, month, d)
                for month in months
                for d in range(1, _month_length(year, month) + 1)
            ]
            k += 1
    else:  # pragma: no cover - events.recurrence.rules refuses the other frequencies
        raise ValueError(f"unsupported frequency {freq}")


def _day_filter(rule: rrule):
    """A test of one day against the rule's BYMONTH, BYDAY and BYMONTHDAY, as dateutil's
    masks do it (plain and positioned weekdays must both hold when both are given)."""
    bymonth = set(rule._bymonth or ())
    byweekday = set(rule._byweekday or ())
    bynweekday = set(rule._bynweekday or ())
    bymonthday = set(rule._bymonthday or ())
    bynmonthday = set(rule._bynmonthday or ())
    # Positions count within the month, except in a YEARLY rule without BYMONTH.
    in_year = rule._freq == YEARLY and not bymonth

    def matches(day: date) -> bool:
        if bymonth and day.month not in bymonth:
            return False
        weekday = day.weekday()
        if byweekday and weekday not in byweekday:
            return False
        month_length = _month_length(day.year, day.month)
        if bynweekday:
            if in_year:
                index = day.toordinal() - date(day.year, 1, 1).toordinal() + 1
                length = 365 + calendar.isleap(day.year)
            else:
                index, length = day.day, month_length
            forward = (index - 1) // 7 + 1
            backward = -((length - index) // 7 + 1)
            if (weekday, forward) not in bynweekday and (weekday, backward) not in bynweekday:
                return False
        if bymonthday or bynmonthday:
            from_end = day.day - month_length - 1
            if day.day not in bymonthday and from_end not in bynmonthday:
                return False
        return True

    return matches


def rule_dates(
    rule: rrule, *, end: datetime, start: datetime | None = None, limit: int | None = None
) -> list[datetime]:
    """The rule's dates (naive Brussels wall-clock time, as the rule) from `start` (default:
    DTSTART) to `end`, both included, at most `limit` of them.

    The work is bounded by the span from `start` to `end` (from DTSTART for a COUNT rule,
    which counts from there), never by how far away the next date is.
    """
    dtstart, until, count = rule._dtstart, rule._until, rule._count
    start = dtstart if start is None or count is not None else max(start, dtstart)
    if until is not None:
        end = min(end, until)
    found: list[datetime] = []
    if end < start:
        return found
    matches = _day_filter(rule)
    times = sorted(rule._timeset)
    positions = rule._bysetpos
    seen = 0  # dates from DTSTART on, for COUNT
    for days in _periods(rule, start.date()):
        if days[0] > end.date():
            break
        moments = [datetime.combine(day, t) for day in days if matches(day) for t in times]
        if positions:
            picked = set()
            for position in positions:
                index = position - 1 if position > 0 else position
                if -len(moments) <= index < len(moments):
                    picked.add(moments[index])
            moments = sorted(picked)
        for moment in moments:
            if moment > end:
                return found
            if moment < dtstart:
                continue
            seen += 1
            if count is not None and seen > count:
                return found
            if moment >= start:
                found.append(moment)
                if limit is not None and len(found) >= limit:
                    return found
        if days[-1] >= MAX_DAY:
            break
    return found
