"""Places (only ever at their public point) and organisations, read and written."""

import math

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from places.models import Organisation, Place, PlaceKind, Precision, Wheelchair
from places.public import public_address

from .territory import AreaRefSerializer


class PointSerializer(serializers.Serializer):
    type = serializers.CharField(default="Point")
    coordinates = serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2)


class PublicPlaceSerializer(serializers.ModelSerializer):
    """A place as the public sees it: the public point, and no street address when the
    place is shown by its neighbourhood only."""

    location = serializers.SerializerMethodField()
    address = serializers.SerializerMethodField()
    area = AreaRefSerializer(read_only=True)

    class Meta:
        model = Place
        fields = [
            "id",
            "name",
            "kind",
            "precision",
            "address",
            "location",
            "area",
            "wheelchair",
            "accessible_toilet",
            "hearing_loop",
            "organisation",
        ]

    @extend_schema_field(PointSerializer)
    def get_location(self, place: Place) -> dict:
        return {
            "type": "Point",
            "coordinates": [round(place.public_location.x, 6), round(place.public_location.y, 6)],
        }

    def get_address(self, place: Place) -> str:
        return public_address(place)


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "description",
            "website",
            "phone",
            "email",
            "verified",
            "last_verified",
        ]
        read_only_fields = ["id", "last_verified"]


class OrganisationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "verified"]


class GeoJSONPointField(serializers.JSONField):
    """A GeoJSON Point parsed by hand: GDAL never sees a client's spatial reference (it may
    name one only as an EPSG code from a short list, see core.spatial)."""

    def to_internal_value(self, data):
        from django.contrib.gis.geos import Point
        from django.core.exceptions import ValidationError as DjangoValidationError

        from core.spatial import outside_area_of_use, srid_from_web

        if not isinstance(data, dict) or data.get("type") != "Point":
            raise serializers.ValidationError(
                _('Give a GeoJSON Point: {"type": "Point", "coordinates": [lon, lat]}.')
            )
        coordinates = data.get("coordinates")
        if (
            not isinstance(coordinates, list)
            or len(coordinates) != 2
            or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in coordinates)
        ):
            raise serializers.ValidationError(_("coordinates must be [lon, lat], two numbers."))
        srid = 4326
        if "crs" in data:
            try:
                srid = srid_from_web(str((data["crs"] or {}).get("properties", {}).get("name", "")))
            except (DjangoValidationError, AttributeError) as error:
                raise serializers.ValidationError(
                    _("crs must name an EPSG code such as EPSG:4326.")
                ) from error
        point = Point(*[float(c) for c in coordinates], srid=srid)
        if not all(math.isfinite(c) for c in point.coords):
            raise serializers.ValidationError(_("coordinates must be finite numbers."))
        if srid != 4326:
            original = point.clone()
            point.transform(4326)
            # Outside a projection's domain the transformation clamps (a Web Mercator
            # 1e10 becomes latitude 90): going back must give the same point.
            back = point.transform(srid, clone=True)
            if not all(math.isfinite(c) for c in point.coords) or back.distance(original) > 1:
                raise serializers.ValidationError(
                    _("The point lies outside the area its spatial reference covers.")
                )
        lon, lat = point.x, point.y
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise serializers.ValidationError(_("The point lies outside WGS84 bounds."))
        outside = outside_area_of_use(lon, lat, srid)
        if outside:
            raise serializers.ValidationError(outside)
        return point


class PlaceWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    location = GeoJSONPointField()
    kind = serializers.ChoiceField(choices=PlaceKind.choices)
    precision = serializers.ChoiceField(choices=Precision.choices, default=Precision.EXACT)
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    wheelchair = serializers.ChoiceField(choices=Wheelchair.choices, default=Wheelchair.UNKNOWN)
    accessible_toilet = serializers.BooleanField(default=False)
    hearing_loop = serializers.BooleanField(default=False)
    opening_hours = serializers.CharField(max_length=1000, required=False, allow_blank=True)
