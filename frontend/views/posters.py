"""Posters to print (HTML and PDF) and lists to embed in other websites."""

import mimetypes
import re
from pathlib import Path
from urllib.parse import urlencode

import segno
from csp.decorators import csp_replace
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.clickjacking import xframe_options_exempt

from buurt.models import Area
from events.languages import SPOKEN_LANGUAGES, language_code_known
from events.listing import share_free, work_model_by_code, work_model_codes
from events.models import WorkModel
from events.queries import area_offer, organisation_offer
from frontend.offline import offline_readable
from frontend.printing import printed
from places.queries import organisation_by_pk

from .public import area_or_404, offer_say_when

# An A4 page holds this much in large type; the rest is on the website (the QR code).
POSTER_MAX_DATES = 4
POSTER_MAX_RECURRING = 4


def qr_svg(url: str) -> SafeString:
    """A QR code as inline SVG (no image request; prints sharply at any size)."""
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True)
    return mark_safe(svg)  # segno's own markup, the URL XML-escaped


class BadModel(Exception):
    pass


class BadLanguage(Exception):
    pass


def _area_and_model(code: str, request: HttpRequest) -> tuple[Area, WorkModel | None]:
    """The poster's area (or a 404) and its work model (BadModel when unknown)."""
    area = area_or_404(code)
    model_code = request.GET.get("model") or None
    if model_code is None:
        return area, None
    model = work_model_by_code(model_code)
    if model is None:
        raise BadModel(model_code)
    return area, model


def _texts_language(request: HttpRequest) -> str | None:
    """?lang=ar: the activities' titles in that language where they have a version in it
    (a poster for the Arabic-speaking neighbours; the sheet's own words stay in the page's
    language). BadLanguage for a code that is no language."""
    code = (request.GET.get("lang") or "").strip().lower() or None
    if code is not None and not language_code_known(code):
        raise BadLanguage(request.GET["lang"])
    return code


def _query(model: WorkModel | None, language: str | None) -> str:
    params = {"model": model.code if model else None, "lang": language}
    query = urlencode({name: value for name, value in params.items() if value})
    return f"?{query}" if query else ""


def _poster_context(
    request: HttpRequest, area: Area, model: WorkModel | None, language: str | None = None
) -> dict:
    offer = area_offer(area, work_model=model.code if model else None)
    offer_say_when(offer)
    page_url = request.build_absolute_uri(reverse("frontend:neighbourhood", args=[area.code]))
    free = share_free(offer.activities)
    return {
        "area": area,
        "model": model,
        "texts_language": language,
        # A claim about cost only where the figures make it: all free, or more than half.
        "all_free": free == 1,
        "most_free": free is not None and 0.5 < free < 1,
        # Typed from the sheet by hand: the host and the short path, no scheme.
        "short_base": request.get_host() + "/b/",
        "page_address": page_url.split("://", 1)[-1],
        "query": _query(model, language),
        "all_dates": offer.this_week,
        "all_recurring": offer.recurring,
        "nothing_listed": offer.empty,
        "login_url": request.build_absolute_uri(reverse("login")),
        "page_url": page_url,
        "qr": qr_svg(page_url),
    }


def _parts(area: Area, model: WorkModel | None, language: str | None) -> list[str]:
    return [area.kind, area.code, model.code if model else "", language or ""]


def _cut(context: dict, *, max_dates: int, max_recurring: int) -> dict:
    """The poster's lists cut to what one sheet holds, with how many were left out."""
    dates, recurring = context["all_dates"], context["all_recurring"]
    shown = [occurrence.activity for occurrence in dates[:max_dates]] + recurring[:max_recurring]
    return {
        **context,
        "legend": _models_of(shown),
        "dates": dates[:max_dates],
        "more_dates": max(len(dates) - max_dates, 0),
        "recurring": recurring[:max_recurring],
        "more_recurring": max(len(recurring) - max_recurring, 0),
    }


def _models_of(activities: list) -> list[WorkModel]:
    """The work models of the activities on the sheet, in their fixed order: the legend
    explains each pictogram printed."""
    found = {model.pk: model for activity in activities for model in activity.work_models.all()}
    return sorted(found.values(), key=lambda model: model.position)


def _bad_model(request: HttpRequest, code: str) -> HttpResponse:
    return render(
        request,
        "frontend/bad_request.html",
        {
            "parameter": "model",
            "value": code,
            "allowed": work_model_codes(),
        },
        status=400,
    )


def _bad_language(request: HttpRequest, code: str) -> HttpResponse:
    return render(
        request,
        "frontend/bad_request.html",
        {"parameter": "lang", "value": code, "allowed": [code for code, _name in SPOKEN_LANGUAGES]},
        status=400,
    )


