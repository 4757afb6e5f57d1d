"""Send this week's digest to every confirmed subscriber (Celery beat runs it on Monday at
07:00; without Celery, cron: see README). A rerun the same week sends nothing twice."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from subscriptions.queries import week_start
from subscriptions.services import DELIVERY_ERRORS, digests_send

from ._dates import unreachable, week_argument


class Command(BaseCommand):
    help = "Send the weekly digests of subscriptions (sessions Monday to Sunday)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--week",
            help="A day of the week to send (YYYY-MM-DD) or an ISO week (YYYY-Www); "
            "default: this week.",
        )
        parser.add_argument("--batch-size", type=int, default=None)

    def handle(self, *args, week=None, batch_size=None, **options):
        day = week_argument(week, timezone.localdate())
        if batch_size is not None and batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        try:
            report = digests_send(week=day, batch_size=batch_size)
        except DELIVERY_ERRORS as error:
            raise CommandError(unreachable(error)) from error
        self.stdout.write(f"Digests for the week of {week_start(day):%Y-%m-%d}: {report}.")
        if report.failed:
            raise CommandError(
                f"{report.failed} mail(s) could not be sent (see the log); the next run "
                "sends them, and nothing twice."
            )
