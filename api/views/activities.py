"""Activities: the work models they are classified by, reading, posting (activity_post),
changing (activity_change) and cancelling them."""

from datetime import timedelta

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from events.models import Activity, WorkModel
from events.queries import activities_search, activities_visible_to
from events.services import ScheduleInput, activity_cancel, activity_change, activity_post
from places.roles import user_may_act_for

from .. import params
from .. import serializers as s
from .common import as_api_error, check


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
    organisations; DELETE cancels and keeps the record, and a PATCH with a `status` undoes
    the cancellation (its future dates open again, except those cancelled one by one).
    Every write is one row in the activity's history, a write that changes nothing none."""

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
