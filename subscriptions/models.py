"""Subscriptions without an account: a weekly digest for a neighbourhood or a point and
radius, or a reminder the day before one activity.

A row holds what issue 17 allows and nothing more: the address, the filter, the language,
the confirmation time, plus two things that are not personal: the secret that its links
carry and the last week (or day) it was sent for, which makes a rerun send nothing twice.
Unsubscribing deletes the row.
"""

from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SubscriptionKind(models.TextChoices):
    DIGEST = "digest", _("weekly digest")
    REMINDER = "reminder", _("reminder the day before")


class Subscription(models.Model):
    email = models.EmailField(_("e-mail address"), max_length=254, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=SubscriptionKind.choices)
    # The filter of a digest: a neighbourhood (or municipality), or a point and a radius;
    # optionally work models and a language spoken.
    area = models.ForeignKey(
        "buurt.Area",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    near = models.PointField(_("point"), srid=4326, null=True, blank=True)
    radius_m = models.PositiveIntegerField(_("distance (m)"), null=True, blank=True)
    work_models = ArrayField(
        models.CharField(max_length=20), verbose_name=_("work models"), default=list, blank=True
    )
    spoken_language = models.CharField(_("language spoken"), max_length=3, blank=True)
    # The filter of a reminder: one activity.
    activity = models.ForeignKey(
        "events.Activity",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The interface language the mails are written in (a code of settings.LANGUAGES).
    language = models.CharField(_("language"), max_length=7)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # The secret in the confirm, change and unsubscribe links (secrets.token_urlsafe).
    token = models.CharField(max_length=64, unique=True, editable=False)
    # The Monday of the last week a digest went out for, or the day of the last session a
    # reminder was sent for: a rerun the same week (or day) skips the row. Before
    # confirmation: the day of the confirmation mail (unconfirmed rows are deleted after
    # SUBSCRIPTION_UNCONFIRMED_DAYS).
    last_sent_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(
                name="subscription_digest_has_one_place",
                condition=~Q(kind=SubscriptionKind.DIGEST)
                | (
                    Q(activity__isnull=True)
                    & (
                        (Q(area__isnull=False) & Q(near__isnull=True) & Q(radius_m__isnull=True))
                        | (Q(area__isnull=True) & Q(near__isnull=False) & Q(radius_m__gt=0))
                    )
                ),
            ),
            models.CheckConstraint(
                name="subscription_reminder_has_activity_only",
                condition=~Q(kind=SubscriptionKind.REMINDER)
                | (
                    Q(activity__isnull=False)
                    & Q(area__isnull=True)
                    & Q(near__isnull=True)
                    & Q(radius_m__isnull=True)
                    & Q(work_models=[])
                    & Q(spoken_language="")
                ),
            ),
        ]
        indexes = [models.Index(fields=["kind", "confirmed_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None
