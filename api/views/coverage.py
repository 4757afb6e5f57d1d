"""Coverage per area and work model, and the sensitivity assessments (workers only)."""

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import params
from .. import serializers as s
from .common import check


class CoverageView(APIView):
    @extend_schema(
        parameters=[params.CoverageParams],
        responses={200: s.CoverageAreaSerializer(many=True)},
        description=(
            "Per area of `kind`: code, name, population and, per work model, the number of "
            "published activities in the area (place inside it, or serving it) and "
            "`population_within_distance_share`: the share of the area's residents within "
            "`distance` metres (geodesic) of the public point of a published activity of that "
            "model, inside or outside the area, or living in an area a programme serves. "
            "Residents are placed at the point on surface of the finest areas with a "
            "population inside the area (the area itself when it has none finer); null when "
            "the population is unknown."
        ),
    )
    def get(self, request):
        from events.coverage.matrix import coverage_by_area

        data = check(params.CoverageParams, request).validated_data
        try:
            rows = coverage_by_area(
                kind=data["kind"], distance_m=data["distance"], parent_code=data.get("parent")
            )
        except ValueError as error:
            raise ApiValidationError({"parent": [str(error)]}) from None
        return Response(rows)


class SensitivityView(APIView):
    """The stored gentrification-sensitivity assessments (docs/sensitivity.md). Never for
    the public: a "gentrifying" label stigmatises a neighbourhood."""

    @extend_schema(
        parameters=[params.SensitivityParams], responses={200: s.SensitivitySerializer(many=True)}
    )
    def get(self, request):
        from buurt.sensitivity.queries import sensitivity_for

        kind = check(params.SensitivityParams, request).validated_data["kind"]
        assessments = sensitivity_for(kind).select_related("area").order_by("area__code")
        return Response(s.SensitivitySerializer(assessments, many=True).data)
