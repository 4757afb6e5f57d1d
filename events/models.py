"""What happens: activities, the work models they follow, their schedules and dated
occurrences."""

from datetime import timedelta

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.checks import ChecksInOneQuery
from core.language import content_language
from usertext.fields import UserCharField, UserTextField

# The vocabularies live in choices.py and are re-exported here, beside the models they describe.
from .choices import (
    TEXT_LANGUAGES,
    ActivityKind,
    Audience,
    ChangeAction,
    CostKind,
    Status,
)

# The words the activity search looks in, and the stemmers it reads them with
# (events/queries/search.py). The GIN index below is built on that very expression: a search
# reads the index instead of making every activity's vector (14 s at 100,000 activities).
SEARCH_FIELDS = ("title", "summary", "description", "what_to_expect")
SEARCH_CONFIGS = ("dutch", "french", "english")


def search_vector(fields: tuple[str, ...], configs: tuple[str, ...]) -> SearchVector:
    vectors = [SearchVector(*fields, config=config) for config in configs]
    return sum(vectors[1:], vectors[0])


class WorkModel(models.Model):
    """One of the seven fixed work models of the research; created by a data migration."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text=_("Display order only; the product never ranks work models.")
    )
    name_nl = models.CharField(max_length=100)
    name_fr = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    # The plain label residents read first ("Iets bijleren"); the name is the research's.
    label_nl = models.CharField(max_length=60, default="")
    label_fr = models.CharField(max_length=60, default="")
    label_en = models.CharField(max_length=60, default="")
    description_nl = models.CharField(max_length=300)
    description_fr = models.CharField(max_length=300)
    description_en = models.CharField(max_length=300)

    class Meta:
        verbose_name = _("work model")
        verbose_name_plural = _("work models")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name

    def _in_language(self, field: str, language: str | None = None) -> str:
        # Dutch where the text is empty, or where a language added to the site has no column
        # here yet (a migration adds name_xx, label_xx and description_xx).
        return getattr(self, f"{field}_{content_language(language)}", "") or getattr(
            self, f"{field}_nl"
        )

    @property
    def name(self) -> str:
        return self._in_language("name")

    @property
    def label(self) -> str:
        """The plain label in the page's language (the research name where none is set)."""
        return self._in_language("label") or self.name

    @property
    def description(self) -> str:
        return self._in_language("description")


