from django.conf import settings
from django.http import HttpRequest

from buurt.models import Area

DEMO_MUNICIPALITY_CODE = "99001"


def site(request: HttpRequest) -> dict:
    """Footer facts on every page: whether the fictional demo territory is loaded."""
    return {
        "demo_loaded": Area.objects.filter(
            kind="municipality", code=DEMO_MUNICIPALITY_CODE
        ).exists(),
        "site_languages": settings.LANGUAGES,
    }
