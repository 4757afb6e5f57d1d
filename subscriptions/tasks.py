"""Celery tasks: the weekly digest (Monday 07:00) and the daily reminders (09:00), calling the
same services as the management commands that cron runs (send_digests, send_reminders)."""

from celery import shared_task
from django.utils import timezone

from .services import digests_send, reminders_send, subscriptions_unconfirmed_purge


@shared_task(name="subscriptions.tasks.send_digests")
def send_digests() -> str:
    return f"Digests: {digests_send(week=timezone.localdate())}"


@shared_task(name="subscriptions.tasks.send_reminders")
def send_reminders() -> str:
    today = timezone.localdate()
    report = reminders_send(day=today)
    purged = subscriptions_unconfirmed_purge(today=today)
    return f"Reminders: {report}; unconfirmed subscriptions deleted: {purged}"
