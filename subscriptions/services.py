"""Writes for subscriptions without an account: sign up (double opt-in), confirm, change
the filter, unsubscribe (the row is deleted), and the sending of digests and reminders."""

import hashlib
import logging
import secrets
import smtplib
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from buurt.models import Area
from events.models import Activity, Status

from .channels import Channel, default_channel
from .mails import confirmation_message, digest_message, reminder_message
from .models import Subscription, SubscriptionKind
from .queries import digest_week, digests_due, reminder_sessions, reminders_due, week_start

logger = logging.getLogger(__name__)


class SignUpRefused(Exception):
    """Too many sign-ups from one address or one network: nothing was sent."""


class MailNotSent(Exception):
    """The mail server did not take the confirmation mail: nothing was stored."""


# What Django's SMTP backend raises when the server is down, refuses or times out.
DELIVERY_ERRORS = (OSError, smtplib.SMTPException)


@dataclass(frozen=True)
class DigestFilter:
    """What a weekly digest follows: a neighbourhood, or a point and a radius in metres;
    optionally work-model codes and a language spoken (ISO 639-1)."""

    area: Area | None = None
    near: Point | None = None
    radius_m: int | None = None
    work_models: tuple[str, ...] = field(default_factory=tuple)
    spoken_language: str = ""

    def __post_init__(self):
        if (self.area is None) == (self.near is None):
            raise ValidationError({"area": _("Choose a neighbourhood or a point on the map.")})
        if self.near is not None and not (self.radius_m and self.radius_m > 0):
            raise ValidationError({"radius": _("Choose a distance.")})

    def fields(self) -> dict:
        return {
            "area": self.area,
            "near": self.near,
            "radius_m": self.radius_m if self.near is not None else None,
            "work_models": sorted(self.work_models),
            "spoken_language": self.spoken_language,
        }


# --- Abuse limits ------------------------------------------------------------------------
# Counted in the cache (Redis in production), never in the database: a hash of the address
# and the client's network address, forgotten after a day or an hour.


def _address_key(email: str, day: date) -> str:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return f"subscriptions:mails:{digest}:{day.isoformat()}"


def _ip_key(ip: str, now) -> str:
    digest = hashlib.sha256(ip.encode()).hexdigest()
    return f"subscriptions:ip:{digest}:{now:%Y-%m-%dT%H}"


def _count(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        return 1


def _peek(key: str) -> int:
    return cache.get(key, 0)


def _limits_check(*, email: str, client_ip: str | None) -> None:
    now = timezone.localtime()
    per_ip = settings.SUBSCRIPTION_SIGNUPS_PER_IP_PER_HOUR
    if client_ip is not None and _count(_ip_key(client_ip, now), 60 * 60) > per_ip:
        raise SignUpRefused(
            _("Too many sign-ups came from your network in the last hour. Try again later.")
        )
    if _peek(_address_key(email, now.date())) >= settings.SUBSCRIPTION_MAILS_PER_ADDRESS_PER_DAY:
        raise SignUpRefused(
            _("Too many confirmation mails went to this address today. Try again tomorrow.")
        )


def _confirmation_send(subscription: Subscription, channel: Channel | None) -> None:
    _count(_address_key(subscription.email, timezone.localdate()), 60 * 60 * 24)
    # An unconfirmed row's "last sent" day is the day of its confirmation mail: after
    # SUBSCRIPTION_UNCONFIRMED_DAYS without confirmation, the row is deleted.
    subscription.last_sent_for = timezone.localdate()
    subscription.save(update_fields=["last_sent_for"])
    try:
        with channel or default_channel() as open_channel:
            open_channel.send(confirmation_message(subscription))
    except DELIVERY_ERRORS as error:
        logger.warning("Confirmation mail not sent: %s", error)
        raise MailNotSent(
            _("The confirmation mail could not be sent just now. Try again in a few minutes.")
        ) from error


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def subscription_sign_up(
    *,
    email: str,
    language: str,
    digest: DigestFilter | None = None,
    activity: Activity | None = None,
    client_ip: str | None = None,
    channel: Channel | None = None,
) -> Subscription:
    """Store a new, unconfirmed subscription (a digest, or a reminder for one published
    activity) and send its one confirmation mail. Signing up again for the same thing sends
    the confirmation again while it is unconfirmed, and nothing once it is confirmed.
    Raises SignUpRefused past the limits per address and per network (nothing is sent), and
    MailNotSent when the mail server does not take the mail (nothing is stored)."""
    email = email.strip()
    if (digest is None) == (activity is None):
        raise ValidationError({"activity": _("Choose a weekly digest or a reminder.")})
    if activity is not None and activity.status != Status.PUBLISHED:
        raise ValidationError({"activity": _("This activity is not published.")})
    if digest is not None:
        wanted = {"kind": SubscriptionKind.DIGEST, **digest.fields(), "activity": None}
    else:
        wanted = {
            "kind": SubscriptionKind.REMINDER,
            "activity": activity,
            "area": None,
            "near": None,
            "radius_m": None,
            "work_models": [],
            "spoken_language": "",
        }
    same = Subscription.objects.filter(email__iexact=email, **_lookup(wanted)).first()
    if same is not None and same.confirmed:
        return same  # already receiving it: no second mail, and no sign that it exists
    _limits_check(email=email, client_ip=client_ip)
    if same is None:
        same = Subscription.objects.create(
            email=email, language=language, token=_new_token(), **wanted
        )
    elif same.language != language:
        same.language = language
        same.save(update_fields=["language"])
    _confirmation_send(same, channel)
    return same


def _lookup(wanted: dict) -> dict:
    lookup = dict(wanted)
    near = lookup.pop("near")
    if near is None:
        lookup["near__isnull"] = True
    else:
        lookup["near__equals"] = near
    for name in ("area", "activity"):
        if lookup[name] is None:
            lookup[f"{name}__isnull"] = True
            del lookup[name]
    return lookup


def subscription_confirm(*, token: str) -> Subscription:
    """Follow the link of the confirmation mail: from now on the subscription is sent.
    Raises Subscription.DoesNotExist for an unknown (or unsubscribed) token."""
    subscription = Subscription.objects.get(token=token)
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.last_sent_for = None  # no digest or reminder sent yet
        subscription.save(update_fields=["confirmed_at", "last_sent_for"])
    return subscription


def subscriptions_unconfirmed_purge(*, today: date) -> int:
    """Delete the subscriptions whose confirmation mail went out more than
    SUBSCRIPTION_UNCONFIRMED_DAYS before `today` and that were never confirmed: an address
    someone typed without its owner's consent is not kept. Returns how many."""
    before = today - timedelta(days=settings.SUBSCRIPTION_UNCONFIRMED_DAYS)
    deleted, _rows = Subscription.objects.filter(
        Q(last_sent_for__lt=before) | Q(last_sent_for__isnull=True), confirmed_at__isnull=True
    ).delete()
    return deleted


def subscription_unsubscribe(*, token: str) -> bool:
    """Delete the subscription of this token; True when there was one."""
    deleted, _rows = Subscription.objects.filter(token=token).delete()
    return bool(deleted)


def subscription_change(
    *, subscription: Subscription, language: str, digest: DigestFilter | None = None
) -> Subscription:
    """Change the language of the mails and, for a digest, what it follows."""
    update = ["language"]
    subscription.language = language
    if digest is not None:
        if subscription.kind != SubscriptionKind.DIGEST:
            raise ValidationError({"area": _("A reminder follows one activity only.")})
        for name, value in digest.fields().items():
            setattr(subscription, name, value)
        update += list(digest.fields())
    subscription.save(update_fields=update)
    return subscription


# --- Sending -------------------------------------------------------------------------------


@dataclass
class SendReport:
    sent: int = 0
    empty: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.empty} with nothing to send, {self.failed} failed"


