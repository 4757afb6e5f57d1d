"""The favicon, and the error pages in the page's language and the site's look (JSON under
/api/). The templates (403.html, 404.html, 500.html, 403_csrf.html) use a layout that needs neither
the database nor the request (frontend/error_page.html): a 500 may come from the database
itself. The 404 goes through api.errors.not_found, the CSRF failure through Django's own
view; both render these templates."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.csrf import requires_csrf_token


def _page(template: str, status: int) -> HttpResponse:
    return HttpResponse(loader.get_template(template).render({}), status=status)


def _api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def forbidden(request: HttpRequest, exception=None) -> HttpResponse:
    if _api(request):
        return JsonResponse(
            {"detail": "You do not have permission to perform this action."}, status=403
        )
    return _page("403.html", 403)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    if _api(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    return _page("500.html", 500)


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """/favicon.ico, which browsers ask for where a page names no icon (feeds, JSON): to the
    SVG icon the pages name (static() at request time: the manifest is read then)."""
    return HttpResponseRedirect(static("frontend/favicon.svg"))
