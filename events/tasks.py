"""Celery tasks: the periodic jobs, calling the same service functions as the management
commands that cron runs (`sync_calendars`, `sync_uit`, `materialise_occurrences`)."""

from celery import shared_task

from events.calendars.sync import feeds_sync
from events.services import occurrences_materialise
from events.uit.sync import sources_sync


@shared_task(name="events.tasks.sync_calendars")
def sync_calendars() -> str:
    """Sync every active calendar feed; returns one line per calendar and a count."""
    # Per-calendar errors are stored on the feeds too; the task reports, never raises or
    # retries in a loop (the next hourly run tries again).
    results = feeds_sync()
    failed = sum(result.failed for result in results)
    lines = [str(result) for result in results]
    lines.append(f"{len(results)} calendar(s) synced, {failed} with errors.")
    return "\n".join(lines)


@shared_task(name="events.tasks.sync_uit")
def sync_uit() -> str:
    """Sync every active UiT source; returns one line per source and a count."""
    # As sync_calendars: errors are stored on the sources, the next hourly run tries again.
    results = sources_sync()
    failed = sum(result.failed for result in results)
    lines = [str(result) for result in results]
    lines.append(f"{len(results)} UiT source(s) synced, {failed} with errors.")
    return "\n".join(lines)


@shared_task(name="events.tasks.materialise_occurrences")
def materialise_occurrences() -> str:
    """Roll the dated occurrences forward to the horizon (OCCURRENCE_HORIZON_DAYS)."""
    return f"Occurrences: {occurrences_materialise()}"
