"""The public pages for residents: no account needed."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from buurt.models import AreaKind
from events.queries import (
    ActivityFilters,
    activities_in_listing_order,
    activities_visible_to,
    activity_ids_listing,
)
from events.recurrence_text import schedule_in_words
from frontend.forms import DEFAULT_RADIUS_M, HomeFilterForm

# The list shows this many activities per page: a page of about 20 cards stays well under
# the 60 KB budget of the list page on slow data.
PAGE_SIZE = 20
# Another part of the site provides pictograms per work model; until it exists, names only.
WORK_MODEL_ICON = "frontend/includes/work_model_icon.html"


def work_model_icon_template() -> str | None:
    try:
        get_template(WORK_MODEL_ICON)
    except TemplateDoesNotExist:
        return None
    return WORK_MODEL_ICON


def home(request: HttpRequest) -> HttpResponse:
    """The list of activities with its filters (a GET form that works without JavaScript),
    next to a map that JavaScript adds and that loads its places per viewport."""
    form = HomeFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # errors are shown next to their fields; valid fields still filter
        filters = form.activity_filters()
    else:
        filters = ActivityFilters(radius_m=DEFAULT_RADIUS_M)
    page = Paginator(activity_ids_listing(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = activities_in_listing_order(
        user=request.user, filters=filters, ids=list(page.object_list)
    )
    query = request.GET.copy()
    query.pop("page", None)
    without_point = query.copy()
    without_point.pop("near", None)
    map_config = {
        "clustersUrl": reverse("api:place-clusters"),
        # The outlines only while they are few: all 2,767 wijken of Flanders are megabytes.
        "areasUrl": reverse("api:area-list") + "?kind=neighbourhood&simplify=15"
        if form.area_kind == AreaKind.NEIGHBOURHOOD
        else None,
        "near": list(filters.near.coords) if filters.near else None,
        "radius": filters.radius_m,
        "results": [
            {
                "title": activity.title,
                "url": reverse("frontend:activity", args=[activity.id]),
                "lon": activity.place.public_location.x,
                "lat": activity.place.public_location.y,
            }
            for activity in page.object_list
            if activity.place_id
        ],
        "text": {
            "searchHere": gettext("Search near this point"),
            "tilesFailed": gettext(
                "The map background could not be loaded; the places and the list still work."
            ),
            "loadFailed": gettext("The places on the map could not be loaded."),
            "places": gettext("places"),
            "youAreHere": gettext("Search point"),
            "locating": gettext("Looking for your location…"),
            "locateFailed": gettext("Your location could not be found; click the map instead."),
        },
    }
    return render(
        request,
        "frontend/home.html",
        {
            "form": form,
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "query_without_point": without_point.urlencode(),
            "work_model_icon": work_model_icon_template(),
            "map_config": map_config,
        },
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
