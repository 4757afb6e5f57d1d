from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.language import site_language


class ApiLanguageMiddleware:
    """The API answers in the language of `?lang=` or Accept-Language (Dutch by default).

    LocaleMiddleware gives unprefixed paths the default language because the site's pages
    carry their language in the path; API clients say it in the request instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/"):
            asked = request.GET.get("lang", "")
            language = site_language(asked) or translation.get_language_from_request(request)
            if language not in dict(settings.LANGUAGES):
                language = settings.LANGUAGE_CODE
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class ApiBodyLimitMiddleware:
    """An API body over DATA_UPLOAD_MAX_MEMORY_SIZE is a JSON 413 in the request's language
    (after ApiLanguageMiddleware). Django's own answer is its HTML 400 page in English, which
    an API client can neither read nor tell apart from a bad field."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if (
            limit is not None
            and request.path_info.startswith("/api/")
            and request.method in ("POST", "PUT", "PATCH")
            and not request.content_type.startswith("multipart/")
        ):
            try:
                request.body  # noqa: B018 - Django measures the declared length before reading
            except RequestDataTooBig:
                return JsonResponse(
                    {
                        "detail": _("The request body is larger than %(limit)s bytes.")
                        % {"limit": number_format(limit, force_grouping=True)}
                    },
                    status=413,
                )
        return self.get_response(request)
