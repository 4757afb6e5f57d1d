"""UiT's calendar (calendarType single / multiple / periodic / permanent, subEvent,
openingHours) as a Buurtwijzer schedule: RFC 5545 in Europe/Brussels wall-clock time.

- single: its one date (its subEvent if it has one);
- multiple: the first subEvent is DTSTART, the others RDATEs; a subEvent whose status is
  Unavailable is a cancelled date (EXDATE), one TemporarilyUnavailable too (postponed: not
  on that date);
- periodic: opening hours are weekly rules from startDate until endDate;
- permanent: the same weekly rules without an end; without opening hours, no schedule.

Opening hours are local times ("19:00"): they are built on the Brussels wall clock, so a
weekly 19:00 stays 19:00 across daylight-saving changes. A schedule has one duration, so
one rule: the opening hours with the most days make the rule; other hours of a bounded
period become RDATEs up to its end, of a permanent offer RDATEs for this year and the next
(refreshed at the turn of the year: a stable set, so a sync writes no history that says
nothing).
"""

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from events.recurrence.rules import BRUSSELS
from events.services import ScheduleInput

from .texts import Unreadable

DAYS = {
    "monday": ("MO", 0),
    "tuesday": ("TU", 1),
    "wednesday": ("WE", 2),
    "thursday": ("TH", 3),
    "friday": ("FR", 4),
    "saturday": ("SA", 5),
    "sunday": ("SU", 6),
}
UNAVAILABLE = {"Unavailable", "TemporarilyUnavailable"}
DEFAULT_DURATION = timedelta(hours=2)
MAX_RDATES = 400
# A permanent offer without a start date: its weekly rule starts here, a fixed day, so
# that the schedule is the same at every sync.
PERMANENT_ANCHOR = date(2020, 1, 6)


def moment(value, what: str) -> datetime:
    """An ISO 8601 date-time of UiT as an aware instant; a time without an offset is
    Brussels time."""
    if not isinstance(value, str):
        raise Unreadable(f"its {what} is missing")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise Unreadable(f"its {what} is not a date") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=BRUSSELS)


def _span(item: dict, what: str) -> tuple[datetime, timedelta]:
    start = moment(item.get("startDate"), f"{what} start")
    end = moment(item["endDate"], f"{what} end") if item.get("endDate") else None
    duration = end - start if end is not None else DEFAULT_DURATION
    if duration <= timedelta(0):
        duration = DEFAULT_DURATION  # UiT allows an end equal to the start: "from 19:00"
    return start, duration


def _status(item: dict) -> str:
    status = item.get("status")
    return status.get("type", "") if isinstance(status, dict) else ""


def _clock(value, what: str) -> time:
    """ "19:00", "19:00:00", also "9:00" (older documents)."""
    try:
        hours, minutes, *seconds = str(value).split(":")
        return time(int(hours), int(minutes), int(seconds[0]) if seconds else 0)
    except (TypeError, ValueError):
        raise Unreadable(f"its opening hours have a {what} that is not a time") from None


def _hours(event: dict) -> list[tuple[time, time, list[str]]]:
    """The opening hours as (opens, closes, day codes), the days in week order."""
    hours = event.get("openingHours") or []
    if not isinstance(hours, list):
        raise Unreadable("its opening hours are not a list")
    grouped: dict[tuple[time, time], set[str]] = {}
    for item in hours:
        if not isinstance(item, dict):
            raise Unreadable("its opening hours are not a list")
        opens, closes = _clock(item.get("opens"), "start"), _clock(item.get("closes"), "end")
        days = item.get("dayOfWeek") or []
        if isinstance(days, str):
            days = [days]
        codes = set()
        for day in days:
            if not isinstance(day, str) or day.lower() not in DAYS:
                raise Unreadable("its opening hours name a day that is not a weekday")
            codes.add(day.lower())
        if codes:
            grouped.setdefault((opens, closes), set()).update(codes)
    return [
        (opens, closes, sorted(codes, key=lambda code: DAYS[code][1]))
        for (opens, closes), codes in grouped.items()
    ]


def _length(opens: time, closes: time) -> timedelta:
    length = datetime.combine(date.min, closes) - datetime.combine(date.min, opens)
    # Closing after midnight ("22:00"-"02:00"); equal times: open all day long is unusual.
    return length if length > timedelta(0) else length + timedelta(days=1)


