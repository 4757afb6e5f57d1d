from django.contrib import admin
from leaflet.admin import LeafletGeoAdmin

from .models import Area, IndicatorValue, OpenDataSource, SensitivityAssessment


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0


@admin.register(Area)
class AreaAdmin(LeafletGeoAdmin):
    list_display = ["name", "code", "kind", "parent", "population"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    raw_id_fields = ["parent"]
    inlines = [IndicatorValueInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["area", "indicator", "year", "value"]
    list_filter = ["indicator", "year", "area__kind"]
    search_fields = ["area__name", "area__code"]
    raw_id_fields = ["area"]


@admin.register(SensitivityAssessment)
class SensitivityAssessmentAdmin(admin.ModelAdmin):
    """Read-only: an assessment is computed by `assess_sensitivity`; an edit by hand would
    make its reasons lie. Deleting is allowed."""

    list_display = ["area", "type", "t0", "t1", "method_version", "assessed_at"]
    list_filter = ["type", "area__kind", "t0", "t1", "method_version"]
    search_fields = ["area__name", "area__code"]
    list_select_related = ["area"]
    readonly_fields = [
        "area",
        "method_version",
        "t0",
        "t1",
        "type",
        "vulnerable",
        "demographic_change",
        "housing_market",
        "reasons",
        "assessed_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OpenDataSource)
class OpenDataSourceAdmin(admin.ModelAdmin):
    """Written by load_territory from data/territory.json; the footer shows each
    attribution, so a correction here reaches every page."""

    list_display = ["label", "key", "licence", "loaded_at"]
    search_fields = ["label", "key"]
