"""Areas as other bodies refer to them, and the stored sensitivity assessments of areas."""

from rest_framework import serializers

from buurt.models import Area


class AreaRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["code", "name", "kind"]


class SensitivitySerializer(serializers.Serializer):
    code = serializers.CharField(source="area.code")
    name = serializers.CharField(source="area.name")
    type = serializers.CharField()
    vulnerable = serializers.BooleanField(allow_null=True)
    demographic_change = serializers.BooleanField(allow_null=True)
    housing_market = serializers.CharField(allow_null=True)
    reasons = serializers.JSONField()
    t0 = serializers.IntegerField()
    t1 = serializers.IntegerField()
    method_version = serializers.CharField()
