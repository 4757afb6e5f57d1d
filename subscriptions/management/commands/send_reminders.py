"""Remind subscribers of tomorrow's sessions (Celery beat runs it daily at 09:00; without
Celery, cron: see README), and delete subscriptions left unconfirmed. A rerun the same day
sends nothing twice."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from subscriptions.services import (
    DELIVERY_ERRORS,
    reminders_send,
    subscriptions_unconfirmed_purge,
)

from ._dates import day_argument, unreachable


class Command(BaseCommand):
    help = "Send the reminders for sessions on the day after --day."

    def add_arguments(self, parser):
        parser.add_argument(
            "--day",
            help="The day the reminders are sent (YYYY-MM-DD), for the sessions of the next "
            "day; default: today.",
        )
        parser.add_argument("--batch-size", type=int, default=None)

    def handle(self, *args, day=None, batch_size=None, **options):
        sending_day = day_argument(day, timezone.localdate())
        if batch_size is not None and batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        try:
            report = reminders_send(day=sending_day, batch_size=batch_size)
        except DELIVERY_ERRORS as error:
            raise CommandError(unreachable(error)) from error
        session_day = sending_day + timedelta(days=1)
        self.stdout.write(f"Reminders for the sessions of {session_day:%Y-%m-%d}: {report}.")
        purged = subscriptions_unconfirmed_purge(today=sending_day)
        self.stdout.write(f"Unconfirmed subscriptions deleted: {purged}.")
        if report.failed:
            raise CommandError(
                f"{report.failed} mail(s) could not be sent (see the log); the next run "
                "sends them, and nothing twice."
            )
