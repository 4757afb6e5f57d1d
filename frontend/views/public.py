"""The public pages for residents: no account needed."""

import json
from urllib.parse import quote, urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info

from buurt.models import Area
from buurt.queries import area_by_code
from events.models import Activity, Audience, WorkModel
from events.queries import (
    activities_visible_to,
    area_offer,
    occurrences_upcoming,
    organisations_active_in,
)
from events.recurrence_text import schedule_in_words
from events.schema_org import activity_event
from places.queries import public_places, public_places_in


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


def page_language() -> str:
    return (translation.get_language() or "nl")[:2]


def schedule_words(activity: Activity) -> str:
    """When an activity happens, in the page's language ("elke dinsdag, 19:00–21:00")."""
    schedule = getattr(activity, "schedule", None)
    if schedule is None:
        return ""
    return schedule_in_words(
        dtstart=schedule.dtstart,
        duration=schedule.duration,
        rrule=schedule.rrule,
        language=page_language(),
    )


def language_names(codes: list[str]) -> list[str]:
    """Names of ISO 639-1 codes in the page's language (the code itself when Django does
    not know the language)."""
    names = []
    for code in codes:
        try:
            names.append(get_language_info(code)["name_translated"])
        except KeyError:
            names.append(code.upper())
    return names


# The characters json_script escapes, so that a title cannot close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # <, > and & escaped above


def activity(request: HttpRequest, pk: int) -> HttpResponse:
    """The stable page of one activity: what, when, where (public point only) and how."""
    activity = get_object_or_404(
        activities_visible_to(request.user)
        .select_related("place", "place__area", "organisation", "schedule")
        .prefetch_related("work_models", "service_areas")
        .defer("place__location", "place__area__geometry"),
        pk=pk,
    )
    when = schedule_words(activity)
    upcoming = list(activity.occurrences.filter(end__gte=timezone.now()).order_by("start")[:8])
    url = request.build_absolute_uri(reverse("frontend:activity", args=[activity.pk]))
    share_text = f"{activity.title} {url}"
    return render(
        request,
        "frontend/activity.html",
        {
            "activity": activity,
            "when": when,
            "upcoming": upcoming,
            "spoken_languages": language_names(activity.languages),
            "audiences": [Audience(code).label for code in activity.audiences],
            "share_url": url,
            "share_whatsapp": "https://wa.me/?" + urlencode({"text": share_text}),
            "share_mail": "mailto:?"
            + urlencode({"subject": activity.title, "body": url}, quote_via=quote),
            "json_ld": json_ld(
                activity_event(activity, url=url, upcoming=upcoming, schedule_in_words=when)
            ),
        },
    )


def area_or_404(code: str) -> Area:
    area = area_by_code(code)
    if area is None:
        raise Http404("No area has this code.")
    return area


def neighbourhood(request: HttpRequest, code: str) -> HttpResponse:
    """One area's page: this week, the recurring activities, the seven work models (every
    one shown, in their fixed order), the organisations and places, a poster and an embed."""
    area = area_or_404(code)
    offer = area_offer(area)
    for activity in offer.recurring:
        activity.when = schedule_words(activity)
    embed_url = request.build_absolute_uri(
        reverse("frontend:embed-neighbourhood", kwargs={"code": area.code})
    )
    return render(
        request,
        "frontend/neighbourhood.html",
        {
            "area": area,
            "parents": area_parents(area),
            "children": Area.objects.filter(parent=area).defer("geometry").order_by("name"),
            "offer": offer,
            "places": public_places_in(area),
            "organisations": organisations_active_in(area, offer.activities),
            "embed_snippet": (
                f'<iframe src="{embed_url}" title="Buurtwijzer: {area.name}" '
                'width="100%" height="600" style="border:0" loading="lazy"></iframe>'
            ),
        },
    )


def area_parents(area: Area) -> list[Area]:
    """The areas around `area`, coarsest first (for the breadcrumb)."""
    parents = []
    parent_id = area.parent_id
    while parent_id is not None and len(parents) < 5:
        parent = Area.objects.defer("geometry").get(pk=parent_id)
        parents.insert(0, parent)
        parent_id = parent.parent_id
    return parents
