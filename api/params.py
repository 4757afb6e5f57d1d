"""Query parameters: parsed and checked by serializers, so that a bad value is a 400 naming
the parameter, and every parameter is described in the OpenAPI schema."""

import math
from datetime import date, timedelta

import pycountry
from django.contrib.gis.geos import Point
from django.utils.translation import gettext as _
from rest_framework import serializers

from buurt.models import Area, AreaKind
from core.language import content_languages
from events.coverage.distances import CYCLING_M, MAX_DISTANCE_M, WALKING_M
from events.models import Audience, WorkModel
from events.queries import ActivityFilters

MAX_RADIUS_M = 50_000
DEFAULT_RADIUS_M = 1500
MAX_WINDOW_DAYS = 366
# Dates outside these bounds are typing errors, and overflow the date arithmetic.
EARLIEST_DAY = date(1970, 1, 1)
LATEST_DAY = date(2199, 12, 31)


def _numbers_message(count: int, name: str) -> str:
    return _("Give %(count)s numbers separated by commas (%(name)s).") % {
        "count": count,
        "name": name,
    }


def _numbers(value: str, count: int, name: str) -> list[float]:
    parts = value.split(",")
    if len(parts) != count:
        raise serializers.ValidationError(_numbers_message(count, name))
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        raise serializers.ValidationError(_numbers_message(count, name)) from None
    if not all(math.isfinite(number) for number in numbers):
        raise serializers.ValidationError(_("Numbers must be finite."))
    return numbers


def _check_lon_lat(lon: float, lat: float) -> None:
    if not -180 <= lon <= 180:
        raise serializers.ValidationError(
            _("Longitude %(lon)s is outside -180..180.") % {"lon": lon}
        )
    if not -90 <= lat <= 90:
        raise serializers.ValidationError(_("Latitude %(lat)s is outside -90..90.") % {"lat": lat})


class BBoxField(serializers.CharField):
    def to_internal_value(self, data):
        minlon, minlat, maxlon, maxlat = _numbers(
            super().to_internal_value(data), 4, "minlon,minlat,maxlon,maxlat"
        )
        _check_lon_lat(minlon, minlat)
        _check_lon_lat(maxlon, maxlat)
        if minlon > maxlon or minlat > maxlat:
            raise serializers.ValidationError(
                _("The minimum must not be greater than the maximum.")
            )
        return (minlon, minlat, maxlon, maxlat)


class LonLatField(serializers.CharField):
    def to_internal_value(self, data):
        lon, lat = _numbers(super().to_internal_value(data), 2, "lon,lat")
        _check_lon_lat(lon, lat)
        return Point(lon, lat, srid=4326)


class OptionalBooleanField(serializers.BooleanField):
    """A boolean query parameter whose absence means "no filter", not false (DRF reads a
    missing HTML checkbox as false)."""

    default_empty_html = serializers.empty

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_null=True, default=None, **kwargs)


class LanguageCodeField(serializers.CharField):
    def to_internal_value(self, data):
        code = super().to_internal_value(data).lower()
        if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
            raise serializers.ValidationError(
                _("%(code)r is not an ISO 639-1 language code.") % {"code": code[:10]}
            )
        return code


def work_model_codes() -> list[str]:
    return list(WorkModel.objects.values_list("code", flat=True))


class WorkModelCodeField(serializers.CharField):
    def to_internal_value(self, data):
        code = super().to_internal_value(data)
        if code not in self.context.setdefault("work_model_codes", work_model_codes()):
            raise serializers.ValidationError(
                _("Unknown work model %(code)r.") % {"code": code[:40]}
            )
        return code


