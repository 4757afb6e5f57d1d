from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from events.models import WorkModel
from events.queries import occurrences_upcoming
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
