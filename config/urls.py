from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace, csp_update
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.views import PasswordResetCompleteView, PasswordResetDoneView
from django.urls import include, path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.tiles import tile
from config.converters import CodeConverter
from config.health import healthz
from frontend.views.accounts import (
    LimitedPasswordResetView,
    RoleLoginView,
    UnlockingPasswordResetConfirmView,
)
from frontend.views.errors import favicon
from frontend.views.language import language_switch
from frontend.views.offline import service_worker
from frontend.views.short_links import short_link

register_converter(CodeConverter, "code")

# Swagger UI comes from its CDN (drf-spectacular's SWAGGER_UI_DIST) and writes a <style> of
# its own: the one page whose Content-Security-Policy allows those; its set-up script is a
# file of our own origin (the split view), so inline scripts stay refused there too.
SWAGGER_CDN = "https://cdn.jsdelivr.net"
api_docs = csp_update({"script-src": [SWAGGER_CDN], "img-src": [SWAGGER_CDN]})(
    csp_replace({"style-src": [SELF, SWAGGER_CDN, UNSAFE_INLINE]})(
        SpectacularSwaggerSplitView.as_view(url_name="schema")
    )
)

urlpatterns = [
    # For Docker and load balancers: no language prefix, no session, no login (config/health.py).
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # After set_language (i18n/setlang/): the header's links on pages without a language prefix.
    path("i18n/<str:code>/", language_switch, name="language-switch"),
    # Browsers ask for /favicon.ico where a page names none (feeds, the API's JSON).
    path("favicon.ico", favicon, name="favicon"),
    # At the root, so that its scope is the whole site (every language, every page).
    path("sw.js", service_worker, name="service-worker"),
    # The short links on posters: no language prefix, the visitor's language decides.
    path("b/<str:code>", short_link, name="short-link"),
    path("admin/", admin.site.urls),
    # Before Django's own: the same URL and name, a start page per role after it.
    path("accounts/login/", RoleLoginView.as_view(), name="login"),
    # Limited per e-mail and client address; a new password lifts a login lockout.
    path("accounts/password_reset/", LimitedPasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        UnlockingPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    # Django's own, with the site's templates (Django's admin's would win otherwise).
    path(
        "accounts/password_reset/done/",
        PasswordResetDoneView.as_view(template_name="frontend/accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/done/",
        PasswordResetCompleteView.as_view(
            template_name="frontend/accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", include("api.urls")),
    # Open Referral HSDS 3.0 (api/hsds): the same public data in the service directories' format.
    path("api/hsds/", include("api.hsds.urls")),
    path("tiles/<str:layer>/<int:z>/<int:x>/<int:y>.pbf", tile, name="tile"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", api_docs, name="api-docs"),
]
urlpatterns += i18n_patterns(
    path("", include("frontend.urls")),
    prefix_default_language=False,
)

handler403 = "frontend.views.errors.forbidden"
handler404 = "api.errors.not_found"
handler500 = "frontend.views.errors.server_error"
