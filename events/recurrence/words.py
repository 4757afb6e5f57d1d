"""When an activity happens, in plain words, in Dutch, French or English.

The sentence is built from the schedule's first start, duration and RFC 5545 rule, in
Europe/Brussels wall-clock time: for example "elke dinsdag" or "le premier jeudi du mois",
then the times joined by an en dash. Every phrase comes from the gettext catalogues
(locale/*/LC_MESSAGES/django.po), month and weekday names too (events.recurrence.names),
never from the process locale. A rule that cannot be said well in a short sentence gets a
correct but generic sentence ("volgens een vast schema" and the times) instead of a wrong
one.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, rrule
from django.utils import translation
from django.utils.translation import ngettext, npgettext, pgettext

from core.language import content_language, site_language

from .names import MONTH_DAYS, MONTHS, WEEKDAY_POSITIONS, WEEKDAYS
from .rules import local_naive, parse_rrule, search_end
from .search import rule_dates

# A day of the month beyond 28 is skipped in short months; say that generically instead.
LAST_SAFE_MONTH_DAY = 28


def schedule_in_words(*, dtstart: datetime, duration: timedelta, rrule: str, language: str) -> str:
    """Say when an activity happens, in Europe/Brussels wall-clock time.

    An empty rule is a one-off activity. An invalid rule raises the ValidationError of
    `parse_rrule`; every valid rule gets a sentence, generic if need be.
    """
    with translation.override(site_language(content_language(language))):
        return _schedule_in_words(dtstart, duration, rrule)


def fallback_words(language: str) -> str:
    """The generic words for a rule that cannot be said well ("volgens een vast schema")."""
    with translation.override(site_language(content_language(language))):
        return _fallback()


def _fallback() -> str:
    return pgettext("schedule", "on a regular schedule")


def _schedule_in_words(dtstart: datetime, duration: timedelta, rrule: str) -> str:
    start = local_naive(dtstart)
    end = start + max(duration, timedelta(0))
    if not (rrule or "").strip():
        return _one_off(start, end)
    rule = parse_rrule(rrule, dtstart=dtstart)
    pattern = _pattern(rule, start) if _keeps_start_time(rule, start) else None
    if pattern is not None and _only_start(rule, start):
        # COUNT=1, or an UNTIL before the first date: DTSTART is the only session.
        return _one_off(start, end)
    if pattern is None:
        text = _fallback()
        if _keeps_start_time(rule, start):
            text += ", " + _recurring_times(start, end, None)
    else:
        text = pattern.words() + ", " + _recurring_times(start, end, pattern.single_weekday)
    return text + _bounds(rule, start)


# The shape of a rule that can be said in words.


@dataclass(frozen=True)
class _Pattern:
    kind: str  # "daily", "weekly", "nth_weekday", "month_days", "last_month_day"
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    positions: tuple[int, ...] = ()  # with nth_weekday: 1 = first, -1 = last
    month_days: tuple[int, ...] = ()

    @property
    def single_weekday(self) -> int | None:
        """The weekday every session starts on, if there is exactly one."""
        if self.kind in ("weekly", "nth_weekday") and len(self.weekdays) == 1:
            return self.weekdays[0]
        return None

    def words(self) -> str:
        """The rule in words, in the active language."""
        return _words(self)


def _keeps_start_time(rule: rrule, start: datetime) -> bool:
    """Whether every session starts at DTSTART's time (no BYHOUR/BYMINUTE of its own)."""
    return (
        tuple(rule._byhour or ()) == (start.hour,)
        and tuple(rule._byminute or ()) == (start.minute,)
        and tuple(rule._bysecond or ()) == (start.second,)
    )


