"""The rules of subscriptions without an account: what is stored, double opt-in, the abuse
limits per address and per network, idempotent batches, and a failed send retried."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.gis.geos import Point
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from events.recurrence.rules import BRUSSELS
from subscriptions.channels import Message
from subscriptions.models import Subscription, SubscriptionKind
from subscriptions.services import (
    DigestFilter,
    SignUpRefused,
    digests_send,
    subscription_change,
    subscription_confirm,
    subscription_sign_up,
    subscription_unsubscribe,
)

from .conftest import MONDAY

pytestmark = pytest.mark.django_db


def digest_for(area, **kwargs) -> DigestFilter:
    return DigestFilter(area=area, **kwargs)


def confirmed(email, area, **kwargs) -> Subscription:
    subscription = subscription_sign_up(
        email=email, language="nl-be", digest=digest_for(area), **kwargs
    )
    return subscription_confirm(token=subscription.token)


def test_a_row_holds_the_address_filter_language_and_confirmation_only(offer):
    fields = {field.name for field in Subscription._meta.concrete_fields}
    assert fields == {
        "id",
        "email",
        "kind",
        "area",
        "near",
        "radius_m",
        "work_models",
        "spoken_language",
        "activity",
        "language",
        "confirmed_at",
        "token",
        "last_sent_for",
    }


def test_sign_up_sends_one_confirmation_and_nothing_else_until_confirmed(offer):
    subscription = subscription_sign_up(
        email="rita@example.org",
        language="nl-be",
        digest=digest_for(offer["west"], work_models=("community",)),
    )
    assert len(mail.outbox) == 1
    assert subscription.confirmed_at is None
    assert subscription.work_models == ["community"]
    with time_machine.travel(MONDAY, tick=False):
        assert digests_send(week=MONDAY.date()).sent == 0
    assert len(mail.outbox) == 1
    subscription_confirm(token=subscription.token)
    with time_machine.travel(MONDAY, tick=False):
        assert digests_send(week=MONDAY.date()).sent == 1


def test_signing_up_again_when_confirmed_sends_nothing(offer):
    confirmed("rita@example.org", offer["west"])
    again = subscription_sign_up(
        email="RITA@example.org", language="nl-be", digest=digest_for(offer["west"])
    )
    assert len(mail.outbox) == 1
    assert Subscription.objects.count() == 1 and again.confirmed


def test_at_most_three_confirmation_mails_per_address_per_day(offer):
    for _attempt in range(3):
        subscription_sign_up(
            email="target@example.org", language="nl-be", digest=digest_for(offer["west"])
        )
    assert len(mail.outbox) == 3
    assert Subscription.objects.count() == 1  # the same filter again: the same row
    with pytest.raises(SignUpRefused, match="naar dit adres"):
        subscription_sign_up(
            email="Target@Example.org", language="nl-be", digest=digest_for(offer["east"])
        )
    assert len(mail.outbox) == 3
    assert Subscription.objects.count() == 1  # nothing half-written
    # Another address is not held back, and the next day the address may try again.
    subscription_sign_up(
        email="other@example.org", language="nl-be", digest=digest_for(offer["west"])
    )
    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        subscription_sign_up(
            email="target@example.org", language="nl-be", digest=digest_for(offer["east"])
        )
    assert len(mail.outbox) == 5


@override_settings(SUBSCRIPTION_SIGNUPS_PER_IP_PER_HOUR=4)
def test_per_network_limit(offer):
    for number in range(4):
        subscription_sign_up(
            email=f"person{number}@example.org",
            language="nl-be",
            digest=digest_for(offer["west"]),
            client_ip="198.51.100.7",
        )
    with pytest.raises(SignUpRefused, match="jouw netwerk"):
        subscription_sign_up(
            email="person9@example.org",
            language="nl-be",
            digest=digest_for(offer["west"]),
            client_ip="198.51.100.7",
        )
    subscription_sign_up(
        email="person9@example.org",
        language="nl-be",
        digest=digest_for(offer["west"]),
        client_ip="198.51.100.8",
    )
    with time_machine.travel(timezone.now() + timedelta(hours=1), tick=False):
        subscription_sign_up(
            email="person10@example.org",
            language="nl-be",
            digest=digest_for(offer["west"]),
            client_ip="198.51.100.7",
        )
    assert len(mail.outbox) == 6


def test_a_filter_is_a_neighbourhood_or_a_point_and_radius(offer):
    with pytest.raises(ValidationError):
        DigestFilter()
    with pytest.raises(ValidationError):
        DigestFilter(area=offer["west"], near=Point(3.7, 51.0, srid=4326), radius_m=500)
    with pytest.raises(ValidationError):
        DigestFilter(near=Point(3.7, 51.0, srid=4326))
    with pytest.raises(ValidationError):
        subscription_sign_up(email="a@example.org", language="nl-be")


def test_the_database_refuses_a_digest_without_a_place(offer):
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(
            email="a@example.org", kind=SubscriptionKind.DIGEST, language="nl-be", token="t1"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(
            email="a@example.org",
            kind=SubscriptionKind.REMINDER,
            activity=offer["weekly"],
            area=offer["west"],
            language="nl-be",
            token="t2",
        )


def test_unsubscribe_deletes_the_row(offer):
    subscription = confirmed("rita@example.org", offer["west"])
    assert subscription_unsubscribe(token=subscription.token)
    assert not Subscription.objects.exists()
    assert not subscription_unsubscribe(token=subscription.token)


def test_change_the_filter_and_language(offer):
    subscription = confirmed("rita@example.org", offer["west"])
    subscription_change(
        subscription=subscription,
        language="fr",
        digest=DigestFilter(near=Point(3.725, 51.005, srid=4326), radius_m=1000),
    )
    subscription.refresh_from_db()
    assert subscription.area is None and subscription.radius_m == 1000
    assert subscription.language == "fr"


def test_a_language_spoken_narrows_the_digest(offer):
    offer["weekly"].languages = ["ar"]
    offer["weekly"].save(update_fields=["languages"])
    subscription = subscription_sign_up(
        email="amina@example.org",
        language="nl-be",
        digest=digest_for(offer["west"], spoken_language="ar"),
    )
    subscription_confirm(token=subscription.token)
    mail.outbox.clear()
    with time_machine.travel(MONDAY, tick=False):
        assert digests_send(week=MONDAY.date()).sent == 1
    (digest,) = mail.outbox
    assert "Praatcafé Nederlands" in digest.body
    assert "Repair café" not in digest.body


def test_batches_each_row_once_and_a_rerun_sends_nothing(offer):
    for number in range(5):
        confirmed(f"person{number}@example.org", offer["west"])
    mail.outbox.clear()
    with time_machine.travel(MONDAY, tick=False):
        report = digests_send(week=MONDAY.date(), batch_size=2)
        assert (report.sent, report.failed) == (5, 0)
        assert digests_send(week=MONDAY.date() + timedelta(days=3), batch_size=2).sent == 0
    assert sorted(message.to[0] for message in mail.outbox) == [
        f"person{number}@example.org" for number in range(5)
    ]
    assert set(Subscription.objects.values_list("last_sent_for", flat=True)) == {MONDAY.date()}
    # The next week is a new week.
    with time_machine.travel(MONDAY + timedelta(days=7), tick=False):
        assert digests_send(week=MONDAY.date() + timedelta(days=7)).sent == 5


class FlakyChannel:
    """A channel whose first delivery fails, to show a failed row is sent on the rerun."""

    def __init__(self):
        self.sent: list[Message] = []
        self.failures = 1

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def send(self, message: Message) -> None:
        if self.failures:
            self.failures -= 1
            raise OSError("connection refused")
        self.sent.append(message)


def test_a_failed_send_is_tried_again_on_the_rerun(offer):
    first = confirmed("first@example.org", offer["west"])
    confirmed("second@example.org", offer["west"])
    channel = FlakyChannel()
    with time_machine.travel(MONDAY, tick=False):
        report = digests_send(week=MONDAY.date(), channel=channel)
        assert (report.sent, report.failed) == (1, 1)
        first.refresh_from_db()
        assert first.last_sent_for is None
        assert digests_send(week=MONDAY.date(), channel=channel).sent == 1
    assert [message.to for message in channel.sent] == ["second@example.org", "first@example.org"]


def test_a_session_added_later_in_an_empty_week_is_sent_on_a_rerun(offer):
    subscription = confirmed("jan@example.org", offer["east"])
    monday = datetime(2026, 12, 14, 7, 0, tzinfo=BRUSSELS)
    with time_machine.travel(monday, tick=False):
        report = digests_send(week=monday.date())
        assert (report.sent, report.empty) == (0, 1)
        subscription.refresh_from_db()
        assert subscription.last_sent_for is None


def test_commands_refuse_bad_dates_with_a_sentence(db):
    with pytest.raises(CommandError, match="--week 'next' is not a date"):
        call_command("send_digests", "--week", "next", stdout=StringIO())
    with pytest.raises(CommandError, match="--week '2026-W60'"):
        call_command("send_digests", "--week", "2026-W60", stdout=StringIO())
    with pytest.raises(CommandError, match="--day '2026-13-01' is not a date"):
        call_command("send_reminders", "--day", "2026-13-01", stdout=StringIO())
    with pytest.raises(CommandError, match="--batch-size"):
        call_command("send_digests", "--batch-size", "0", stdout=StringIO())


def test_beat_runs_digests_on_monday_at_seven_and_reminders_daily_at_nine():
    from config.celery import app

    schedule = app.conf.beat_schedule
    digests = schedule["send-digests-monday"]
    assert digests["task"] == "subscriptions.tasks.send_digests"
    assert digests["schedule"].day_of_week == {1}
    assert (digests["schedule"].hour, digests["schedule"].minute) == ({7}, {0})
    reminders = schedule["send-reminders-daily"]
    assert (reminders["schedule"].hour, reminders["schedule"].minute) == ({9}, {0})
    assert len(reminders["schedule"].day_of_week) == 7
    assert app.conf.timezone == "Europe/Brussels"


def test_unconfirmed_subscriptions_are_deleted_after_a_week(offer):
    old = subscription_sign_up(
        email="typo@example.org", language="nl-be", digest=digest_for(offer["west"])
    )
    kept = confirmed("rita@example.org", offer["west"])
    assert kept.last_sent_for is None  # confirming starts with nothing sent
    with time_machine.travel(timezone.now() + timedelta(days=6), tick=False):
        recent = subscription_sign_up(
            email="late@example.org", language="nl-be", digest=digest_for(offer["west"])
        )
    with time_machine.travel(timezone.now() + timedelta(days=8), tick=False):
        out = StringIO()
        call_command("send_reminders", stdout=out)
    assert "Unconfirmed subscriptions deleted: 1." in out.getvalue()
    assert set(Subscription.objects.values_list("pk", flat=True)) == {kept.pk, recent.pk}
    assert not Subscription.objects.filter(pk=old.pk).exists()
