"""An activity as a schema.org `Event` for search engines and calendar apps (JSON-LD).

Privacy: for a place of `area` precision only the area's name is written: no street
address, no coordinates (not even the area's point), no name of the venue.
"""

from datetime import datetime

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY

from .models import Activity, CostKind, Occurrence, Status
from .recurrence.rules import BRUSSELS, local_naive, parse_rrule

SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PERIODS = {DAILY: "D", WEEKLY: "W", MONTHLY: "M", YEARLY: "Y"}


def _iso(moment: datetime) -> str:
    """Brussels time with its offset, as the API writes timestamps."""
    return moment.astimezone(BRUSSELS).isoformat()


def _location(activity: Activity) -> dict:
    place = activity.place
    if place is None:
        areas = [area.name for area in activity.service_areas.all()]
        return {"@type": "Place", "name": ", ".join(areas) or activity.organisation.name}
    if place.shows_area_only:
        return {
            "@type": "Place",
            "name": place.area.name,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": place.area.name,
                "addressCountry": "BE",
            },
        }
    location = {"@type": "Place", "name": place.name}
    if place.address:
        location["address"] = place.address
    location["geo"] = {
        "@type": "GeoCoordinates",
        "latitude": round(place.public_location.y, 6),
        "longitude": round(place.public_location.x, 6),
    }
    return location


def _schedule(activity: Activity, cancelled: list[Occurrence], in_words: str) -> dict:
    schedule = activity.schedule
    rule = parse_rrule(schedule.rrule, dtstart=schedule.dtstart)
    start = local_naive(schedule.dtstart)
    end = start + schedule.duration
    result = {
        "@type": "Schedule",
        "description": in_words,
        "scheduleTimezone": "Europe/Brussels",
        "startDate": start.date().isoformat(),
        "startTime": start.time().isoformat(),
        "endTime": end.time().isoformat(),
        "repeatFrequency": f"P{rule._interval}{PERIODS[rule._freq]}",
    }
    days = [SCHEMA_DAYS[day] for day in rule._byweekday or ()]
    # Positions in the month (1TH, -1SA): schema.org's byMonthWeek counts 1-5 from the
    # start only, so a "last Saturday" keeps its weekday and is described in words.
    nth = rule._bynweekday or ()
    positions = sorted({position for _, position in nth})
    days += [SCHEMA_DAYS[day] for day, _ in nth if SCHEMA_DAYS[day] not in days]
    if days and rule._freq != DAILY:
        result["byDay"] = [f"https://schema.org/{day}" for day in days]
    if positions and all(1 <= position <= 5 for position in positions):
        result["byMonthWeek"] = positions
    if rule._freq == MONTHLY and rule._bymonthday and not days:
        result["byMonthDay"] = sorted(rule._bymonthday)
    if rule._until is not None:
        result["endDate"] = rule._until.date().isoformat()
    if rule._count is not None:
        result["repeatCount"] = rule._count
    if cancelled:
        result["exceptDate"] = [_iso(occurrence.start) for occurrence in cancelled]
    return result


def activity_event(
    activity: Activity, *, url: str, upcoming: list[Occurrence], schedule_in_words: str = ""
) -> dict:
    """The schema.org `Event` of an activity; `upcoming` are its next dated sessions,
    cancelled ones included."""
    event = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": activity.title,
        "description": activity.summary,
        "url": url,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventCancelled"
        if activity.status == Status.CANCELLED
        else "https://schema.org/EventScheduled",
        "location": _location(activity),
        "organizer": {"@type": "Organization", "name": activity.organisation.name},
    }
    # What the poster did not say is left out, never filled in with a default.
    if activity.cost in (CostKind.FREE, CostKind.PAID):
        event["isAccessibleForFree"] = activity.cost == CostKind.FREE
        price = "0" if activity.cost == CostKind.FREE else activity.cost_amount
        if price is not None:
            event["offers"] = {
                "@type": "Offer",
                "price": str(price),
                "priceCurrency": "EUR",
                "url": url,
            }
    if activity.organisation.website:
        event["organizer"]["url"] = activity.organisation.website
    if activity.languages:
        event["inLanguage"] = list(activity.languages)
    if activity.host_name:
        event["organizer"]["member"] = {"@type": "Person", "name": activity.host_name}
    sessions = [occurrence for occurrence in upcoming if not occurrence.cancelled]
    schedule = getattr(activity, "schedule", None)
    first = sessions[0] if sessions else None
    if first is not None:
        event["startDate"] = _iso(first.start)
        event["endDate"] = _iso(first.end)
    elif schedule is not None:
        event["startDate"] = _iso(schedule.dtstart)
        event["endDate"] = _iso(schedule.dtstart + schedule.duration)
    if schedule is not None and schedule.rrule:
        cancelled = [occurrence for occurrence in upcoming if occurrence.cancelled]
        event["eventSchedule"] = _schedule(activity, cancelled, schedule_in_words)
    return event