class WhereFilters(serializers.Serializer):
    """Filters shared by the activity list and the events board."""

    work_model = serializers.ListField(
        child=WorkModelCodeField(max_length=40),
        required=False,
        help_text="Work model code; repeat the parameter for several (any of them matches): "
        "competence, buddy, own_network, peer, context, volunteering, community.",
    )
    area = serializers.CharField(
        required=False,
        max_length=40,
        help_text="Official area code: activities whose place lies in the area, or that serve it.",
    )
    area_kind = serializers.ChoiceField(
        choices=AreaKind.choices,
        required=False,
        help_text="Kind of the `area` code, needed only when the code exists for several kinds.",
    )
    near = LonLatField(
        required=False,
        max_length=60,
        help_text="LON,LAT in WGS84. Adds distance_m (geodesic metres to the public point) "
        "and sorts nearest first.",
    )
    radius = serializers.FloatField(
        required=False,
        min_value=1,
        max_value=MAX_RADIUS_M,
        default=DEFAULT_RADIUS_M,
        help_text=f"Metres around `near` (default {DEFAULT_RADIUS_M}, at most {MAX_RADIUS_M}).",
    )
    audience = serializers.ChoiceField(
        choices=Audience.choices, required=False, help_text="Only activities for this audience."
    )
    language = LanguageCodeField(
        required=False, max_length=10, help_text="ISO 639-1 code of a language spoken there."
    )
    free = OptionalBooleanField(help_text="true: only free activities; false: only paid.")
    wheelchair = OptionalBooleanField(help_text="true: only at wheelchair-accessible places.")
    q = serializers.CharField(
        required=False, max_length=200, help_text="Full-text search (Dutch, French and English)."
    )

    def validate_radius(self, value):
        if not math.isfinite(value):
            raise serializers.ValidationError(_("Give a number of metres."))
        return value

    def validate(self, attrs):
        attrs = super().validate(attrs)
        code = attrs.get("area")
        if code:
            areas = Area.objects.filter(code=code).defer("geometry")
            if attrs.get("area_kind"):
                areas = areas.filter(kind=attrs["area_kind"])
            found = list(areas.only("id", "kind")[:2])
            if not found:
                raise serializers.ValidationError(
                    {"area": [_("No area has code %(code)r.") % {"code": code}]}
                )
            if len(found) > 1:
                raise serializers.ValidationError(
                    {
                        "area": [
                            _("Code %(code)r exists for several kinds; add area_kind.")
                            % {"code": code}
                        ]
                    }
                )
            attrs["area_object"] = Area.objects.get(id=found[0].id)
        if "radius" in self.initial_data and "near" not in attrs:
            raise serializers.ValidationError({"radius": [_("radius needs near=LON,LAT.")]})
        return attrs

    def activity_filters(self, **extra) -> ActivityFilters:
        data = self.validated_data
        return ActivityFilters(
            work_models=tuple(data.get("work_model", ())),
            area=data.get("area_object"),
            near=data.get("near"),
            radius_m=data.get("radius", DEFAULT_RADIUS_M),
            audience=data.get("audience"),
            language=data.get("language"),
            free=data.get("free"),
            wheelchair=data.get("wheelchair"),
            q=data.get("q"),
            **extra,
        )


class DateWindow(serializers.Serializer):
    from_ = serializers.DateField(required=False, help_text="First day, ISO date (YYYY-MM-DD).")
    to = serializers.DateField(required=False, help_text="Last day, ISO date (YYYY-MM-DD).")

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields

    def validate(self, attrs):
        attrs = super().validate(attrs)
        for name in ("from", "to"):
            if attrs.get(name) and not EARLIEST_DAY <= attrs[name] <= LATEST_DAY:
                raise serializers.ValidationError(
                    {
                        name: [
                            _("Give a date from %(a)s to %(b)s.")
                            % {"a": EARLIEST_DAY, "b": LATEST_DAY}
                        ]
                    }
                )
        start, end = attrs.get("from"), attrs.get("to")
        if start and end and start > end:
            raise serializers.ValidationError({"from": [_("from must not be after to.")]})
        if start and end and (end - start).days >= MAX_WINDOW_DAYS:
            raise serializers.ValidationError(
                {"to": [_("The window is at most %(days)s days.") % {"days": MAX_WINDOW_DAYS}]}
            )
        return attrs


class ActivityListParams(WhereFilters, DateWindow):
    pass


class OccurrenceParams(WhereFilters, DateWindow):
    def board_window(self) -> tuple[date, date]:
        from django.utils import timezone

        start = self.validated_data.get("from")
        end = self.validated_data.get("to")
        if start is None and end is None:
            start = timezone.localdate()
        if start is None:
            start = end - timedelta(days=6)
        if end is None:
            end = start + timedelta(days=6)
        return start, end