class Activity(ChecksInOneQuery, models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = UserCharField(_("title"), max_length=200)
    summary = UserCharField(_("summary in plain language"), max_length=300)
    description = UserTextField(_("description"), blank=True)
    what_to_expect = UserTextField(_("what to expect"), blank=True)
    # The language the organisation wrote title, summary and texts in, as it said (pages
    # mark those texts with it: lang="nl" on a French page). Dutch unless said otherwise.
    # Also a database default: raw inserts (bench.generate's COPY, imports in SQL) get Dutch.
    text_language = models.CharField(
        _("language of the texts"),
        max_length=5,
        choices=TEXT_LANGUAGES,
        default="nl",
        db_default="nl",
    )
    work_models = models.ManyToManyField(
        WorkModel, verbose_name=_("work models"), related_name="activities"
    )
    audiences = ArrayField(
        models.CharField(max_length=20, choices=Audience.choices),
        verbose_name=_("audiences"),
        default=list,
        blank=True,
    )
    languages = ArrayField(
        models.CharField(max_length=3),
        verbose_name=_("languages spoken"),
        default=list,
        blank=True,
        help_text=_("ISO 639-1 codes, for example nl, fr, ar (ber for Tamazight)."),
    )
    # None: the poster did not say (an unknown is never shown as a fact).
    basic_dutch_ok = models.BooleanField(_("basic Dutch is fine"), null=True, blank=True)
    cost = models.CharField(
        _("cost"), max_length=10, choices=CostKind.choices, default=CostKind.UNKNOWN
    )
    cost_amount = models.DecimalField(
        _("amount (EUR)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    social_tariff = UserCharField(
        _("social tariff"),
        max_length=200,
        blank=True,
        help_text=_("For example: UiTPAS kansentarief €0,60."),
    )
    registration_required = models.BooleanField(_("registration needed"), null=True, blank=True)
    registration_how = UserCharField(_("how to register"), max_length=300, blank=True)
    host_name = UserCharField(
        _("host"), max_length=100, blank=True, help_text=_("Who welcomes people: a first name.")
    )
    contact_phone = UserCharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    service_areas = models.ManyToManyField(
        "buurt.Area",
        verbose_name=_("areas served"),
        blank=True,
        related_name="activities",
        help_text=_("For programmes without a venue, such as a buddy scheme."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    cancel_reason = UserCharField(
        _("reason for cancelling"),
        max_length=300,
        blank=True,
        help_text=_("Shown to residents on the public page."),
    )
    # The status to go back to when a cancellation is undone.
    status_before_cancel = models.CharField(max_length=20, choices=Status.choices, blank=True)
    import_key = models.CharField(
        max_length=300, null=True, blank=True, unique=True, editable=False
    )
    # The UiT source an imported UiT event came through (its import key is `uit:<event id>`):
    # what "no longer matches this source's query" is counted against.
    uit_source = models.ForeignKey(
        "events.UitSource",
        verbose_name=_("UiT source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        editable=False,
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_amount__isnull=True) | Q(cost_amount__gte=0),
                name="activity_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(cost=CostKind.FREE) | Q(cost_amount__isnull=True),
                name="activity_free_has_no_amount",
            ),
            models.CheckConstraint(
                condition=Q(cost=CostKind.PAID) | Q(cost_amount__isnull=True),
                name="activity_only_paid_has_amount",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="activity_title_not_empty"),
        ]
        indexes = [
            models.Index(fields=["status", "organisation"]),
            GinIndex(search_vector(SEARCH_FIELDS, SEARCH_CONFIGS), name="activity_search_idx"),
            # The published activities' ids alone: a filter's count (a work model, an area)
            # joins them to a small id set by an index-only scan instead of reading every
            # row of the table (the home page's count by work model: 68 ms -> 24 ms).
            models.Index(
                fields=["id"], name="activity_published_ids", condition=Q(status=Status.PUBLISHED)
            ),
        ]

    def __str__(self) -> str:
        return self.title


# The details of an activity that its poster fills in and the public reads, beyond what,
# where and when: one list, in the order the workspace form asks them, that the services,
# the workspace form and view and the demo loader all take. A new public detail is added
# here (and to the model above).
ACTIVITY_DETAILS = (
    "text_language",
    "description",
    "what_to_expect",
    "host_name",
    "audiences",
    "languages",
    "basic_dutch_ok",
    "cost",
    "cost_amount",
    "social_tariff",
    "registration_required",
    "registration_how",
    "contact_phone",
    "contact_email",
)


class Schedule(models.Model):
    """When an activity happens, as RFC 5545 recurrence in Europe/Brussels wall-clock time.

    `dtstart` is stored as an instant; the rule is expanded on its local wall-clock time so
    that a weekly 19:00 stays 19:00 across daylight-saving changes.
    """

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="schedule")
    dtstart = models.DateTimeField(_("first start"))
    duration = models.DurationField(_("duration"))
    rrule = models.CharField(_("recurrence rule (RFC 5545)"), max_length=500, blank=True)
    exdates = ArrayField(
        models.DateTimeField(), verbose_name=_("cancelled dates"), default=list, blank=True
    )
    rdates = ArrayField(
        models.DateTimeField(), verbose_name=_("extra dates"), default=list, blank=True
    )
    timezone = models.CharField(max_length=40, default="Europe/Brussels", editable=False)

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration__gt=timedelta(0)), name="schedule_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dtstart:%Y-%m-%d %H:%M} {self.rrule}".strip()


class Occurrence(models.Model):
    """One dated session, materialised ahead from the schedule so that "what is on near me
    this week" is one indexed query."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    cancel_reason = UserCharField(_("reason for cancelling"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "start"], name="occurrence_unique_start"),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="occurrence_end_after_start"
            ),
        ]
        indexes = [models.Index(fields=["start"])]

    def __str__(self) -> str:
        return f"{self.activity} {self.start:%Y-%m-%d %H:%M}"


class ActivityChange(models.Model):
    """One recorded change of an activity: who, when, what changed, and the activity as it
    stood afterwards (the snapshot lets coverage be computed for an earlier date)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("what"), max_length=20, choices=ChangeAction.choices)
    # {field: [before, after]}; empty for actions that only move the status.
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)
    snapshot = models.JSONField(default=dict, editable=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["activity", "at"]), models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class CalendarFeed(models.Model):
    """An organisation's iCal calendar whose events become activities (see
    events.calendars.sync). Imported activities carry the import key `ical:<feed>:<UID>`, so
    hand-made activities are never touched by a sync."""

    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    name = UserCharField(_("name"), max_length=200)
    url = models.URLField(_("calendar address (iCal)"), max_length=1000)
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("place of its events"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    work_models = models.ManyToManyField(
        WorkModel, verbose_name=_("work models of its events"), related_name="+"
    )
    kind = models.CharField(
        _("kind of its events"),
        max_length=20,
        choices=ActivityKind.choices,
        default=ActivityKind.RECURRING,
        help_text=_("One-off events in the calendar become one-off events whatever this says."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_synced_at = models.DateTimeField(_("last synchronised"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "url"], name="calendarfeed_unique_url")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def import_prefix(self) -> str:
        return f"ical:{self.pk}:"


class ActivityTranslation(models.Model):
    """The title, summary and "what to expect" of an activity in one more language than the
    one its texts are written in (Activity.text_language), for residents who read Arabic,
    Tigrinya, Turkish… better than Dutch.

    A row per (activity, language), not django-modeltranslation's or django-parler's fields:
    both fix the languages to settings.LANGUAGES (the interface's nl, fr and en), while the
    languages residents read are open-ended, as open as the `languages` spoken. Written only
    through events.services.set_translations (validation, moderation, one history row)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="translations")
    # A code of the `languages` vocabulary (events.languages.language_code_known), lower case.
    language = models.CharField(_("language"), max_length=3)
    title = UserCharField(_("title"), max_length=200)
    summary = UserCharField(_("summary in plain language"), max_length=300)
    what_to_expect = UserTextField(_("what to expect"), blank=True)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["activity", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "language"], name="activitytranslation_unique_language"
            ),
            models.CheckConstraint(
                condition=~Q(title="") & ~Q(summary=""), name="activitytranslation_texts_given"
            ),
            models.CheckConstraint(
                condition=Q(language__regex=r"^[a-z]{2,3}$"),
                name="activitytranslation_language_lower_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} [{self.language}] {self.title}"


class UitSource(models.Model):
    """An organisation's query on UiTdatabank (publiq's Search API v3) whose events become
    activities (see events.uit.sync and docs/uit.md). Imported activities carry the import
    key `uit:<event id>`, so hand-made activities are never touched by a sync."""

    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="uit_sources",
    )
    name = UserCharField(_("name"), max_length=200)
    query = models.CharField(
        _("UiT search query"),
        max_length=1000,
        help_text=_("A Search API v3 query, for example regions:nis-44021 AND labels:buurtwerk."),
    )
    work_models = models.ManyToManyField(
        WorkModel, verbose_name=_("work models of its events"), related_name="+"
    )
    audiences = ArrayField(
        models.CharField(max_length=20, choices=Audience.choices),
        verbose_name=_("audiences of its events"),
        default=list,
        blank=True,
    )
    needs_moderation = models.BooleanField(_("a moderator checks its events first"), default=False)
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("place for events without coordinates"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_synced_at = models.DateTimeField(_("last synchronised"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("UiT source")
        verbose_name_plural = _("UiT sources")
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "query"], name="uitsource_unique_query")
        ]

    def __str__(self) -> str:
        return self.name


# The kept coverage figures live with the coverage code; imported here so that Django sees
# them as models of this app.
from .coverage.tables import (  # noqa: E402, F401
    CoverageActivity,
    CoverageCell,
    CoverageDays,
    CoverageDirty,
    CoverageFigure,
    CoverageFigureDay,
    CoverageOffer,
    CoveragePoint,
    CoverageReach,
    CoverageSupply,
)
