"""Calendar sync: an organisation's iCal feed in, activities and their occurrences out.

Idempotent: every imported activity carries the import key `ical:<feed id>:<UID>`, so a
second run changes nothing, a changed event updates its activity, a cancelled event
(STATUS:CANCELLED) or one gone from the feed cancels its activity (never deletes it: the
history stays), and activities made by hand (no import key) are never touched.

A feed that cannot be fetched or parsed changes nothing at all: an empty or broken
download must not look like "every event was deleted".
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import icalendar
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.fetch import FetchFailed, public_fetch
from core.language import content_languages, short_code
from events.history import one_change
from events.models import Activity, ActivityKind, CalendarFeed, Status
from events.recurrence.rules import BRUSSELS
from events.services import (
    ScheduleInput,
    activity_cancel,
    activity_create,
    activity_status_for,
    activity_sync,
)
from events.sync_result import SyncResult
from usertext.language import text_language

logger = logging.getLogger(__name__)
USER_AGENT = "Buurtwijzer calendar sync (+https://github.com/)"
DEFAULT_DURATION = timedelta(hours=1)


class FeedError(Exception):
    """The whole calendar failed (fetch, size, parse): nothing was changed."""


@dataclass(kw_only=True)
class FeedResult(SyncResult):
    feed: CalendarFeed

    @property
    def name(self) -> str:
        return self.feed.name


def calendar_fetch(
    url: str, *, max_bytes: int | None = None, timeout: float | None = None
) -> bytes:
    """Download a calendar within a size cap and one total deadline (core.fetch: the checked
    address, every redirect checked); raise FeedError saying why not."""
    try:
        fetched = public_fetch(
            url,
            headers={"User-Agent": USER_AGENT, "Accept": "text/calendar, */*;q=0.5"},
            max_bytes=max_bytes or settings.CALENDAR_SYNC_MAX_BYTES,
            deadline=timeout or settings.CALENDAR_SYNC_TIMEOUT,
        )
    except FetchFailed as failed:
        raise FeedError(failed.reason) from None
    if fetched.status >= 400:
        raise FeedError(f"the server answered HTTP {fetched.status}")
    if fetched.status >= 300:
        raise FeedError(f"the server answered HTTP {fetched.status} without a new address")
    return fetched.body


def calendar_parse(body: bytes) -> icalendar.Calendar:
    try:
        calendar = icalendar.Calendar.from_ical(body)
    except (ValueError, IndexError, KeyError, TypeError):
        # The parser's message quotes the offending line: remote content, which could be
        # anything (a token, a password). The stored error says what, not that.
        raise FeedError("this is not a valid iCalendar file (RFC 5545)") from None
    if calendar.name != "VCALENDAR":
        raise FeedError("this is not a valid iCalendar file (no VCALENDAR)")
    return calendar


class _Unreadable(ValueError):
    """Why one event cannot be read, in our words (what is stored and shown never quotes
    the feed: see calendar_parse)."""


def _why(error: Exception) -> str:
    return str(error) if isinstance(error, _Unreadable) else "it could not be read"


def _moment(value) -> datetime:
    """An iCal DATE or DATE-TIME as an aware instant; floating times are Brussels time."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=BRUSSELS)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=BRUSSELS)
    raise _Unreadable("its start is not a date")


def _dates(component, name: str) -> list[datetime]:
    found = []
    values = component.get(name)
    if values is None:
        return found
    for item in values if isinstance(values, list) else [values]:
        found.extend(_moment(entry.dt) for entry in item.dts)
    return found


@dataclass
class _Event:
    uid: str
    fields: dict
    schedule: ScheduleInput
    cancelled: bool


