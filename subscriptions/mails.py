"""The messages a subscription sends, rendered in the subscriber's language: the one
confirmation mail, the weekly digest and the reminder the day before."""

from datetime import date, timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from events.models import Activity, Occurrence

from .channels import Message
from .models import Subscription, SubscriptionKind
from .queries import DigestWeek


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def subscription_links(subscription: Subscription) -> dict[str, str]:
    """The absolute links a message carries, in the subscriber's language (active)."""
    token = subscription.token
    return {
        "confirm_url": site_url(reverse("frontend:subscription-confirm", args=[token])),
        "unsubscribe_url": site_url(reverse("frontend:subscription-unsubscribe", args=[token])),
        "change_url": site_url(reverse("frontend:subscription-change", args=[token])),
        "home_url": site_url(reverse("frontend:home")),
        "privacy_url": site_url(reverse("frontend:privacy")),
    }


def activity_poster_url(activity: Activity) -> str | None:
    """The poster of the neighbourhood an activity is in (or the first it serves)."""
    area = activity.place.area if activity.place_id and activity.place.area_id else None
    if area is None:
        area = activity.service_areas.order_by("code").first()
    return site_url(reverse("frontend:poster", args=[area.code])) if area else None


def _session_rows(sessions: list[Occurrence]) -> list[dict]:
    posters: dict[int, str | None] = {}
    rows = []
    for session in sessions:
        activity = session.activity
        if activity.pk not in posters:
            posters[activity.pk] = activity_poster_url(activity)
        rows.append(
            {
                "session": session,
                "activity": activity,
                "url": site_url(reverse("frontend:activity", args=[activity.pk])),
                "poster_url": posters[activity.pk],
            }
        )
    return rows


def filter_in_words(subscription: Subscription) -> str:
    """What the subscription follows, in a short phrase of the active language."""
    if subscription.kind == SubscriptionKind.REMINDER:
        return subscription.activity.title
    if subscription.area_id:
        return subscription.area.name
    return gettext("the %(distance)s m around the point you chose") % {
        "distance": subscription.radius_m
    }


def _message(subscription: Subscription, template: str, subject: str, context: dict) -> Message:
    links = subscription_links(subscription)
    context = {
        **context,
        **links,
        "subscription": subscription,
        "followed": filter_in_words(subscription),
        "LANGUAGE_CODE": translation.get_language(),
    }
    return Message(
        to=subscription.email,
        subject=subject,
        text=render_to_string(f"subscriptions/mail/{template}.txt", context),
        html=render_to_string(f"subscriptions/mail/{template}.html", context),
        unsubscribe_url=links["unsubscribe_url"],
        change_url=links["change_url"],
        headers={"List-Id": f"Buurtwijzer {subscription.kind} <{subscription.kind}.buurtwijzer>"},
    )


def confirmation_message(subscription: Subscription) -> Message:
    with translation.override(subscription.language):
        return _message(
            subscription,
            "confirm",
            gettext("Buurtwijzer: please confirm your e-mail address"),
            {},
        )


def digest_message(subscription: Subscription, week: DigestWeek) -> Message:
    with translation.override(subscription.language):
        sunday = week.monday + timedelta(days=6)
        period = f"{date_format(week.monday, 'j F')} – {date_format(sunday, 'j F Y')}"
        return _message(
            subscription,
            "digest",
            gettext("Buurtwijzer: what is on this week (%(period)s)") % {"period": period},
            {"rows": _session_rows(week.sessions), "more": week.more, "period": period},
        )


def reminder_message(subscription: Subscription, day: date, sessions: list[Occurrence]) -> Message:
    with translation.override(subscription.language):
        activity = subscription.activity
        if all(session.cancelled for session in sessions):
            subject = gettext("Cancelled tomorrow: %(title)s") % {"title": activity.title}
        else:
            subject = gettext("Tomorrow: %(title)s") % {"title": activity.title}
        return _message(
            subscription,
            "reminder",
            subject,
            {"rows": _session_rows(sessions), "day": day, "activity": activity},
        )