def _first_day(start: date, days: list[str]) -> date:
    weekdays = {DAYS[code][1] for code in days}
    day = start
    while day.weekday() not in weekdays:
        day += timedelta(days=1)
    return day


def _weekly(event: dict, *, first: date, last: date | None, today: date) -> ScheduleInput | None:
    hours = _hours(event)
    if not hours:
        return None
    # The hours with the most days make the rule (a tie: the earliest opening).
    hours.sort(key=lambda group: (-len(group[2]), group[0]))
    opens, closes, days = hours[0]
    begin = _first_day(first, days)
    dtstart = datetime.combine(begin, opens, tzinfo=BRUSSELS)
    rule = "FREQ=WEEKLY;BYDAY=" + ",".join(DAYS[code][0] for code in days)
    if last is not None:
        until = datetime.combine(last, time(23, 59, 59), tzinfo=BRUSSELS).astimezone(UTC)
        rule += f";UNTIL={until:%Y%m%dT%H%M%SZ}"
    rdates: list[datetime] = []
    if len(hours) > 1:
        # Other hours: dates of their own. Bounded by the period, or this year and next.
        end = last or date(today.year + 1, 12, 31)
        start = first if last is not None else max(first, date(today.year, 1, 1))
        for other_opens, _closes, other_days in hours[1:]:
            weekdays = {DAYS[code][1] for code in other_days}
            day = start
            while day <= end and len(rdates) < MAX_RDATES:
                if day.weekday() in weekdays:
                    rdates.append(datetime.combine(day, other_opens, tzinfo=BRUSSELS))
                day += timedelta(days=1)
    return ScheduleInput(
        dtstart=dtstart, duration=_length(opens, closes), rrule=rule, rdates=sorted(rdates)
    )


def uit_schedule(event: dict, *, today: date) -> ScheduleInput | None:
    """The event's dates as a schedule (None: a permanent offer without opening hours).
    Raises Unreadable saying why not."""
    kind = event.get("calendarType")
    subevents = event.get("subEvent") or []
    if not isinstance(subevents, list) or not all(isinstance(s, dict) for s in subevents):
        raise Unreadable("its dates (subEvent) are not a list")
    if kind == "single":
        start, duration = _span(subevents[0] if subevents else event, "date")
        return ScheduleInput(dtstart=start, duration=duration)
    if kind == "multiple":
        if not subevents:
            raise Unreadable("it has several dates (multiple) but lists none")
        spans = [(_span(item, "date"), _status(item)) for item in subevents]
        spans.sort(key=lambda entry: entry[0][0])
        # One duration for the schedule: the most common one.
        duration = Counter(span[1] for span, _status_type in spans).most_common(1)[0][0]
        (first, _duration), _first_status = spans[0]
        return ScheduleInput(
            dtstart=first,
            duration=duration,
            rdates=[span[0] for span, _status_type in spans[1:]],
            exdates=[span[0] for span, status in spans if status in UNAVAILABLE],
        )
    if kind == "periodic":
        start = moment(event.get("startDate"), "start")
        end = moment(event.get("endDate"), "end")
        first, last = start.astimezone(BRUSSELS).date(), end.astimezone(BRUSSELS).date()
        if last < first:
            raise Unreadable("its period ends before it starts")
        weekly = _weekly(event, first=first, last=last, today=today)
        if weekly is not None:
            return weekly
        # A period without opening hours: every day of it, as one long session when short.
        if end - start <= timedelta(days=31):
            return ScheduleInput(dtstart=start, duration=end - start)
        return ScheduleInput(
            dtstart=start,
            duration=timedelta(days=1),
            rrule=f"FREQ=DAILY;UNTIL={end.astimezone(UTC):%Y%m%dT%H%M%SZ}",
        )
    if kind == "permanent":
        first = (
            moment(event["startDate"], "start").astimezone(BRUSSELS).date()
            if event.get("startDate")
            else PERMANENT_ANCHOR
        )
        return _weekly(event, first=first, last=None, today=today)
    raise Unreadable("its calendar type is not single, multiple, periodic or permanent")
