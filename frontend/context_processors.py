from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url

from buurt.models import Area

DEMO_MUNICIPALITY_CODE = "99001"


def site(request: HttpRequest) -> dict:
    """Footer facts on every page: whether the fictional demo territory is loaded."""
    return {
        "demo_loaded": Area.objects.filter(
            kind="municipality", code=DEMO_MUNICIPALITY_CODE
        ).exists(),
        "site_languages": settings.LANGUAGES,
        # The language switch returns to this page in the default language's URL: Django's
        # set_language runs in the default language (its URL has no prefix), so it can
        # translate "/" to "/en/" but not "/fr/" to "/en/".
        "path_in_default_language": translate_url(request.get_full_path(), settings.LANGUAGE_CODE),
    }
