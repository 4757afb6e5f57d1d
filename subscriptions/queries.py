"""Reads for subscriptions: what a subscriber's filter finds in a week, and which rows are
due for a digest or a reminder."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from events.models import Occurrence, Status
from events.queries import ActivityFilters, occurrences_board
from events.queries.visible import day_start

from .models import Subscription, SubscriptionKind

# A digest lists at most this many sessions (and says how many more there are): the mail
# must stay under 30 KB on a cheap phone's data plan.
DIGEST_MAX_SESSIONS = 40


def week_start(day: date) -> date:
    """The Monday of the week `day` lies in."""
    return day - timedelta(days=day.weekday())


def subscription_filters(subscription: Subscription) -> ActivityFilters:
    """The activity search that a digest subscription stands for (the home list's filters)."""
    filters = {
        "area": subscription.area,
        "near": subscription.near,
        "work_models": tuple(subscription.work_models),
        "language": subscription.spoken_language or None,
    }
    if subscription.radius_m:
        filters["radius_m"] = subscription.radius_m
    return ActivityFilters(**filters)


@dataclass(frozen=True)
class DigestWeek:
    monday: date
    sessions: list[Occurrence]
    more: int  # sessions of the week left out of the mail (DIGEST_MAX_SESSIONS)


def digest_week(subscription: Subscription, monday: date) -> DigestWeek:
    """The sessions from Monday to Sunday of published activities that the subscription's
    filter finds, cancelled ones included (they are marked in the mail), by start."""
    occurrences = occurrences_board(
        user=AnonymousUser(),
        filters=subscription_filters(subscription),
        date_from=monday,
        date_to=monday + timedelta(days=6),
    ).order_by("start", "activity__title", "id")
    total = occurrences.count()
    sessions = list(occurrences[:DIGEST_MAX_SESSIONS]) if total else []
    return DigestWeek(monday=monday, sessions=sessions, more=max(0, total - len(sessions)))


def reminder_sessions(subscription: Subscription, day: date) -> list[Occurrence]:
    """The sessions on `day` of the reminder's activity, while it is published; cancelled
    ones included, so that nobody comes for nothing."""
    return list(
        Occurrence.objects.filter(
            activity_id=subscription.activity_id,
            activity__status=Status.PUBLISHED,
            start__gte=day_start(day),
            start__lt=day_start(day + timedelta(days=1)),
        )
        .select_related("activity", "activity__place", "activity__place__area")
        .order_by("start")
    )


def _not_sent_for(day: date) -> Q:
    return Q(last_sent_for__isnull=True) | Q(last_sent_for__lt=day)


def digests_due(monday: date) -> QuerySet[Subscription]:
    """Confirmed digest subscriptions that have had no digest for this week yet."""
    return Subscription.objects.filter(
        _not_sent_for(monday), kind=SubscriptionKind.DIGEST, confirmed_at__isnull=False
    ).order_by("pk")


def reminders_due(session_day: date) -> QuerySet[Subscription]:
    """Confirmed reminders whose activity has a session on `session_day` and that were not
    sent for that day yet."""
    return (
        Subscription.objects.filter(
            _not_sent_for(session_day),
            kind=SubscriptionKind.REMINDER,
            confirmed_at__isnull=False,
            activity__status=Status.PUBLISHED,
            activity__occurrences__start__gte=day_start(session_day),
            activity__occurrences__start__lt=day_start(session_day + timedelta(days=1)),
        )
        .distinct()
        .order_by("pk")
    )


def subscription_by_token(token: str) -> Subscription | None:
    """The subscription a link's secret stands for, or None (unknown, or unsubscribed)."""
    return Subscription.objects.select_related("area", "activity").filter(token=token).first()