def _event(component, feed: CalendarFeed) -> _Event:
    uid = str(component.get("UID", "")).strip()
    if not uid:
        raise _Unreadable("it has no UID")
    if component.get("DTSTART") is None:
        raise _Unreadable("it has no start (DTSTART)")
    start = _moment(component.decoded("DTSTART"))
    if component.get("DTEND") is not None:
        duration = _moment(component.decoded("DTEND")) - start
    elif component.get("DURATION") is not None:
        duration = component.decoded("DURATION")
    elif not isinstance(component.decoded("DTSTART"), datetime):
        duration = timedelta(days=1)
    else:
        duration = DEFAULT_DURATION
    rrule = component.get("RRULE")
    rrule_text = rrule.to_ical().decode() if rrule is not None else ""
    title = str(component.get("SUMMARY", "")).strip()[:200] or uid[:200]
    description = str(component.get("DESCRIPTION", "")).strip()
    summary = (description.splitlines()[0] if description else title)[:300]
    return _Event(
        uid=uid,
        fields={
            "kind": feed.kind if rrule_text else ActivityKind.EVENT,
            "title": title,
            "summary": summary,
            "description": description,
            "text_language": _text_language(component, title, description),
        },
        schedule=ScheduleInput(
            dtstart=start,
            duration=duration,
            rrule=rrule_text,
            exdates=_dates(component, "EXDATE"),
            rdates=_dates(component, "RDATE"),
        ),
        cancelled=str(component.get("STATUS", "")).upper() == "CANCELLED",
    )


def _text_language(component, title: str, description: str) -> str:
    """The language the calendar says SUMMARY or DESCRIPTION is in (RFC 5545 LANGUAGE
    parameter, e.g. SUMMARY;LANGUAGE=fr-BE:…) when it is one of the site's; else a guess
    from the texts (a feed rarely says)."""
    for name in ("SUMMARY", "DESCRIPTION"):
        params = getattr(component.get(name), "params", None) or {}
        code = short_code(params.get("LANGUAGE"))
        if code in content_languages():
            return code
    return text_language(title, description)


def _unreadable_label(number: int, uid: str, feed: CalendarFeed) -> str:
    """An event that cannot be read, named by its place in the calendar and, if it synced
    before, by the title we published then. Never by today's title: an event that cannot be
    read is not published, so its text is remote content like any other."""
    label = f"event {number} of the calendar"
    known = (
        Activity.objects.filter(import_key=f"{feed.import_prefix}{uid}"[:300])
        .values_list("title", flat=True)
        .first()
        if uid
        else None
    )
    return f"{label} ({known[:80]})" if known else label


def _events(
    calendar: icalendar.Calendar, feed: CalendarFeed
) -> tuple[dict[str, _Event], list[str], set[str]]:
    """The feed's events by UID, with the changed or cancelled single dates (RECURRENCE-ID)
    folded into their series; the events that could not be read, with why; and their UIDs,
    so that an event that cannot be read today is not taken for one deleted."""
    events: dict[str, _Event] = {}
    errors: list[str] = []
    unreadable: set[str] = set()
    overrides = []
    for number, component in enumerate(calendar.walk("VEVENT"), start=1):
        if component.get("RECURRENCE-ID") is not None:
            overrides.append(component)
            continue
        try:
            event = _event(component, feed)
        except Exception as error:  # untrusted input: skip this one event, and say why
            uid = str(component.get("UID", "")).strip()
            errors.append(f"{_unreadable_label(number, uid, feed)}: {_why(error)}")
            unreadable.add(uid)
            continue
        events[event.uid] = event
    for component in overrides:
        series = events.get(str(component.get("UID", "")).strip())
        if series is None:
            continue
        try:
            original = _moment(component.decoded("RECURRENCE-ID"))
            series.schedule.exdates.append(original)
            if str(component.get("STATUS", "")).upper() != "CANCELLED":
                # A moved session: the original date goes, the new one comes.
                series.schedule.rdates.append(_moment(component.decoded("DTSTART")))
        except Exception as error:  # untrusted input: keep the series, say why
            errors.append(f"{series.fields['title'][:80]}: a changed date: {_why(error)}")
    return events, errors, unreadable


