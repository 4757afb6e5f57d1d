"""Request plumbing shared by the pages and the API."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _nul_parameter(request: HttpRequest) -> str | None:
    """The first query parameter or form field whose name or value holds a NUL byte."""
    sources = [request.GET]
    if request.method == "POST" and request.content_type in FORM_TYPES:
        sources.append(request.POST)
    for source in sources:
        for name, values in source.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return name.replace("\x00", "")[:60] or "?"
    return None


class RefuseNulBytesMiddleware:
    """A NUL byte in any query parameter or form field is a 400 naming it.

    PostgreSQL cannot store or compare text with NUL, so such a value reaching a lookup is a
    DataError (a 500) wherever a view forgot to check; refusing it here covers every page,
    form and API parameter at once. JSON bodies are checked by the API's serializers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = _nul_parameter(request)
        if name is None:
            return self.get_response(request)
        message = _("Null characters are not allowed.")
        if request.path_info.startswith("/api/"):
            return JsonResponse({name: [message]}, status=400)
        return render(
            request, "frontend/bad_request.html", {"errors": [f"{name}: {message}"]}, status=400
        )


class AccountsLanguageMiddleware:
    """The login and password reset pages (/accounts/, no language in the address) speak the
    visitor's language: the one chosen with the header's language links (the language
    cookie) or the browser's. LocaleMiddleware gives every unprefixed path Dutch, because the
    site's pages carry their language in the path; the lockout page already did this."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/accounts/"):
            language = translation.get_language_from_request(request)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
