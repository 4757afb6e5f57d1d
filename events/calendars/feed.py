"""RFC 5545 export: activities with a schedule as a VCALENDAR of recurring VEVENTs.

Times are written as Europe/Brussels wall-clock with a TZID, the way
`events.recurrence.rules` expands them, so that calendar clients and our materialised
occurrences agree on every date, also across daylight-saving changes.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vRecur

from events.models import Activity, CostKind, Schedule, Status
from events.recurrence.rules import BRUSSELS, local_naive
from places.models import Place

PRODID = "-//Buurtwijzer//NL"
TZID = "Europe/Brussels"
# The VTIMEZONE lists each transition until this many years after the latest date we
# know of; rules without an end are expanded by clients from the TZID as well.
TIMEZONE_YEARS_AHEAD = 20


def activities_calendar(
    activities: Iterable[Activity], *, name: str, url_for: Callable[[Activity], str]
) -> bytes:
    """One VEVENT per activity that has a schedule, in a calendar called `name`.

    Reads only what the caller loaded: pass activities with
    `select_related("schedule", "place", "place__area", "organisation")` and
    `prefetch_related("work_models", "service_areas")` to build it in a fixed number of
    queries. Area-precision places show only their area's name, never address or point.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    stamp = datetime.now(UTC).replace(microsecond=0)
    today = timezone.localdate()
    events, earliest, latest = [], today, today
    for activity in activities:
        schedule = _schedule(activity)
        if schedule is None:
            continue
        events.append(_event(activity, schedule, stamp=stamp, url=url_for(activity)))
        dated = [schedule.dtstart, *schedule.exdates, *schedule.rdates]
        earliest = min(earliest, *(local_naive(moment).date() for moment in dated))
        latest = max(latest, *(local_naive(moment).date() for moment in dated))
    # Always present, also in an empty feed: a VCALENDAR needs at least one component.
    calendar.add_component(
        Timezone.from_tzid(
            TZID,
            first_date=date(earliest.year, 1, 1),
            last_date=date(latest.year + TIMEZONE_YEARS_AHEAD, 1, 1),
        )
    )
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def _schedule(activity: Activity) -> Schedule | None:
    try:
        return activity.schedule
    except ObjectDoesNotExist:
        return None


def _wall_clock(moment: datetime) -> datetime:
    """Brussels local time, carrying the zone so that icalendar writes TZID=Europe/Brussels."""
    return local_naive(moment).replace(tzinfo=BRUSSELS)


def _event(activity: Activity, schedule: Schedule, *, stamp: datetime, url: str) -> Event:
    event = Event()
    event.add("uid", f"activity-{activity.id}@buurtwijzer")
    event.add("dtstamp", stamp)
    event.add("last-modified", activity.updated_at.astimezone(UTC).replace(microsecond=0))
    event.add("dtstart", _wall_clock(schedule.dtstart))
    event.add("duration", schedule.duration)
    if schedule.rrule:
        event.add("rrule", _recur(schedule.rrule))
    if schedule.exdates:
        event.add("exdate", [_wall_clock(moment) for moment in schedule.exdates])
    if schedule.rdates:
        event.add("rdate", [_wall_clock(moment) for moment in schedule.rdates])
    event.add("summary", activity.title)
    event.add("description", _description(activity))
    event.add("url", url)
    codes = [model.code for model in activity.work_models.all()]
    if codes:
        event.add("categories", codes)
    event.add("status", "CANCELLED" if activity.status == Status.CANCELLED else "CONFIRMED")
    location = _location(activity)
    if location:
        event.add("location", location)
    place = activity.place
    if place is not None and not place.shows_area_only:
        event.add("geo", (place.public_location.y, place.public_location.x))
    return event


def _recur(text: str) -> vRecur:
    """The stored rule as a vRecur, with UNTIL made the UTC instant our expansion uses.

    Rules are stored with UNTIL in UTC (`recurrence.canonical_rrule`), as RFC 5545 wants
    when DTSTART has a TZID; a floating or date UNTIL is read as Brussels time.
    """
    recur = vRecur.from_ical(text.strip().removeprefix("RRULE:"))
    if "UNTIL" in recur:
        until = recur["UNTIL"][0]
        if not isinstance(until, datetime):
            until = datetime.combine(until, time(23, 59, 59))
        if until.tzinfo is None:  # stored before rules were kept with UTC UNTIL
            until = until.replace(tzinfo=BRUSSELS)
        recur["UNTIL"] = [until.astimezone(UTC)]
    return recur


def _location(activity: Activity) -> str:
    place: Place | None = activity.place
    if place is None:
        return ", ".join(area.name for area in activity.service_areas.all())
    if not place.shows_area_only:
        return ", ".join(part for part in (place.name, place.address) if part)
    # Area precision: the area stands in for the place; its name, address and point
    # must not leave the server.
    return place.area.name if place.area is not None else ""


def _description(activity: Activity) -> str:
    parts = [activity.summary, activity.what_to_expect]
    if activity.host_name:
        parts.append(_("Host: %(name)s") % {"name": activity.host_name})
    parts.append(_cost(activity))
    contact = [c for c in (activity.contact_phone, activity.contact_email) if c]
    if contact:
        parts.append(_("Contact: %(contact)s") % {"contact": ", ".join(contact)})
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def _cost(activity: Activity) -> str:
    if activity.cost == CostKind.UNKNOWN:
        return ""  # the organisers did not say: a calendar must not guess "paid"
    if activity.cost == CostKind.FREE:
        return _("Free")
    if activity.cost_amount is None:
        return _("Paid")
    text = _("Cost: €%(amount)s") % {"amount": number_format(activity.cost_amount, 2)}
    if activity.social_tariff:
        text += f" ({activity.social_tariff})"
    return text
