"""The public pages for residents: no account needed."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation

from events.models import WorkModel
from events.queries import activities_visible_to, occurrences_upcoming
from events.recurrence_text import schedule_in_words
from places.queries import public_places


def home(request: HttpRequest) -> HttpResponse:
    occurrences = list(occurrences_upcoming(days=7))
    markers = [
        {
            "name": place.name,
            "lon": place.public_location.x,
            "lat": place.public_location.y,
            "precision": place.precision,
        }
        for place in public_places()[:2000]
    ]
    return render(
        request,
        "frontend/home.html",
        {"occurrences": occurrences, "work_models": WorkModel.objects.all(), "markers": markers},
    )


def activity(request: HttpRequest, pk: int) -> HttpResponse:
    """The stable page of one activity: what, when, where (public point only) and how."""
    activity = get_object_or_404(
        activities_visible_to(request.user)
        .select_related("place", "place__area", "organisation", "schedule")
        .defer("place__location", "place__area__geometry"),
        pk=pk,
    )
    schedule = getattr(activity, "schedule", None)
    when = (
        schedule_in_words(
            dtstart=schedule.dtstart,
            duration=schedule.duration,
            rrule=schedule.rrule,
            language=translation.get_language() or "nl",
        )
        if schedule
        else ""
    )
    upcoming = activity.occurrences.filter(start__gte=timezone.now()).order_by("start")[:8]
    return render(
        request,
        "frontend/activity.html",
        {"activity": activity, "when": when, "upcoming": upcoming},
    )
