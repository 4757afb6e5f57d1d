from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.text import capfirst

from buurt.models import Area, OpenDataSource
from places.roles import (
    user_acts_for_an_organisation,
    user_is_moderator,
    user_sees_coverage_dashboard,
    user_sees_worker_data,
)

DEMO_MUNICIPALITY_CODE = "99001"


def site(request: HttpRequest) -> dict:
    """Footer facts on every page: whether the fictional demo territory is loaded, and the
    attributions of the open data that is."""
    return {
        "open_data_sources": OpenDataSource.objects.all(),
        "demo_loaded": Area.objects.filter(
            kind="municipality", code=DEMO_MUNICIPALITY_CODE
        ).exists(),
        "site_languages": settings.LANGUAGES,
        # The language switch returns to this page in the default language's URL: Django's
        # set_language runs in the default language (its URL has no prefix), so it can
        # translate "/" to "/en/" but not "/fr/" to "/en/".
        "path_in_default_language": translate_url(request.get_full_path(), settings.LANGUAGE_CODE),
        "language_links": language_links(request),
        "work_links": _work_links(request.user) if request.user.is_authenticated else {},
    }


def _work_links(user) -> dict[str, bool]:
    """Which of the pages for organisations and policymakers the header offers this user."""
    return {
        "workspace": user_acts_for_an_organisation(user),
        "moderation": user_is_moderator(user),
        "sensitivity": user_sees_worker_data(user),
        "coverage": user_sees_coverage_dashboard(user),
    }


def language_links(request: HttpRequest) -> list[dict]:
    """The header's language switch: for each language, this same page in that language
    (its translated path: /fr/…, /en/…, none for Dutch), named in its own language. A page
    whose address has no language (login, password reset) gets the same page back through
    frontend.views.language, which remembers the choice in the language cookie."""
    current = translation.get_language()
    path = request.get_full_path()
    urls = {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
    if len(set(urls.values())) == 1:
        back = urlencode({"next": path})
        urls = {code: f"{reverse('language-switch', args=[code])}?{back}" for code in urls}
    return [
        {
            "code": code,
            "name": capfirst(translation.get_language_info(code)["name_local"]),
            "url": url,
            "current": code == current,
        }
        for code, url in urls.items()
    ]