def _claim(subscription: Subscription, day: date) -> bool:
    """Mark the row as sent for `day` unless it already is (another run got it first)."""
    return bool(
        Subscription.objects.filter(
            Q(last_sent_for__isnull=True) | Q(last_sent_for__lt=day), pk=subscription.pk
        ).update(last_sent_for=day)
    )


def _unclaim(subscription: Subscription, day: date) -> None:
    Subscription.objects.filter(pk=subscription.pk, last_sent_for=day).update(
        last_sent_for=subscription.last_sent_for
    )


def _send_batches(rows, *, day: date, build, channel: Channel | None, batch_size: int):
    """Send what `build(subscription)` returns (None: nothing to send) to each row, one
    channel connection per batch. Each row is claimed before it is sent, so a rerun, or a
    second run at the same time, sends nothing twice; a failed send is unclaimed again."""
    report = SendReport()
    after = 0
    while True:
        batch = list(rows.filter(pk__gt=after).select_related("area", "activity")[:batch_size])
        if not batch:
            return report
        after = batch[-1].pk
        with channel or default_channel() as open_channel:
            for subscription in batch:
                message = build(subscription)
                if message is None:
                    report.empty += 1
                    continue
                if not _claim(subscription, day):
                    continue
                try:
                    open_channel.send(message)
                except Exception:
                    logger.exception("Subscription %s: sending failed", subscription.pk)
                    _unclaim(subscription, day)
                    report.failed += 1
                else:
                    report.sent += 1


def digests_send(
    *, week: date, channel: Channel | None = None, batch_size: int | None = None
) -> SendReport:
    """Send the digest of the week that `week` lies in to every confirmed digest
    subscription that has not had it; a week without sessions for a filter sends nothing."""
    monday = week_start(week)

    def build(subscription):
        found = digest_week(subscription, monday)
        return digest_message(subscription, found) if found.sessions else None

    return _send_batches(
        digests_due(monday),
        day=monday,
        build=build,
        channel=channel,
        batch_size=batch_size or settings.SUBSCRIPTION_BATCH_SIZE,
    )


def reminders_send(
    *, day: date, channel: Channel | None = None, batch_size: int | None = None
) -> SendReport:
    """On `day`, remind every confirmed reminder subscription whose activity has a session
    the next day (cancelled ones included: the mail says so)."""
    session_day = day + timedelta(days=1)

    def build(subscription):
        sessions = reminder_sessions(subscription, session_day)
        return reminder_message(subscription, session_day, sessions) if sessions else None

    return _send_batches(
        reminders_due(session_day),
        day=session_day,
        build=build,
        channel=channel,
        batch_size=batch_size or settings.SUBSCRIPTION_BATCH_SIZE,
    )


__all__ = [
    "DELIVERY_ERRORS",
    "DigestFilter",
    "MailNotSent",
    "SendReport",
    "SignUpRefused",
    "digests_send",
    "reminders_send",
    "subscription_change",
    "subscription_confirm",
    "subscription_sign_up",
    "subscription_unsubscribe",
    "subscriptions_unconfirmed_purge",
]
