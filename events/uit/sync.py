"""UiT sync: each registered source's Search API query in, activities and occurrences out,
the way the calendar sync does it (events.calendars.sync).

Idempotent: every imported activity carries the import key `uit:<event id>` and the source
it came through. A second run changes nothing and records nothing; a changed event updates
its activity (one `synced` row in the history); an event that is cancelled or postponed, no
longer in UiT (deleted, rejected) or no longer matching the query cancels its activity,
never deletes it; activities made by hand (no import key) are never touched. An event that
no longer matches because its last date has passed simply ended: it stays as it was.

A source that cannot be read whole (unreachable, slow, refused, rate-limited too long, a
broken page, more events than UIT_MAX_EVENTS) changes nothing at all: one transaction per
source, written only after every page has been read. One event that cannot be read is
reported by its position and UiT id, never by its text, and skipped; the rest syncs.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from events.history import one_change
from events.languages import language_code_known
from events.models import Activity, ActivityTranslation, ChangeAction, Status, UitSource
from events.services import (
    activity_cancel,
    activity_create,
    activity_status_for,
    activity_sync,
    set_translations,
)
from events.sync_result import SyncResult

from .client import UitError, uit_events
from .mapping import UitEvent, in_uit, uit_event, uit_id
from .texts import Unreadable
from .venues import uit_place

logger = logging.getLogger(__name__)
KEY_PREFIX = "uit:"


@dataclass(kw_only=True)
class SourceResult(SyncResult):
    source: UitSource
    # Events another source imported first (an event has one activity, whoever found it).
    elsewhere: int = 0

    @property
    def name(self) -> str:
        return self.source.name

    def counts_extra(self) -> str:
        return f", {self.elsewhere} imported by another source" if self.elsewhere else ""


def uit_key(event_id: str) -> str:
    return f"{KEY_PREFIX}{event_id}"


def _label(position: int, event_id: str) -> str:
    """An event named by its place in the results and its UiT id (an id of letters, digits
    and dashes: uit_id), never by its text."""
    label = f"event {position} of the results"
    return f"{label} (UiT id {event_id})" if event_id else label


def _why(error: Exception) -> str:
    return str(error) if isinstance(error, Unreadable) else "it could not be read"


def _validation_text(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items())
    return " ".join(error.messages)


def source_sync(
    source: UitSource, *, dry_run: bool = False, today: date | None = None
) -> SourceResult:
    """Sync one source. A source-wide failure is returned in `error` and changes nothing."""
    result = SourceResult(source=source)
    today = today or timezone.localdate()
    try:
        items = uit_events(source.query)
        with transaction.atomic():
            # One sync of a source at a time (cron and Celery beat may overlap).
            UitSource.objects.select_for_update().filter(pk=source.pk).first()
            _apply(source, items, result, today=today)
            if dry_run:
                transaction.set_rollback(True)
    except UitError as error:
        result.error = str(error)
    if not dry_run:
        UitSource.objects.filter(pk=source.pk).update(
            last_synced_at=timezone.now(),
            last_error=result.error or "; ".join(result.event_errors),
        )
    return result


def _fresh_status(source: UitSource) -> str:
    if source.needs_moderation:
        return Status.PENDING
    return activity_status_for(organisation=source.organisation, requested=None, by_moderator=False)


def _apply(source: UitSource, items: list, result: SourceResult, *, today: date) -> None:
    existing = {
        activity.import_key: activity
        for activity in Activity.objects.select_related("place", "organisation").filter(
            uit_source=source
        )
    }
    seen: set[str] = set()
    work_models = list(source.work_models.values_list("code", flat=True))
    fresh_status = _fresh_status(source)
    for position, item in enumerate(items, start=1):
        event_id = uit_id(item)
        key = uit_key(event_id)
        if event_id and key in seen:
            continue  # the same event twice in the results: once is enough
        if isinstance(item, dict) and event_id and not in_uit(item):
            continue  # rejected or deleted in UiT: taken as gone (cancelled below)
        try:
            event = uit_event(item, source_audiences=list(source.audiences), today=today)
        except Exception as error:  # untrusted input: skip this one event, and say why
            result.event_errors.append(f"{_label(position, event_id)}: {_why(error)}")
            if event_id:
                seen.add(key)  # still there, only unreadable today: not taken for gone
            continue
        seen.add(key)
        activity = existing.get(key)
        if activity is None:
            owner = Activity.objects.filter(import_key=key).values_list("uit_source", flat=True)
            if owner:
                if owner[0] is not None:
                    result.elsewhere += 1
                    continue
                # Its source was removed: this source takes it over.
                Activity.objects.filter(import_key=key).update(uit_source=source)
                activity = Activity.objects.select_related("place", "organisation").get(
                    import_key=key
                )
        try:
            # Each event on its own: one event the rules refuse must not stop the others.
            # One row in the history per event, also for one that arrives cancelled.
            with transaction.atomic(), one_change():
                _one(source, event, item, activity, key, work_models, fresh_status, result)
        except (ValidationError, Unreadable) as error:
            why = _validation_text(error) if isinstance(error, ValidationError) else str(error)
            result.event_errors.append(f"{_label(position, event_id)}: {why}"[:300])
        except Exception as error:
            logger.exception("UiT event %s of source %s failed", event_id, source.pk)
            result.event_errors.append(
                f"{_label(position, event_id)}: unexpected error ({type(error).__name__})"
            )
    for key, activity in existing.items():
        if key in seen or activity.status == Status.CANCELLED:
            continue
        if _ended(activity):
            continue  # out of the results because it is over, not because it was called off
        activity_sync(
            activity=activity, fields={}, schedule=None, status=Status.CANCELLED, note=source.name
        )
        result.cancelled += 1


def _ended(activity: Activity) -> bool:
    """Whether every date of the activity lies in the past (an offer without dates never
    ends)."""
    if not hasattr(activity, "schedule"):
        return False
    return not activity.occurrences.filter(end__gte=timezone.now()).exists()


def _one(
    source: UitSource,
    event: UitEvent,
    item: dict,
    activity: Activity | None,
    key: str,
    work_models: list[str],
    fresh_status: str,
    result: SourceResult,
) -> None:
    place = uit_place(item=item, location=event.location, source=source)
    fields = dict(event.fields)
    if activity is None:
        created = activity_create(
            organisation=source.organisation,
            place=place,
            work_models=work_models,
            schedule=event.schedule,
            status=fresh_status,
            import_key=key,
            uit_source=source,
            **fields,
        )
        result.created += 1
        _translations_sync(created, event, source)
        if event.cancelled:
            activity_cancel(activity=created)
        return
    status = None
    if event.cancelled and activity.status != Status.CANCELLED:
        status = Status.CANCELLED
    elif not event.cancelled and activity.status == Status.CANCELLED:
        status = fresh_status  # back in UiT: back on the site
    fields["place"] = place
    changed = activity_sync(
        activity=activity,
        fields=fields,
        schedule=event.schedule,
        status=status,
        note=source.name,
        moderated=source.needs_moderation,
    )
    activity.refresh_from_db()
    changed = _translations_sync(activity, event, source) or changed
    if status == Status.CANCELLED:
        result.cancelled += 1
    elif changed:
        result.updated += 1
    else:
        result.unchanged += 1


def _translations_sync(activity: Activity, event: UitEvent, source: UitSource) -> bool:
    """UiT's other languages become the activity's translations (the language its texts are
    stored in is not one of them); whether any changed. Inside the event's one_change, so a
    new translation joins the sync's one history row."""
    wanted = {
        language: {"title": text["title"], "summary": text["summary"], "what_to_expect": ""}
        for language, text in event.texts.items()
        if language != activity.text_language and language_code_known(language)
    }

    def stored() -> set[tuple]:
        rows = ActivityTranslation.objects.filter(activity=activity)
        return set(rows.values_list("language", "title", "summary", "what_to_expect"))

    before = stored()
    set_translations(activity, wanted, action=ChangeAction.SYNCED, note=source.name)
    return stored() != before


def sources_sync(*, source_id: int | None = None, dry_run: bool = False) -> list[SourceResult]:
    """Sync every active source (or the one given, active or not). One failing source never
    stops the others."""
    sources = UitSource.objects.select_related("organisation", "place")
    sources = sources.filter(pk=source_id) if source_id is not None else sources.filter(active=True)
    results = []
    for source in sources:
        try:
            results.append(source_sync(source, dry_run=dry_run))
        except Exception as error:  # one source's surprise must not stop the others
            logger.exception("UiT source %s failed", source.pk)
            # The exception's text may quote UiT's answer: its kind only (the log has the rest).
            failed = SourceResult(source=source, error=f"unexpected error ({type(error).__name__})")
            if not dry_run:
                UitSource.objects.filter(pk=source.pk).update(
                    last_synced_at=timezone.now(), last_error=failed.error
                )
            results.append(failed)
    return results