@offline_readable
def poster(request: HttpRequest, code: str) -> HttpResponse:
    """An A4 poster of an area's offer (optionally one work model) for a notice board."""
    try:
        area, model = _area_and_model(code, request)
        language = _texts_language(request)
    except BadModel as error:
        return _bad_model(request, str(error))
    except BadLanguage as error:
        return _bad_language(request, str(error))

    def make() -> str:
        context = _poster_context(request, area, model, language)
        cut = _cut(context, max_dates=POSTER_MAX_DATES, max_recurring=POSTER_MAX_RECURRING)
        return render_to_string("frontend/includes/poster_sheet.html", cut)

    # The sheet is kept, not the page: the page around it carries the visitor's own
    # CSRF token and menu.
    sheet = printed(request, kind="poster", parts=_parts(area, model, language), make=make)
    if isinstance(sheet, HttpResponse):
        return sheet
    return render(
        request,
        "frontend/poster.html",
        {
            "area": area,
            "model": model,
            "query": _query(model, language),
            "sheet": mark_safe(sheet),  # rendered (and escaped) by the sheet's template
        },
    )


def _static_only_fetcher():
    """A WeasyPrint fetcher that reads our own static files from disk and nothing else:
    the server does not fetch URLs from itself (a single worker would wait on itself) or
    from elsewhere."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            prefix = static("")
            path = url.split("://", 1)[-1]
            path = "/" + path.split("/", 1)[1] if "/" in path else path
            if path.startswith(prefix):
                found = finders.find(path[len(prefix) :])
                if found:
                    return URLFetcherResponse(
                        url,
                        Path(found).read_bytes(),
                        {"Content-Type": mimetypes.guess_type(found)[0] or "text/plain"},
                    )
            raise ValueError(f"Not fetched while making a PDF: {url}")

    return StaticOnly()


def _poster_pdf(
    request: HttpRequest, area: Area, model: WorkModel | None, language: str | None
) -> bytes:
    from weasyprint import HTML

    full = _poster_context(request, area, model, language)
    max_dates, max_recurring = POSTER_MAX_DATES, POSTER_MAX_RECURRING
    while True:
        context = _cut(full, max_dates=max_dates, max_recurring=max_recurring)
        sheet = render_to_string("frontend/includes/poster_sheet.html", context)
        html = render_to_string(
            "frontend/poster.html",
            {**context, "pdf": True, "sheet": mark_safe(sheet)},
            request=request,
        )
        document = HTML(
            string=html,
            base_url=request.build_absolute_uri("/"),
            url_fetcher=_static_only_fetcher(),
        ).render()
        # One sheet for the wall: long titles can push the page over, so drop a line from
        # the longer list until it fits (the QR code leads to the rest).
        if len(document.pages) == 1 or max_dates + max_recurring <= 2:
            break
        if max_dates >= max_recurring:
            max_dates -= 1
        else:
            max_recurring -= 1
    return document.write_pdf()


def poster_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """The same poster as a PDF, to download and print elsewhere."""
    try:
        area, model = _area_and_model(code, request)
        language = _texts_language(request)
    except BadModel as error:
        return _bad_model(request, str(error))
    except BadLanguage as error:
        return _bad_language(request, str(error))
    pdf = printed(
        request,
        kind="poster-pdf",
        parts=_parts(area, model, language),
        make=lambda: _poster_pdf(request, area, model, language),
    )
    if isinstance(pdf, HttpResponse):
        return pdf
    parts = (
        ["affiche", area.code] + ([model.code] if model else []) + ([language] if language else [])
    )
    # Codes are free text: only safe characters reach the header.
    name = re.sub(r"[^A-Za-z0-9_-]", "", "-".join(parts))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed_neighbourhood(request: HttpRequest, code: str) -> HttpResponse:
    """This week and the recurring activities of one area, for an iframe on another site."""
    area = area_or_404(code)
    offer = area_offer(area)
    offer_say_when(offer)
    return render(
        request,
        "frontend/embed.html",
        {
            "title": area.name,
            "offer": offer,
            "more_url": request.build_absolute_uri(
                reverse("frontend:neighbourhood", args=[area.code])
            ),
        },
    )


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed_organisation(request: HttpRequest, pk: int) -> HttpResponse:
    """The next dates and the recurring activities of one organisation, for an iframe."""
    organisation = organisation_by_pk(pk)
    if organisation is None:
        raise Http404("No organisation has this id.")
    offer = organisation_offer(organisation)
    offer_say_when(offer)
    return render(
        request,
        "frontend/embed.html",
        {"title": organisation.name, "offer": offer, "organisation": organisation},
    )
