"""When an activity happens, in plain words, in Dutch, French or English.

The sentence is built from the schedule's first start, duration and RFC 5545 rule, in
Europe/Brussels wall-clock time: for example "elke dinsdag" or "le premier jeudi du mois",
then the times joined by an en dash. Month and weekday names come from the tables below,
never from the process locale. A rule that cannot be said well in a short sentence gets a
correct but generic sentence ("volgens een vast schema" and the times) instead of a wrong one.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, rrule

from core.language import content_language

from .rules import local_naive, parse_rrule, search_end
from .search import rule_dates

LANGUAGES = ("nl", "fr", "en")

WEEKDAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

MONTHS = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip

# Position of a weekday in the month (BYDAY=1TH, BYDAY=-1SA).
WEEKDAY_POSITIONS = {
    "nl": {1: "eerste", 2: "tweede", 3: "derde", 4: "vierde", 5: "vijfde",
           -1: "laatste", -2: "voorlaatste"},
    "fr": {1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", 5: "cinquième",
           -1: "dernier", -2: "avant-dernier"},
    "en": {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth",
           -1: "last", -2: "second-to-last"},
}  # fmt: skip

FALLBACK = {
    "nl": "volgens een vast schema",
    "fr": "selon un calendrier fixe",
    "en": "on a regular schedule",
}

AND = {"nl": "en", "fr": "et", "en": "and"}

# A day of the month beyond 28 is skipped in short months; say that generically instead.
LAST_SAFE_MONTH_DAY = 28


def schedule_in_words(*, dtstart: datetime, duration: timedelta, rrule: str, language: str) -> str:
    """Say when an activity happens, in Europe/Brussels wall-clock time.

    An empty rule is a one-off activity. An invalid rule raises the ValidationError of
    `parse_rrule`; every valid rule gets a sentence, generic if need be.
    """
    language = content_language(language)
    start = local_naive(dtstart)
    end = start + max(duration, timedelta(0))
    if not (rrule or "").strip():
        return _one_off(start, end, language)
    rule = parse_rrule(rrule, dtstart=dtstart)
    pattern = _pattern(rule, start) if _keeps_start_time(rule, start) else None
    if pattern is not None and _only_start(rule, start):
        # COUNT=1, or an UNTIL before the first date: DTSTART is the only session.
        return _one_off(start, end, language)
    if pattern is None:
        text = FALLBACK[language]
        if _keeps_start_time(rule, start):
            text += ", " + _recurring_times(start, end, None, language)
    else:
        text = (
            pattern.words(language)
            + ", "
            + _recurring_times(start, end, pattern.single_weekday, language)
        )
    return text + _bounds(rule, start, language)


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

    def words(self, language: str) -> str:
        return _WORDS[language](self)


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
        if any(position not in WEEKDAY_POSITIONS["en"] for position in positions):
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


# Pieces of a sentence.


def _clock(moment: datetime | time) -> str:
    return f"{moment.hour}:{moment.minute:02d}"


def _date(day: date, language: str, *, weekday: bool = False) -> str:
    month = MONTHS[language][day.month - 1]
    if language == "fr":
        number = "1er" if day.day == 1 else str(day.day)
        text = f"{number} {month} {day.year}"
    else:
        text = f"{day.day} {month} {day.year}"
    if weekday:
        text = f"{WEEKDAYS[language][day.weekday()]} {text}"
    return text


def _join(items: list[str], language: str) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {AND[language]} {items[-1]}"


def _one_off(start: datetime, end: datetime, language: str) -> str:
    intro = {"nl": "op ", "fr": "le ", "en": "on "}[language]
    text = intro + _date(start.date(), language, weekday=True) + ", " + _clock(start)
    if end <= start:
        return text
    if end.date() == start.date():
        return f"{text}–{_clock(end)}"
    return f"{text} – {_date(end.date(), language, weekday=True)}, {_clock(end)}"


def _recurring_times(
    start: datetime, end: datetime, single_weekday: int | None, language: str
) -> str:
    if end <= start:
        return _clock(start)
    days_later = (end.date() - start.date()).days
    if days_later == 0:
        return f"{_clock(start)}–{_clock(end)}"
    if single_weekday is not None and days_later < 7:
        # A Friday night session: the end names Saturday.
        end_weekday = WEEKDAYS[language][(single_weekday + days_later) % 7]
        return f"{_clock(start)} – {end_weekday} {_clock(end)}"
    if days_later == 1:
        later = {"nl": "de volgende dag", "fr": "le lendemain", "en": "the next day"}[language]
    else:
        later = {
            "nl": f"{days_later} dagen later",
            "fr": f"{days_later} jours plus tard",
            "en": f"{days_later} days later",
        }[language]
    return f"{_clock(start)} – {_clock(end)} {later}"


def _bounds(rule: rrule, start: datetime, language: str) -> str:
    text = ""
    until = rule._until
    if until is not None:
        # The last day a session can start on: UNTIL is inclusive of the start time.
        last_day = until.date() if until.time() >= start.time() else until.date() - timedelta(1)
        if last_day >= start.date():
            if language == "fr":
                text += ", jusqu'au " + _date(last_day, language)
            else:
                word = {"nl": "tot", "en": "until"}[language]
                text += f", {word} " + _date(last_day, language)
    if rule._count is not None:
        times = _session_count(rule, start)
        word = {"nl": "keer", "fr": "fois", "en": "times"}[language]
        text += f" ({times} {word})"
    return text


def _session_count(rule: rrule, start: datetime) -> int:
    """COUNT, plus DTSTART when the rule itself does not start on it (RFC 5545: DTSTART is
    always a session), and cut short by UNTIL if both are given."""
    count = rule._count
    if rule._until is not None and count <= 10_000:
        count = len(rule_dates(rule, end=rule._until))
    first = rule_dates(rule, end=search_end(start), limit=1)
    return count + (0 if first and first[0] == start else 1)


# Rule shapes in words, per language.


def _ordinal_day(day: int, language: str) -> str:
    if language == "nl":
        return f"{day}ste" if day in (1, 8) or day >= 20 else f"{day}de"
    if language == "fr":
        return "1er" if day == 1 else str(day)
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    return f"{day}" + {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _nl(pattern: _Pattern) -> str:
    days = [WEEKDAYS["nl"][day] for day in pattern.weekdays]
    interval = pattern.interval
    every = {"dag": "dagen", "week": "weken", "maand": "maanden"}

    def every_n(unit: str) -> str:
        count = "twee" if interval == 2 else str(interval)
        return f"om de {count} {every[unit]}"

    if pattern.kind == "daily":
        return "elke dag" if interval == 1 else every_n("dag")
    if pattern.kind == "weekly":
        if interval == 1:
            return "elke " + _join(days, "nl")
        return every_n("week") + " op " + _join(days, "nl")
    if pattern.kind == "nth_weekday":
        positions = [WEEKDAY_POSITIONS["nl"][p] for p in pattern.positions]
        what = _join(positions, "nl") + " " + _join(days, "nl")
        if interval == 1:
            return f"elke {what} van de maand"
        return every_n("maand") + f" op de {what}"
    if pattern.kind == "month_days":
        what = _join([f"de {_ordinal_day(day, 'nl')}" for day in pattern.month_days], "nl")
        return ("elke maand" if interval == 1 else every_n("maand")) + f" op {what}"
    # last_month_day
    if interval == 1:
        return "elke laatste dag van de maand"
    return every_n("maand") + " op de laatste dag"


def _fr_article(word: str) -> str:
    return f"l'{word}" if word[0] in "aeéiou" else f"le {word}"


def _fr(pattern: _Pattern) -> str:
    days = [WEEKDAYS["fr"][day] for day in pattern.weekdays]
    interval = pattern.interval
    other = {"jour": "un jour sur deux", "mois": "un mois sur deux"}

    def every_n(unit: str, plural: str) -> str:
        if interval == 2 and unit in other:
            return other[unit]
        count = "deux" if interval == 2 else str(interval)
        return f"tous les {count} {plural}" if unit != "semaine" else f"toutes les {count} {plural}"

    def month_suffix(text: str) -> str:
        return text if interval == 1 else f"{text}, {every_n('mois', 'mois')}"

    if pattern.kind == "daily":
        return "tous les jours" if interval == 1 else every_n("jour", "jours")
    if pattern.kind == "weekly":
        if interval == 1:
            return "chaque " + _join(days, "fr")
        if interval == 2 and len(days) == 1:
            return f"un {days[0]} sur deux"
        return every_n("semaine", "semaines") + ", " + _join([f"le {d}" for d in days], "fr")
    if pattern.kind == "nth_weekday":
        positions = [_fr_article(WEEKDAY_POSITIONS["fr"][p]) for p in pattern.positions]
        return month_suffix(_join(positions, "fr") + " " + _join(days, "fr") + " du mois")
    if pattern.kind == "month_days":
        what = _join([f"le {_ordinal_day(day, 'fr')}" for day in pattern.month_days], "fr")
        if interval == 1:
            return f"{what} de chaque mois"
        return month_suffix(what)
    # last_month_day
    return month_suffix("le dernier jour du mois")


def _en(pattern: _Pattern) -> str:
    days = [WEEKDAYS["en"][day] for day in pattern.weekdays]
    interval = pattern.interval

    def every_n(plural: str) -> str:
        return "every other " + plural[:-1] if interval == 2 else f"every {interval} {plural}"

    if pattern.kind == "daily":
        return "every day" if interval == 1 else every_n("days")
    if pattern.kind == "weekly":
        if interval == 1:
            return "every " + _join(days, "en")
        if interval == 2 and len(days) == 1:
            return f"every other {days[0]}"
        return every_n("weeks") + " on " + _join(days, "en")
    if pattern.kind == "nth_weekday":
        positions = [WEEKDAY_POSITIONS["en"][p] for p in pattern.positions]
        what = _join(positions, "en") + " " + _join(days, "en")
        if interval == 1:
            return f"every {what} of the month"
        return every_n("months") + f" on the {what}"
    if pattern.kind == "month_days":
        what = _join([_ordinal_day(day, "en") for day in pattern.month_days], "en")
        return ("every month" if interval == 1 else every_n("months")) + f" on the {what}"
    # last_month_day
    if interval == 1:
        return "every last day of the month"
    return every_n("months") + " on the last day"


_WORDS = {"nl": _nl, "fr": _fr, "en": _en}


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