def simplify_field(help_text: str) -> serializers.FloatField:
    """The tolerance, in metres, to which area shapes are simplified: one range and default
    for the list and the detail of areas."""
    return serializers.FloatField(
        required=False, min_value=0, max_value=10_000, default=0, help_text=help_text
    )


class AreaListParams(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AreaKind.choices, help_text="Kind of area.")
    parent = serializers.CharField(
        required=False, max_length=40, help_text="Only the areas whose parent has this code."
    )
    simplify = simplify_field(
        "Simplification tolerance in metres (Belgian Lambert 72); 0 keeps the shapes."
    )


class AreaDetailParams(serializers.Serializer):
    simplify = simplify_field("Simplification tolerance in metres.")


class PlaceListParams(serializers.Serializer):
    bbox = BBoxField(max_length=200, help_text="minlon,minlat,maxlon,maxlat in WGS84 (EPSG:4326).")


# The most features a map viewport gets: each is one DOM marker in the browser.
MAX_MAP_FEATURES = 2_000
DEFAULT_MAP_POINTS = 1_000
# A full-HD viewport is about 30 x 17 cells of 64 pixels; the cap leaves room under
# MAX_MAP_FEATURES for the few markers of the list (the client asks coarser cells on huge
# screens).
MAX_CLUSTER_CELLS = 1_900


def mercator_xy(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator metres of a WGS84 point (latitude clamped to the map's +-85.05 degrees)."""
    lat = max(min(lat, 85.0511), -85.0511)
    x = math.radians(lon) * 6_378_137
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * 6_378_137
    return x, y


class PlaceClusterParams(serializers.Serializer):
    bbox = BBoxField(max_length=200, help_text="minlon,minlat,maxlon,maxlat in WGS84 (EPSG:4326).")
    zoom = serializers.IntegerField(
        min_value=0,
        max_value=22,
        help_text="The map's zoom level; a cell is 64 screen pixels at this zoom.",
    )
    max_points = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_MAP_FEATURES,
        default=DEFAULT_MAP_POINTS,
        help_text="Up to this many places in the box, the places themselves are returned "
        f"(clustered false); above it, grid cells (default {DEFAULT_MAP_POINTS}, "
        f"at most {MAX_MAP_FEATURES}).",
    )

    def validate(self, attrs):
        from places.queries import cluster_cell_m

        attrs = super().validate(attrs)
        minlon, minlat, maxlon, maxlat = attrs["bbox"]
        (x0, y0), (x1, y1) = mercator_xy(minlon, minlat), mercator_xy(maxlon, maxlat)
        cell = cluster_cell_m(attrs["zoom"])
        cells = (math.floor(x1 / cell) - math.floor(x0 / cell) + 1) * (
            math.floor(y1 / cell) - math.floor(y0 / cell) + 1
        )
        if cells > MAX_CLUSTER_CELLS:
            raise serializers.ValidationError(
                {
                    "zoom": [
                        _(
                            "Zoom %(zoom)s is too close for this bbox: it would make %(cells)s "
                            "cells (at most %(max)s); zoom out or send a smaller bbox."
                        )
                        % {"zoom": attrs["zoom"], "cells": cells, "max": MAX_CLUSTER_CELLS}
                    ]
                }
            )
        return attrs


class LanguageParams(serializers.Serializer):
    lang = serializers.ChoiceField(
        choices=content_languages(),
        required=False,
        help_text="Language of names and descriptions; else Accept-Language, else Dutch.",
    )


class CoverageParams(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AreaKind.choices, help_text="Kind of area.")
    distance = serializers.FloatField(
        required=False,
        min_value=1,
        max_value=MAX_DISTANCE_M,
        default=WALKING_M,
        help_text=f"Distance in metres (default {WALKING_M:,}, the Flemish 15-minute walking "
        f"threshold; {CYCLING_M:,} is the cycling one; at most {MAX_DISTANCE_M:,}).",
    )
    parent = serializers.CharField(
        required=False,
        max_length=40,
        help_text="Only the areas inside the area with this code (at any depth).",
    )


class FeedParams(WhereFilters):
    """The calendar and Atom feeds: the activity list's filters, without a date window (a
    subscription follows what comes)."""


class SensitivityParams(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AreaKind.choices, help_text="Kind of area.")
