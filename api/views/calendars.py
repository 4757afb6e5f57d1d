"""Activities as RFC 5545 calendars: one activity, or a feed to subscribe to."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from events.queries import activities_visible_to

from .. import params
from .common import check

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
