"""The dated sessions of the events board."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.models import Occurrence

from .activities import DISTANCE_FIELD, ActivitySummarySerializer


class OccurrenceSerializer(serializers.ModelSerializer):
    activity = ActivitySummarySerializer(read_only=True)
    distance_m = serializers.SerializerMethodField()

    class Meta:
        model = Occurrence
        fields = ["id", "start", "end", "cancelled", "activity", "distance_m"]

    @extend_schema_field(DISTANCE_FIELD)
    def get_distance_m(self, occurrence: Occurrence) -> float | None:
        distance = getattr(occurrence, "distance", None)
        return None if distance is None else round(distance.m, 1)
