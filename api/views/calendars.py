"""Activities as RFC 5545 calendars: one activity, or a feed to subscribe to."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from events.queries import activities_visible_to
from events.syndication import ATOM_ENTRIES, activities_atom

from .. import params
from .common import check

ICAL = "text/calendar; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"


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


def _feed_selection(request):
    """The published activities the feed's filters choose, and the feed's name."""
    from events.queries import activities_published_where, calendar_activities

    activity_filters = check(params.FeedParams, request).activity_filters()
    name = "Buurtwijzer"
    if activity_filters.area is not None:
        name += f" – {activity_filters.area.name}"
    return calendar_activities(activities_published_where(activity_filters)), name


class FeedCalendarView(APIView):
    @extend_schema(
        parameters=[params.FeedParams],
        responses={(200, "text/calendar"): OpenApiResponse(OpenApiTypes.STR)},
        description="Published activities as one RFC 5545 calendar to subscribe to, with the "
        "activity list's filters (area, work models, near and radius, audience, language, "
        "free, wheelchair, q).",
    )
    def get(self, request):
        from events.calendars.feed import activities_calendar

        activities, name = _feed_selection(request)
        body = activities_calendar(activities, name=name, url_for=_activity_url(request))
        return calendar_response(body, "buurtwijzer.ics")


class FeedAtomView(APIView):
    @extend_schema(
        parameters=[params.FeedParams],
        responses={(200, "application/atom+xml"): OpenApiResponse(OpenApiTypes.STR)},
        description="The same selection as /feeds/ical as an Atom feed for feed readers: the "
        f"{ATOM_ENTRIES} most recently changed activities, newest first.",
    )
    def get(self, request):
        activities, name = _feed_selection(request)
        body = activities_atom(
            activities.order_by("-updated_at", "-id")[:ATOM_ENTRIES],
            title=name,
            feed_url=request.build_absolute_uri(),
            site_url=request.build_absolute_uri("/"),
            url_for=_activity_url(request),
        )
        return HttpResponse(body, content_type=ATOM)
