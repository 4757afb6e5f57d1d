"""Which work models reach the residents of each area."""

from rest_framework import serializers


class CoverageWorkModelSerializer(serializers.Serializer):
    activities = serializers.IntegerField()
    population_within_distance_share = serializers.FloatField(allow_null=True)


class CoverageAreaSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    population = serializers.IntegerField(allow_null=True)
    work_models = serializers.DictField(
        child=CoverageWorkModelSerializer(),
        help_text="Per work model code: published activities in the area, and the share of "
        "the area's residents within `distance` of a published activity of that model.",
    )