def _pattern(rule: rrule, start: datetime) -> _Pattern | None:
    if rule._bymonth or rule._byyearday or rule._byweekno or rule._byeaster:
        return None
    freq, interval = rule._freq, rule._interval
    weekdays = tuple(sorted(rule._byweekday or ()))
    nth = tuple(sorted(rule._bynweekday or ()))
    month_days = tuple(rule._bymonthday or ())
    negative_month_days = tuple(rule._bynmonthday or ())
    setpos = tuple(rule._bysetpos or ())
    if setpos:
        # FREQ=MONTHLY;BYDAY=TH;BYSETPOS=1 is the first Thursday of the month.
        if freq != MONTHLY or len(weekdays) != 1 or nth or month_days or negative_month_days:
            return None
        nth = tuple((weekdays[0], position) for position in setpos)
        weekdays = ()
    if weekdays and nth:
        return None
    if weekdays:
        if month_days or negative_month_days:
            return None
        if freq == WEEKLY and interval != 1:
            return _Pattern("weekly", interval, weekdays)
        # With interval 1, every Tuesday of each day, week, month or year is every Tuesday.
        if interval != 1:
            return None
        if len(weekdays) == 7:
            return _Pattern("daily")
        return _Pattern("weekly", 1, weekdays)
    if nth:
        if freq != MONTHLY or month_days or negative_month_days:
            return None
        days = {day for day, _ in nth}
        positions = {position for _, position in nth}
        if len(days) != 1 and len(positions) != 1:
            return None
        if any(position not in WEEKDAY_POSITIONS for position in positions):
            return None
        return _Pattern(
            "nth_weekday",
            interval,
            weekdays=tuple(sorted(days)),
            positions=tuple(sorted(positions, key=lambda p: (p < 0, p))),
        )
    if month_days or negative_month_days:
        if freq != MONTHLY:
            return None
        if negative_month_days == (-1,) and not month_days:
            return _Pattern("last_month_day", interval)
        if negative_month_days or max(month_days) > LAST_SAFE_MONTH_DAY:
            return None
        return _Pattern("month_days", interval, month_days=month_days)
    if freq == DAILY:
        return _Pattern("daily", interval)
    return None  # YEARLY on a date, and anything else


def _only_start(rule: rrule, start: datetime) -> bool:
    """Whether the rule adds no session besides DTSTART (only bounded rules can)."""
    if rule._count is None and rule._until is None:
        return False
    return all(moment == start for moment in rule_dates(rule, end=search_end(start), limit=2))


# Pieces of a sentence, in the active language.


def _clock(moment: datetime | time) -> str:
    return f"{moment.hour}:{moment.minute:02d}"


def _date(day: date, *, weekday: bool = False) -> str:
    month = MONTHS[day.month - 1]
    if day.day == 1:
        # French says "1er septembre", the others "1 September".
        text = pgettext("date on the first of the month", "1 %(month)s %(year)s") % {
            "month": month,
            "year": day.year,
        }
    else:
        text = pgettext("date", "%(day)s %(month)s %(year)s") % {
            "day": day.day,
            "month": month,
            "year": day.year,
        }
    if weekday:
        text = pgettext("date", "%(weekday)s %(date)s") % {
            "weekday": WEEKDAYS[day.weekday()],
            "date": text,
        }
    return text


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return pgettext("list", "%(items)s and %(last)s") % {
        "items": ", ".join(items[:-1]),
        "last": items[-1],
    }


def _one_off(start: datetime, end: datetime) -> str:
    date_text = _date(start.date(), weekday=True)
    text = pgettext("one-off schedule", "on %(date)s") % {"date": date_text}
    text += ", " + _clock(start)
    if end <= start:
        return text
    if end.date() == start.date():
        return f"{text}–{_clock(end)}"
    return f"{text} – {_date(end.date(), weekday=True)}, {_clock(end)}"


def _recurring_times(start: datetime, end: datetime, single_weekday: int | None) -> str:
    if end <= start:
        return _clock(start)
    days_later = (end.date() - start.date()).days
    if days_later == 0:
        return f"{_clock(start)}–{_clock(end)}"
    if single_weekday is not None and days_later < 7:
        # A Friday night session: the end names Saturday.
        end_weekday = WEEKDAYS[(single_weekday + days_later) % 7]
        return f"{_clock(start)} – {end_weekday} {_clock(end)}"
    if days_later == 1:
        later = pgettext("end of a session", "the next day")
    else:
        later = ngettext("%(n)s day later", "%(n)s days later", days_later) % {"n": days_later}
    return f"{_clock(start)} – {_clock(end)} {later}"


