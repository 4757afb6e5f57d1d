from django.conf import settings
from django.utils import translation

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
