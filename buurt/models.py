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
