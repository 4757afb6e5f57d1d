"""The site's URLs plus one view that fails, to see the 500 page (test_error_pages.py)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


def failing(request):
    raise RuntimeError("a bug")


def failing_api(request):
    raise RuntimeError("a bug in the API")


urlpatterns = [
    path("api/v1/kapot/", failing_api),
    *site_urlpatterns,
    *i18n_patterns(path("kapot/", failing), prefix_default_language=False),
]
