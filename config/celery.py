"""Celery for deployments with a worker: the periodic calendar and UiT syncs, the daily
roll-forward of occurrences, the subscribers' weekly digest and daily reminders (without
Celery, cron runs the same commands; see README). Times are Europe/Brussels (CELERY_TIMEZONE)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("buurtwijzer")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "sync-calendars-hourly": {
        "task": "events.tasks.sync_calendars",
        "schedule": crontab(minute=17),
    },
    "sync-uit-hourly": {
        "task": "events.tasks.sync_uit",
        "schedule": crontab(minute=37),
    },
    "materialise-occurrences-daily": {
        "task": "events.tasks.materialise_occurrences",
        "schedule": crontab(hour=3, minute=7),
    },
    "send-digests-monday": {
        "task": "subscriptions.tasks.send_digests",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
    "send-reminders-daily": {
        "task": "subscriptions.tasks.send_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
}
