"""The public pages for residents: no account needed."""

import json
from urllib.parse import quote, urlencode

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from buurt.models import Area, AreaKind
from buurt.queries import area_by_code, area_children, area_parents, territory_extent
from core.language import content_language
from events.languages import language_label
from events.listing import activity_on_page, activity_upcoming, anything_published
from events.models import Activity, Audience
from events.queries import (
    ActivityFilters,
    activities_in_listing_order,
    activity_ids_listing,
    area_offer,
    organisations_active_in,
)
from events.recurrence.words import activity_schedule_in_words
from events.schema_org import activity_event
from events.services.translations import translation_language
from events.texts import activity_version, activity_versions
from frontend.feed_links import feed_links
from frontend.forms.home import DEFAULT_RADIUS_M, HomeFilterForm
from frontend.offline import offline_readable
from frontend.quick_choices import model_choices, quick_choices
from frontend.views.subscriptions import subscribe_fields
from places.queries import public_places_in

from .guards import guarded

# The list shows this many activities per page: a page of about 20 cards stays well under
# the 60 KB budget of the list page on slow data.
PAGE_SIZE = 20


@offline_readable
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
        # Nothing to frame in the list (a city without activities yet): frame the territory.
        "extent": territory_extent() if not page.object_list and not filters.near else None,
        "radius": filters.radius_m,
        # The markers carry the numbers of the list (21, 22, … on the second page).
        "firstNumber": page.start_index(),
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
            "nearMeFailed": gettext(
                "Your location could not be found. Choose your neighbourhood in the filters."
            ),
        },
    }
    return render(
        request,
        "frontend/home.html",
        {
            "form": form,
            "quick_choices": quick_choices(query),
            "model_choices": model_choices(query, form.work_models),
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "query_without_point": without_point.urlencode(),
            "map_config": map_config,
            "feeds": feed_links(filters),
            # The weekly e-mail of this list: its place (a clicked point, else the chosen
            # area), work models and language spoken.
            "subscribe": subscribe_fields(
                area_code=(form.cleaned_data.get("area") or "") if form.is_bound else "",
                near=form.cleaned_data.get("near") if form.is_bound else None,
                radius_m=filters.radius_m,
                work_models=filters.work_models,
                language=filters.language or "",
            ),
            # Asked only when the list is empty: no filter can help in a city without posts.
            "nothing_listed": not page.object_list and not anything_published(),
        },
    )


def page_language() -> str:
    return content_language()


def activity_when(activity: Activity) -> str:
    """When an activity happens, in the page's language ("elke dinsdag, 19:00–21:00")."""
    return activity_schedule_in_words(activity, page_language())


def offer_say_when(offer) -> None:
    """Give each recurring activity of an offer its schedule in words, for the templates."""
    for activity in offer.recurring:
        activity.when = activity_when(activity)


def language_names(codes: list[str]) -> list[str]:
    """The names of the languages spoken, in the page's language and their own."""
    return [language_label(code) for code in codes]


# The characters json_script escapes, so that a title cannot close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # <, > and & escaped above


@guarded
@offline_readable
def activity(request: HttpRequest, pk: int) -> HttpResponse:
    """The stable page of one activity: what, when, how to join, where (public point only)."""
    try:
        activity = activity_on_page(user=request.user, pk=pk)
    except Activity.DoesNotExist:
        raise Http404("No activity with this id is visible.") from None
    when = activity_when(activity)
    upcoming = activity_upcoming(activity)
    url = request.build_absolute_uri(reverse("frontend:activity", args=[activity.pk]))
    # ?lang=ar: the reader's choice among the versions ("also in: العربية"); a language the
    # activity has no version in shows the page's own choice, as a link kept after a
    # translation was removed should.
    text = activity_version(activity, asked=translation_language(request.GET.get("lang")))
    share_text = f"{text.title} {url}"
    return render(
        request,
        "frontend/activity.html",
        {
            "activity": activity,
            "text": text,
            "other_versions": [
                version
                for version in activity_versions(activity)
                if version.language != text.language
            ],
            "when": when,
            "upcoming": upcoming,
            "next_date": next((date for date in upcoming if not date.cancelled), None),
            "spoken_languages": language_names(activity.languages),
            "audiences": [Audience(code).label for code in activity.audiences],
            "share_url": url,
            "subscribe": subscribe_fields(activity_id=activity.pk) if upcoming else None,
            "share_whatsapp": "https://wa.me/?" + urlencode({"text": share_text}),
            "share_mail": "mailto:?"
            + urlencode({"subject": text.title, "body": url}, quote_via=quote),
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


@offline_readable
def neighbourhood(request: HttpRequest, code: str) -> HttpResponse:
    """One area's page: this week, the recurring activities, the seven work models (every
    one shown, in their fixed order), the organisations and places, a poster and an embed."""
    area = area_or_404(code)
    offer = area_offer(area)
    offer_say_when(offer)
    embed_url = request.build_absolute_uri(
        reverse("frontend:embed-neighbourhood", kwargs={"code": area.code})
    )
    return render(
        request,
        "frontend/neighbourhood.html",
        {
            "area": area,
            "parents": area_parents(area),
            "children": area_children(area),
            "offer": offer,
            "places": public_places_in(area),
            "organisations": organisations_active_in(area, offer.activities),
            "subscribe": subscribe_fields(area_code=area.code),
            "embed_snippet": (
                f'<iframe src="{embed_url}" title="Buurtwijzer: {area.name}" '
                'width="100%" height="600" style="border:0" loading="lazy"></iframe>'
            ),
        },
    )
