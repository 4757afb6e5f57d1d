"""API v1 views: thin. Reads call query functions, writes call services, parameters are
checked by the serializers in api.params."""

from datetime import timedelta

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from buurt.queries import area_feature, areas_feature_collection
from events.models import Activity, WorkModel
from events.queries import activities_search, activities_visible_to, occurrences_board
from events.services import ScheduleInput, activity_cancel, activity_change, activity_post
from places.models import Organisation
from places.queries import places_clusters, places_feature_collection
from places.roles import user_may_act_for
from places.services import organisation_create, place_create

from . import params
from . import serializers as s
from .permissions import ReadOrModerator, ReadOrOrganisationMember, WorkerData

# The most features one GeoJSON layer returns; the response says when it was cut.
MAX_PLACES_FEATURES = 25_000
MAX_AREA_FEATURES = 5_000
GEOJSON = "application/json"


def check(serializer_class, request, **context):
    serializer = serializer_class(data=request.query_params, context=context)
    serializer.is_valid(raise_exception=True)
    return serializer


def as_api_error(error: DjangoValidationError) -> ApiValidationError:
    if hasattr(error, "message_dict"):
        return ApiValidationError(error.message_dict)
    return ApiValidationError({"non_field_errors": error.messages})


def geojson_response(body: bytes, *, count: int, truncated: bool) -> HttpResponse:
    # The whole collection, layer facts included, was written by PostGIS.
    response = HttpResponse(body, content_type=GEOJSON)
    response["X-Feature-Count"] = str(count)
    response["X-Truncated"] = str(truncated).lower()
    return response


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


class WorkModelViewSet(viewsets.ReadOnlyModelViewSet):
    """The seven work models of the research, in the language asked for. Never ranked."""

    serializer_class = s.WorkModelSerializer
    queryset = WorkModel.objects.all()
    lookup_field = "code"
    lookup_value_regex = "[a-z_]{1,40}"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check(params.LanguageParams, request)  # the language itself: ApiLanguageMiddleware

    @extend_schema(parameters=[params.LanguageParams])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(parameters=[params.LanguageParams])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


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
    permission_classes = [ReadOrOrganisationMember]

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
    permission_classes = [ReadOrModerator]

    def perform_create(self, serializer):
        try:
            serializer.instance = organisation_create(**serializer.validated_data)
        except DjangoValidationError as error:
            raise as_api_error(error) from None


MINIMAL_ACTIVITY = {
    "title": "Praatgroep alleenstaande ouders",
    "summary": "Ouders die er alleen voor staan, ontmoeten elkaar bij een tas koffie.",
    "kind": "peer_group",
    "work_models": ["peer"],
    "organisation": 1,
    "place": 1,
    "schedule": {
        "dtstart": "2026-12-01T19:00:00+01:00",
        "duration_minutes": 120,
        "rrule": "FREQ=WEEKLY;BYDAY=TU",
    },
}


