"""Celery tasks: thin wrappers over the management commands, so that cron and Celery beat
run exactly the same code."""

from io import StringIO

from celery import shared_task
from django.core.management import call_command
from django.core.management.base import CommandError


@shared_task(name="events.tasks.sync_calendars")
def sync_calendars() -> str:
    out = StringIO()
    try:
        call_command("sync_calendars", stdout=out)
    except CommandError as error:
        # Per-calendar errors are stored on the feeds too; the task reports, never retries
        # in a loop (the next hourly run tries again).
        return f"{out.getvalue()}{error}"
    return out.getvalue()


@shared_task(name="events.tasks.materialise_occurrences")
def materialise_occurrences() -> str:
    out = StringIO()
    call_command("materialise_occurrences", stdout=out)
    return out.getvalue()