def _bounds(rule: rrule, start: datetime) -> str:
    text = ""
    until = rule._until
    if until is not None:
        # The last day a session can start on: UNTIL is inclusive of the start time.
        last_day = until.date() if until.time() >= start.time() else until.date() - timedelta(1)
        if last_day >= start.date():
            text += ", " + pgettext("end of a schedule", "until %(date)s") % {
                "date": _date(last_day)
            }
    if rule._count is not None:
        times = _session_count(rule, start)
        # One form, not ngettext: a one-session rule said generically
        # (FREQ=YEARLY;BYMONTH=9;COUNT=1) has always ended in "(1 times)" in English, and a
        # restructure must not change a visible sentence; ngettext would say "(1 time)".
        # Dutch "keer" and French "fois" do not change with the number anyway.
        text += " (" + pgettext("number of sessions", "%(n)s times") % {"n": times} + ")"
    return text


def _session_count(rule: rrule, start: datetime) -> int:
    """COUNT, plus DTSTART when the rule itself does not start on it (RFC 5545: DTSTART is
    always a session), and cut short by UNTIL if both are given."""
    count = rule._count
    if rule._until is not None and count <= 10_000:
        count = len(rule_dates(rule, end=rule._until))
    first = rule_dates(rule, end=search_end(start), limit=1)
    return count + (0 if first and first[0] == start else 1)


# Rule shapes in words. Each shape is one sentence per interval (every, every other,
# every n), so that each language can order it its own way: "le premier jeudi du mois, un
# mois sur deux" is not "every other month on the first Thursday" word for word.


def _words(pattern: _Pattern) -> str:
    interval = pattern.interval
    if pattern.kind == "daily":
        if interval == 1:
            return pgettext("schedule", "every day")
        if interval == 2:
            return pgettext("schedule", "every other day")
        return ngettext("every %(n)s day", "every %(n)s days", interval) % {"n": interval}
    days = [str(WEEKDAYS[day]) for day in pattern.weekdays]
    if pattern.kind == "weekly":
        if interval == 1:
            return pgettext("schedule", "every %(days)s") % {"days": _join(days)}
        if interval == 2 and len(days) == 1:
            return pgettext("schedule", "every other %(day)s") % {"day": days[0]}
        # French says "toutes les deux semaines, le lundi et le jeudi".
        listed = _join(
            [pgettext("weekday after every n weeks", "%(day)s") % {"day": d} for d in days]
        )
        if interval == 2:
            return pgettext("schedule", "every other week on %(days)s") % {"days": listed}
        return ngettext(
            "every %(n)s week on %(days)s", "every %(n)s weeks on %(days)s", interval
        ) % {"n": interval, "days": listed}
    if pattern.kind == "nth_weekday":
        positions = [str(WEEKDAY_POSITIONS[p]) for p in pattern.positions]
        values = {"n": interval, "what": _join(positions) + " " + _join(days)}
        if interval == 1:
            return pgettext("weekday of the month", "every %(what)s of the month") % values
        if interval == 2:
            return pgettext("weekday of the month", "every other month on the %(what)s") % values
        return (
            npgettext(
                "weekday of the month",
                "every %(n)s month on the %(what)s",
                "every %(n)s months on the %(what)s",
                interval,
            )
            % values
        )
    if pattern.kind == "month_days":
        values = {
            "n": interval,
            "days": _join([str(MONTH_DAYS[d - 1]) for d in pattern.month_days]),
        }
        if interval == 1:
            return pgettext("days of the month", "every month on the %(days)s") % values
        if interval == 2:
            return pgettext("days of the month", "every other month on the %(days)s") % values
        return (
            npgettext(
                "days of the month",
                "every %(n)s month on the %(days)s",
                "every %(n)s months on the %(days)s",
                interval,
            )
            % values
        )
    # last_month_day
    if interval == 1:
        return pgettext("schedule", "every last day of the month")
    if interval == 2:
        return pgettext("schedule", "every other month on the last day")
    return ngettext(
        "every %(n)s month on the last day", "every %(n)s months on the last day", interval
    ) % {"n": interval}


def schedule_words(schedule, language: str) -> str:
    """A Schedule (or a ScheduleInput still being edited) in words."""
    return schedule_in_words(
        dtstart=schedule.dtstart,
        duration=schedule.duration,
        rrule=schedule.rrule,
        language=language,
    )


def activity_schedule_in_words(activity, language: str) -> str:
    """The activity's schedule in words, or "" when it has none."""
    schedule = getattr(activity, "schedule", None)
    return schedule_words(schedule, language) if schedule is not None else ""