class ActivityViewSet(viewsets.ModelViewSet):
    """Activities. Anyone reads published ones; community workers write for their own
    organisations; DELETE cancels and keeps the record."""

    permission_classes = [ReadOrOrganisationMember]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.ActivityDetailSerializer
        if self.action in ("create", "partial_update"):
            return s.ActivityWriteSerializer
        return s.ActivityListSerializer

    def get_queryset(self):
        if self.action == "list":
            filters = check(params.ActivityListParams, self.request)
            window = {
                "date_from": filters.validated_data.get("from"),
                "date_to": filters.validated_data.get("to"),
            }
            return activities_search(
                user=self.request.user, filters=filters.activity_filters(**window)
            )
        if self.action == "retrieve":
            return activities_search(user=self.request.user, filters=params.ActivityFilters())
        return activities_visible_to(self.request.user)

    @extend_schema(parameters=[params.ActivityListParams])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=s.ActivityWriteSerializer,
        responses={201: s.ActivityDetailSerializer},
        examples=[
            OpenApiExample("The smallest valid activity", value=MINIMAL_ACTIVITY, request_only=True)
        ],
    )
    def create(self, request, *args, **kwargs):
        serializer = s.ActivityWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        if not user_may_act_for(request.user, organisation.id):
            raise PermissionDenied("You do not work for this organisation.")
        schedule = data.pop("schedule", None)
        try:
            activity = activity_post(
                organisation=organisation,
                by=request.user,
                schedule=schedule_input(schedule) if schedule else None,
                requested_status=data.pop("status", None),
                **data,
            )
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return Response(self._detail(activity), status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ActivityWriteSerializer, responses={200: s.ActivityDetailSerializer})
    def partial_update(self, request, *args, **kwargs):
        activity = self.get_object()
        serializer = s.ActivityWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "organisation" in data and data.pop("organisation").id != activity.organisation_id:
            raise ApiValidationError({"organisation": ["An activity cannot change organisation."]})
        schedule = data.pop("schedule", None)
        if "schedule" in request.data:
            # A schedule is replaced whole: check it as a full one, also in a PATCH.
            full = s.ScheduleSerializer(data=request.data["schedule"])
            if not full.is_valid():
                raise ApiValidationError({"schedule": full.errors})
            schedule = full.validated_data
        try:
            activity_change(
                activity=activity,
                by=request.user,
                schedule=schedule_input(schedule) if schedule else None,
                requested_status=data.pop("status", None),
                **data,
            )
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return Response(self._detail(activity))

    @extend_schema(responses={204: None})
    def destroy(self, request, *args, **kwargs):
        activity_cancel(activity=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _detail(self, activity: Activity) -> dict:
        fresh = activities_search(user=self.request.user, filters=params.ActivityFilters())
        fresh = fresh.filter(id=activity.id).first() or activity
        return s.ActivityDetailSerializer(fresh, context={"request": self.request}).data


def schedule_input(data: dict) -> ScheduleInput:
    return ScheduleInput(
        dtstart=data["dtstart"],
        duration=timedelta(minutes=data["duration_minutes"]),
        rrule=data.get("rrule", ""),
        exdates=data.get("exdates", []),
        rdates=data.get("rdates", []),
    )


class OccurrenceViewSet(viewsets.ReadOnlyModelViewSet):
    """The events board: dated occurrences ordered by start, or by distance with `near`;
    cancelled dates included with cancelled: true. Without from/to: the coming 7 days."""

    serializer_class = s.OccurrenceSerializer

    def get_queryset(self):
        checked = check(params.OccurrenceParams, self.request)
        start, end = checked.board_window()
        return occurrences_board(
            user=self.request.user, filters=checked.activity_filters(), date_from=start, date_to=end
        )

    @extend_schema(parameters=[params.OccurrenceParams])
    def list(self, request, *args, **kwargs):
        from django.urls import reverse

        from events.queries import occurrences_page_json

        page = self.paginator.page_for(self.get_queryset(), request)
        marker = 999999999
        url = request.build_absolute_uri(reverse("frontend:activity", args=[marker]))
        prefix = url[: url.index(str(marker))]
        return self.paginator.raw_json_response(
            occurrences_page_json(page.object_list, activity_url_prefix=prefix)
        )


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

    permission_classes = [WorkerData]

    @extend_schema(
        parameters=[params.SensitivityParams], responses={200: s.SensitivitySerializer(many=True)}
    )
    def get(self, request):
        from buurt.sensitivity.queries import sensitivity_for

        kind = check(params.SensitivityParams, request).validated_data["kind"]
        assessments = sensitivity_for(kind).select_related("area").order_by("area__code")
        return Response(s.SensitivitySerializer(assessments, many=True).data)


ICAL = "text/calendar; charset=utf-8"


def calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICAL)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _activity_url(request):
    from django.urls import reverse

    return lambda activity: request.build_absolute_uri(
        reverse("frontend:activity", args=[activity.id])
    )


class ActivityCalendarView(APIView):
    @extend_schema(
        responses={(200, "text/calendar"): OpenApiResponse(OpenApiTypes.STR), 404: None},
        description="The activity as an RFC 5545 calendar (RRULE, EXDATE, Europe/Brussels).",
    )
    def get(self, request, pk: int):
        from events.calendars.feed import activities_calendar
        from events.queries import calendar_activities

        activities = calendar_activities(activities_visible_to(request.user).filter(pk=pk))
        activity = activities.first()
        if activity is None:
            return Response({"detail": "No such activity."}, status=status.HTTP_404_NOT_FOUND)
        body = activities_calendar([activity], name=activity.title, url_for=_activity_url(request))
        return calendar_response(body, f"activity-{activity.id}.ics")


class FeedCalendarView(APIView):
    @extend_schema(
        parameters=[params.FeedParams],
        responses={(200, "text/calendar"): OpenApiResponse(OpenApiTypes.STR)},
        description="Published activities as one RFC 5545 calendar to subscribe to, "
        "optionally for one area and some work models.",
    )
    def get(self, request):
        from events.calendars.feed import activities_calendar
        from events.queries import activities_published_where, calendar_activities

        activity_filters = check(params.FeedParams, request).activity_filters()
        activities = calendar_activities(activities_published_where(activity_filters))
        name = "Buurtwijzer"
        if activity_filters.area is not None:
            name += f" – {activity_filters.area.name}"
        body = activities_calendar(activities, name=name, url_for=_activity_url(request))
        return calendar_response(body, "buurtwijzer.ics")
