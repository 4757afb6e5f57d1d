"""The territory as GeoJSON: areas, places (and posting a place), the public map's clusters,
and organisations."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from buurt.queries import area_feature, areas_feature_collection
from places.models import Organisation
from places.queries import places_clusters, places_feature_collection
from places.roles import user_may_act_for
from places.services import organisation_create, place_create

from .. import params
from .. import serializers as s
from .common import GEOJSON, as_api_error, check, geojson_response

# The most features one GeoJSON layer returns; the response says when it was cut.
MAX_PLACES_FEATURES = 25_000
MAX_AREA_FEATURES = 5_000


FEATURE_COLLECTION_SCHEMA = {
    "type": "object",
    "required": ["type", "features", "numberReturned", "truncated", "limit"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": {"type": "object"}},
        "numberReturned": {"type": "integer"},
        "truncated": {"type": "boolean", "description": "true when the layer was cut at limit"},
        "limit": {"type": "integer"},
    },
}
FEATURE_SCHEMA = {
    "type": "object",
    "required": ["type", "geometry", "properties"],
    "properties": {
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"type": "string"},
        "geometry": {"type": "object"},
        "properties": {"type": "object"},
    },
}


class AreaListView(APIView):
    @extend_schema(
        operation_id="areas_list",
        parameters=[params.AreaListParams],
        responses={
            200: OpenApiResponse(
                FEATURE_COLLECTION_SCHEMA, description=f"At most {MAX_AREA_FEATURES} features."
            )
        },
        description="Areas of one kind as a GeoJSON FeatureCollection with properties code, "
        f"name, kind, parent, population; at most {MAX_AREA_FEATURES} features "
        "(truncated says whether the layer was cut).",
    )
    def get(self, request):
        data = check(params.AreaListParams, request).validated_data
        text, count, truncated = areas_feature_collection(
            kind=data["kind"],
            parent_code=data.get("parent"),
            simplify_m=data["simplify"],
            limit=MAX_AREA_FEATURES,
        )
        return geojson_response(text, count=count, truncated=truncated)


class AreaDetailView(APIView):
    @extend_schema(
        operation_id="areas_detail",
        parameters=[params.AreaDetailParams],
        responses={200: OpenApiResponse(FEATURE_SCHEMA), 404: None},
    )
    def get(self, request, kind: str, code: str):
        data = check(params.AreaDetailParams, request).validated_data
        text = area_feature(kind=kind, code=code, simplify_m=data["simplify"])
        if text is None:
            return Response({"detail": "No such area."}, status=status.HTTP_404_NOT_FOUND)
        return HttpResponse(text, content_type=GEOJSON)


class PlaceView(APIView):
    @extend_schema(
        parameters=[params.PlaceListParams],
        responses={200: OpenApiResponse(FEATURE_COLLECTION_SCHEMA)},
        description="Places in a bounding box as a GeoJSON FeatureCollection, at most "
        f"{MAX_PLACES_FEATURES} features. A place shown by its neighbourhood only "
        "(precision area) appears at its area's point on surface, never at its real point.",
    )
    def get(self, request):
        bbox = check(params.PlaceListParams, request).validated_data["bbox"]
        text, count, truncated = places_feature_collection(bbox=bbox, limit=MAX_PLACES_FEATURES)
        return geojson_response(text, count=count, truncated=truncated)

    @extend_schema(request=s.PlaceWriteSerializer, responses={201: s.PublicPlaceSerializer})
    def post(self, request):
        serializer = s.PlaceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if not user_may_act_for(request.user, data["organisation"].id):
            raise PermissionDenied("You do not work for this organisation.")
        try:
            place = place_create(**data)
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return Response(s.PublicPlaceSerializer(place).data, status=status.HTTP_201_CREATED)


class PlaceClusterView(APIView):
    @extend_schema(
        operation_id="places_clusters",
        parameters=[params.PlaceClusterParams],
        responses={
            200: OpenApiResponse(
                {
                    "type": "object",
                    "required": ["type", "clustered", "total", "features"],
                    "properties": {
                        "type": {"type": "string", "enum": ["FeatureCollection"]},
                        "clustered": {
                            "type": "boolean",
                            "description": "false: one feature per place; true: one per cell",
                        },
                        "total": {"type": "integer", "description": "places in the box"},
                        "cell_m": {
                            "type": "number",
                            "description": "side of a cell in Web Mercator metres (clustered)",
                        },
                        "features": {"type": "array", "items": {"type": "object"}},
                    },
                },
                description="Points with properties id, name, kind, precision, count=1; or "
                "cells with properties count (and id, name when count is 1).",
            )
        },
        description="What the public map draws for one viewport, so that no viewport draws "
        f"more than {params.MAX_MAP_FEATURES} markers: the places in the box when there are "
        "at most max_points, else the number of places per grid cell of 64 screen pixels at "
        "the given zoom, at the mean of their public points. Places shown by their "
        "neighbourhood only count at their area's point on surface, never at their real point.",
    )
    def get(self, request):
        data = check(params.PlaceClusterParams, request).validated_data
        body, count, clustered = places_clusters(
            bbox=data["bbox"], zoom=data["zoom"], max_points=data["max_points"]
        )
        response = HttpResponse(body, content_type=GEOJSON)
        response["X-Feature-Count"] = str(count)
        response["X-Clustered"] = str(clustered).lower()
        return response


class OrganisationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.OrganisationSerializer
    queryset = Organisation.objects.order_by("name")

    def perform_create(self, serializer):
        try:
            serializer.instance = organisation_create(**serializer.validated_data)
        except DjangoValidationError as error:
            raise as_api_error(error) from None