def feed_sync(feed: CalendarFeed, *, dry_run: bool = False) -> FeedResult:
    """Sync one feed. A feed-wide failure is returned in `error` and changes nothing."""
    result = FeedResult(feed=feed)
    try:
        calendar = calendar_parse(calendar_fetch(feed.url))
        events, result.event_errors, unreadable = _events(calendar, feed)
        with transaction.atomic():
            # One sync of a feed at a time (cron and Celery beat may overlap).
            CalendarFeed.objects.select_for_update().filter(pk=feed.pk).first()
            _apply(feed, events, result, unreadable=unreadable)
            if dry_run:
                transaction.set_rollback(True)
    except FeedError as error:
        result.error = str(error)
    if not dry_run:
        CalendarFeed.objects.filter(pk=feed.pk).update(
            last_synced_at=timezone.now(),
            last_error=result.error or "; ".join(result.event_errors),
        )
    return result


def _apply(
    feed: CalendarFeed, events: dict[str, _Event], result: FeedResult, *, unreadable: set[str]
) -> None:
    existing = {
        activity.import_key: activity
        for activity in Activity.objects.select_related("place", "organisation").filter(
            import_key__startswith=feed.import_prefix
        )
    }
    work_models = list(feed.work_models.values_list("code", flat=True))
    fresh_status = activity_status_for(
        organisation=feed.organisation, requested=None, by_moderator=False
    )
    for uid, event in events.items():
        key = f"{feed.import_prefix}{uid}"[:300]
        activity = existing.pop(key, None)
        try:
            # Each event on its own: one event the rules refuse must not stop the others.
            # One row in the history per event, also for one that arrives cancelled.
            with transaction.atomic(), one_change():
                if activity is None:
                    activity = activity_create(
                        organisation=feed.organisation,
                        place=feed.place,
                        work_models=work_models,
                        schedule=event.schedule,
                        status=fresh_status,
                        import_key=key,
                        **event.fields,
                    )
                    result.created += 1
                    if event.cancelled:
                        activity_cancel(activity=activity)
                    continue
                status = None
                if event.cancelled and activity.status != Status.CANCELLED:
                    status = Status.CANCELLED
                elif not event.cancelled and activity.status == Status.CANCELLED:
                    status = fresh_status  # back in the calendar: back on the site
                changed = activity_sync(
                    activity=activity,
                    fields=dict(event.fields),
                    schedule=event.schedule,
                    status=status,
                    note=feed.name,
                )
                if status == Status.CANCELLED:
                    result.cancelled += 1
                elif changed:
                    result.updated += 1
                else:
                    result.unchanged += 1
        except ValidationError as error:
            messages = (
                "; ".join(
                    f"{name}: {' '.join(errors)}" for name, errors in error.message_dict.items()
                )
                if hasattr(error, "message_dict")
                else " ".join(error.messages)
            )
            result.event_errors.append(f"{event.fields['title']}: {messages}"[:300])
    # Gone from the calendar: cancelled, with its history, never deleted. An event that is
    # still there but could not be read stays as it was.
    for key in [f"{feed.import_prefix}{uid}"[:300] for uid in unreadable]:
        existing.pop(key, None)
    for activity in existing.values():
        if activity.status == Status.CANCELLED:
            continue
        activity_sync(
            activity=activity,
            fields={},
            schedule=ScheduleInput(
                dtstart=activity.schedule.dtstart,
                duration=activity.schedule.duration,
                rrule=activity.schedule.rrule,
                exdates=list(activity.schedule.exdates),
                rdates=list(activity.schedule.rdates),
            ),
            status=Status.CANCELLED,
            note=feed.name,
        )
        result.cancelled += 1


def feeds_sync(*, organisation_id: int | None = None, dry_run: bool = False) -> list[FeedResult]:
    """Sync every active feed (of one organisation, if given). One failing calendar never
    stops the others."""
    feeds = CalendarFeed.objects.filter(active=True).select_related("organisation", "place")
    if organisation_id is not None:
        feeds = feeds.filter(organisation_id=organisation_id)
    results = []
    for feed in feeds:
        try:
            results.append(feed_sync(feed, dry_run=dry_run))
        except Exception as error:  # one calendar's surprise must not stop the others
            logger.exception("Calendar feed %s failed", feed.pk)
            # The exception's text may quote the feed: its kind only (the log has the rest).
            results.append(
                FeedResult(feed=feed, error=f"unexpected error ({type(error).__name__})")
            )
    return results
