from django.contrib import admin
from leaflet.admin import LeafletGeoAdmin

from .models import Area, IndicatorValue


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
