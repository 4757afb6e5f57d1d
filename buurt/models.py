"""The territory: areas at four levels and the indicator values measured on them."""

from django.contrib.gis.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    # Ordered from coarse to fine; FINEST_FIRST relies on this order.
    MUNICIPALITY = "municipality", _("municipality")
    DISTRICT = "district", _("district")
    NEIGHBOURHOOD = "neighbourhood", _("neighbourhood")
    SECTOR = "sector", _("statistical sector")


FINEST_FIRST = list(reversed(AreaKind.values))


class Area(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices)
    code = models.CharField(_("official code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    geometry = models.MultiPolygonField(_("boundary"), srid=4326)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="area_unique_code_per_kind"),
            models.CheckConstraint(condition=~Q(code=""), name="area_code_not_empty"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="area_not_own_parent"),
        ]
        indexes = [models.Index(fields=["parent"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class OpenDataSource(models.Model):
    """A published data set that was loaded (boundaries, civic points), with the exact
    attribution its licence asks for; the site's footer lists those that are loaded."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    label = models.CharField(
        _("label"), max_length=120, help_text=_('For example "OpenStreetMap (2015)".')
    )
    attribution = models.TextField(_("attribution"))
    licence = models.CharField(_("licence"), max_length=120)
    url = models.URLField(_("address"), blank=True)
    loaded_at = models.DateTimeField(_("loaded at"))

    class Meta:
        verbose_name = _("open data source")
        verbose_name_plural = _("open data sources")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.label


class Indicator(models.TextChoices):
    POPULATION = "population", _("population")
    HOUSEHOLDS = "households", _("households")
    SHARE_RENTERS = "share_renters", _("share of renters")
    SHARE_MIGRATION_BACKGROUND = "share_migration_background", _("share with migration background")
    SHARE_NO_HIGHER_EDUCATION = "share_no_higher_education", _("share without higher education")
    SHARE_LOW_INCOME = "share_low_income", _("share with a low income")
    MEDIAN_INCOME = "median_income", _("median income (EUR)")
    MEDIAN_SALE_PRICE = "median_sale_price", _("median sale price of a home (EUR)")


SHARE_INDICATORS = [code for code in Indicator.values if code.startswith("share_")]


class IndicatorValue(models.Model):
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.CharField(_("indicator"), max_length=40, choices=Indicator.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["area", "indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "indicator", "year"], name="indicator_value_unique_per_year"
            ),
            models.CheckConstraint(
                condition=~Q(indicator__in=SHARE_INDICATORS) | Q(value__gte=0, value__lte=1),
                name="indicator_share_is_fraction",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="indicator_value_not_negative"),
            models.CheckConstraint(
                condition=Q(year__gte=1800, year__lte=2200), name="indicator_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area.code} {self.indicator} {self.year}: {self.value}"


class SensitivityType(models.TextChoices):
    # The gentrification types of Bates (2013), adapted; see docs/sensitivity.md.
    SUSCEPTIBLE = "susceptible", _("susceptible")
    EARLY_TYPE_1 = "early_type_1", _("early: type 1")
    EARLY_TYPE_2 = "early_type_2", _("early: type 2")
    DYNAMIC = "dynamic", _("dynamic")
    LATE = "late", _("late")
    CONTINUED_LOSS = "continued_loss", _("continued loss")
    NONE = "none", _("none of the types")
    INSUFFICIENT_DATA = "insufficient_data", _("insufficient data")


class HousingMarket(models.TextChoices):
    ADJACENT = "adjacent", _("adjacent")
    ACCELERATING = "accelerating", _("accelerating")
    APPRECIATED = "appreciated", _("appreciated")
    NEITHER = "", _("none of the three")


class SensitivityAssessment(models.Model):
    """The gentrification sensitivity of one area between two years, with its reasons.

    Computed by buurt.sensitivity.assess.sensitivity_assess; never edited by hand.
    """

    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.CASCADE,
        related_name="sensitivity_assessments",
    )
    method_version = models.CharField(_("method version"), max_length=40)
    t0 = models.PositiveSmallIntegerField(_("first year"))
    t1 = models.PositiveSmallIntegerField(_("second year"))
    type = models.CharField(_("type"), max_length=20, choices=SensitivityType.choices)
    vulnerable = models.BooleanField(_("vulnerable"), null=True)
    demographic_change = models.BooleanField(_("demographic change"), null=True)
    # NULL means "not assessed" (insufficient data); "" means assessed and none of the three.
    housing_market = models.CharField(
        _("housing market"),
        max_length=20,
        choices=HousingMarket.choices,
        null=True,
        blank=True,
    )
    reasons = models.JSONField(_("reasons"), default=dict)
    assessed_at = models.DateTimeField(_("assessed at"), auto_now=True)

    class Meta:
        verbose_name = _("sensitivity assessment")
        verbose_name_plural = _("sensitivity assessments")
        ordering = ["area", "-t1", "-t0"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "method_version", "t0", "t1"],
                name="sensitivity_unique_per_area_method_years",
            ),
            models.CheckConstraint(
                condition=Q(t0__lt=models.F("t1")), name="sensitivity_t0_before_t1"
            ),
            # An assessed area has all three conditions; an unassessed one has none of them.
            models.CheckConstraint(
                condition=(
                    Q(type=SensitivityType.INSUFFICIENT_DATA)
                    & Q(vulnerable__isnull=True)
                    & Q(demographic_change__isnull=True)
                    & Q(housing_market__isnull=True)
                )
                | (
                    ~Q(type=SensitivityType.INSUFFICIENT_DATA)
                    & Q(vulnerable__isnull=False)
                    & Q(demographic_change__isnull=False)
                    & Q(housing_market__isnull=False)
                ),
                name="sensitivity_conditions_iff_assessed",
            ),
        ]
        indexes = [models.Index(fields=["t0", "t1", "method_version"])]

    def __str__(self) -> str:
        return f"{self.area.code} {self.t0}–{self.t1}: {self.type}"
