"""The arguments and errors of send_digests and send_reminders."""

from datetime import date

from django.conf import settings
from django.core.management.base import CommandError


def week_argument(value: str | None, today: date) -> date:
    """--week: a day of the week (2026-12-07) or an ISO week (2026-W50); today if absent."""
    if not value:
        return today
    try:
        if "W" in value.upper():
            year, week = value.upper().split("-W")
            return date.fromisocalendar(int(year), int(week), 1)
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--week {value!r} is not a date (2026-12-07) or an ISO week (2026-W50)."
        ) from None


def day_argument(value: str | None, today: date) -> date:
    if not value:
        return today
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--day {value!r} is not a date such as 2026-12-07.") from None


def unreachable(error: Exception) -> str:
    return (
        f"The mail server {settings.EMAIL_HOST}:{settings.EMAIL_PORT} could not be reached "
        f"({error}). The batch that failed is not marked as sent: run the command again."
    )
