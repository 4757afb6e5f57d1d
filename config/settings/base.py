"""Settings shared by every environment; everything that differs comes from the environment."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env (written by `make setup` when it finds the database) fills in what the
# shell does not set; real environment variables always win.
env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -------------------------------------------------------------------------------
SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.postgres",
    "leaflet",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "axes",
    "csp",
    "buurt",
    "places",
    "events",
    "subscriptions",
    "api",
    "frontend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages compressed by Django itself, so that a site without a proxy in front still sends
    # small pages; its random padding blunts BREACH-style length attacks.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.replica.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "api.middleware.ApiLanguageMiddleware",
    "config.middleware.AccountsLanguageMiddleware",
    # Before anything reads the body (CSRF): too big is a JSON 413 in that language.
    "api.middleware.ApiBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Once the language and the user are known: the 400 page is a normal page.
    "config.middleware.RefuseNulBytesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy on every answer (CONTENT_SECURITY_POLICY below); embeds
    # replace frame-ancestors (frontend.views.posters).
    "config.csp.SiteCSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "frontend.context_processors.site",
            ],
        },
    },
]

# Every form drawn with the design system's components (labels, hints, error messages and
# an error summary; checkboxes and radios as 44 px targets): frontend/forms/rendering.py.
FORM_RENDERER = "frontend.forms.rendering.DesignFormRenderer"

# --- Database -----------------------------------------------------------------------------
# postgis:// selects GeoDjango's PostGIS backend.
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgis://postgres@127.0.0.1:5432/buurtwijzer"),
}
DATABASES["default"]["ENGINE"] = "django.contrib.gis.db.backends.postgis"
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# PostGIS functions carry high cost estimates, which switch on PostgreSQL's JIT compiler
# for short indexed queries: compiling then takes longer (~300 ms) than the query itself.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# A streaming replica for map reads, tiles and coverage, when one is configured (see
# core/replica.py and docs/scaling.md). Without DATABASE_REPLICA_URL all reads go to
# the primary.
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **DATABASES["default"],
        **env.db("DATABASE_REPLICA_URL"),
        "ENGINE": "django.contrib.gis.db.backends.postgis",
        # A replica that does not answer is skipped quickly (core/replica.py).
        "OPTIONS": {**DATABASES["default"]["OPTIONS"], "connect_timeout": 2},
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["core.replica.ReplicaRouter"]
REPLICA_READ_PATHS = env.list(
    "REPLICA_READ_PATHS",
    default=["/tiles/", "/api/v1/places/", "/api/v1/areas/", "/api/v1/coverage/", "/beleid/"],
)
# After a failed connection the replica is skipped this long before it is tried again.
REPLICA_RETRY_SECONDS = env.float("REPLICA_RETRY_SECONDS", default=5)
# /healthz reports the replica as degraded when it lags more than this.
REPLICA_MAX_LAG_SECONDS = env.float("REPLICA_MAX_LAG_SECONDS", default=30)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth ---------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a login that is locked out before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "frontend:workspace"
LOGOUT_REDIRECT_URL = "frontend:home"

# Password guessing (django-axes, docs/operations.md): after AXES_FAILURE_LIMIT failed logins
# for one account (from anywhere), or from one client address (for any account), further
# logins for it are refused for AXES_COOLOFF_MINUTES, on /accounts/login/ and the admin alike.
# Counted in the database, so that a Redis outage neither opens nor closes the door.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Lockouts need only the failures (AccessAttempt); a row per successful login, with its
# address and browser, would be personal data kept for nothing.
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_CALLABLE = "frontend.views.accounts.locked_out"
# The client address as NUM_PROXIES says, the same as the API's throttles.
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
# Password reset requests, counted in the cache per e-mail address and per client address
# (frontend.views.accounts); without a cache they are not limited (docs/operations.md).
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=10)
PASSWORD_RESET_LIMIT_SECONDS = env.int("PASSWORD_RESET_LIMIT_SECONDS", default=3600)

# --- Internationalisation -------------------------------------------------------------------
# Dutch (Belgium) first: most residents and workers read Dutch; French and English beside it
# because many people in poverty in Flemish cities are not fluent in Dutch.
LANGUAGE_CODE = "nl-be"
LANGUAGES = [
    ("nl-be", _("Dutch")),
    ("fr", _("French")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Buurtwijzer ----------------------------------------------------------------------------
# GDAL on Debian 12 is 3.6 (gis.W001): we never let the web hand us WKT or PROJ strings,
# only EPSG codes from this list (see core.spatial.srid_from_web).
WEB_ACCEPTED_SRIDS = [4326, 3857, 31370, 3812]
# Occurrences of recurring activities are materialised this many days ahead.
OCCURRENCE_HORIZON_DAYS = env.int("OCCURRENCE_HORIZON_DAYS", default=365)
DEMO_DATA_DIR = BASE_DIR / "data" / "neighbourhoods"
# The real territory that ships with Buurtwijzer (data/territory.json says which file holds what).
TERRITORY_DATA_DIR = BASE_DIR / "data"
# Gentrification sensitivity (docs/sensitivity.md): the years compared and the fewest
# households an area needs in t1 to be assessed at all.
SENSITIVITY_T0 = env.int("SENSITIVITY_T0", default=2018)
SENSITIVITY_T1 = env.int("SENSITIVITY_T1", default=2023)
SENSITIVITY_MIN_HOUSEHOLDS = env.int("SENSITIVITY_MIN_HOUSEHOLDS", default=100)
# `load_demo` creates the account demo-admin with this password when DEBUG is on (make run).
DEMO_ADMIN_PASSWORD = env("DEMO_ADMIN_PASSWORD", default="buurtwijzer-demo")

# The background map: OpenStreetMap's tiles unless a city runs or buys its own
# (e.g. MAP_TILES_URL=https://tiles.example.be/{z}/{x}/{y}.png). Attribution is HTML.
MAP_TILES_URL = env("MAP_TILES_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = env(
    "MAP_TILES_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
    "contributors",
)
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (51.05, 3.72),
    "DEFAULT_ZOOM": 12,
    "MIN_ZOOM": 7,
    "MAX_ZOOM": 19,
    "TILES": [
        (
            "OpenStreetMap",
            MAP_TILES_URL,
            {"attribution": MAP_TILES_ATTRIBUTION, "maxZoom": 19},
        )
    ],
    "RESET_VIEW": False,
}


def _tile_source(url: str) -> str | None:
    """The CSP source of a tile URL template: https://{s}.tile.example/… → https://*.tile.example."""
    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


# Content-Security-Policy (django-csp 4, config/csp.py; docs/operations.md): the site's own
# scripts and styles only, inline <script>s by the request's nonce (django-leaflet's map
# set-up, the JSON-LD), the stylesheets written into pages by their hashes (config.csp), the
# tile server for images. Style *attributes* stay allowed (style-src-attr): bar widths and
# colour swatches computed per row, and Leaflet's markup; an attribute cannot run script or
# load anything. Embeds replace frame-ancestors with * (frontend.views.posters).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", *filter(None, [_tile_source(MAP_TILES_URL)])],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The service worker (/sw.js) and the web app manifest (frontend.views.offline).
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Token first: its WWW-Authenticate header makes "not logged in" a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Who may call what: the one table in places.roles (ROUTES), also read by the pages.
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ByRoleTable"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.StrictPageNumberPagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "api.throttling.WriteRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("THROTTLE_ANON", default="300/minute"),
        "user": env("THROTTLE_USER", default="1200/minute"),
        "writes": env("THROTTLE_WRITES", default="60/minute"),
        # Making a poster or a PDF report (what is cached already does not count):
        # frontend.printing.
        "print": env("THROTTLE_PRINT", default="20/minute"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # DRF's parsers, with a depth bound on JSON (a body nested 1,000 levels deep was a
    # RecursionError, a 500).
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # How many reverse proxies in front of the app append to X-Forwarded-For: the client's
    # address is the entry the last of them added. 0 (the default) trusts no header at all
    # and counts REMOTE_ADDR: otherwise anyone escapes the anonymous limits by sending a
    # different made-up X-Forwarded-For with every request (docs/operations.md).
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Buurtwijzer API",
    "DESCRIPTION": (
        "The public contract of Buurtwijzer: work models, areas, places, activities, the "
        "events board, coverage and calendars. Places shown by their neighbourhood only "
        "(precision `area`) appear at their area's point on surface, everywhere. The same "
        "public data as an Open Referral HSDS 3.0 directory under /api/hsds/ (tag `hsds`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
    "TAGS": [
        {
            "name": "hsds",
            "description": "Open Referral HSDS 3.0 (docs/hsds.md): published activities as "
            "services, their organisations and places, the work models as a taxonomy. Objects "
            "follow the HSDS 3.0 JSON Schemas.",
            "externalDocs": {
                "url": "https://docs.openreferral.org/en/latest/hsds/api_reference.html"
            },
        }
    ],
    "ENUM_NAME_OVERRIDES": {
        "AreaKindEnum": "buurt.models.AreaKind",
        "PlaceKindEnum": "places.models.PlaceKind",
        "ActivityKindEnum": "events.models.ActivityKind",
        "ActivityStatusEnum": "events.models.Status",
        "RequestedStatusEnum": ["draft", "published"],
        "CostKindEnum": "events.models.CostKind",
    },
}
CACHES = {
    "default": {
        # Django's RedisCache, except that a Redis that does not answer is an empty cache
        # (no throttling, no cached tiles) rather than a 500: core/cache.py.
        "BACKEND": "core.cache.FailSoftRedisCache",
        "LOCATION": env("REDIS_URL", default="redis://127.0.0.1:6379/1"),
        # A Redis that does not answer costs a page two seconds at most, not a hung worker,
        # and then is left alone for `retry_seconds`.
        "OPTIONS": {
            "socket_connect_timeout": 2,
            "socket_timeout": 2,
            "retry_seconds": env.float("CACHE_RETRY_SECONDS", default=5),
        },
    }
    if env("REDIS_URL", default="")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- Calendar sync (events.calendars.sync) ---------------------------------------------------
# An organisation's iCal feed larger than this, or slower than this many seconds, fails with
# a clear error and changes nothing.
CALENDAR_SYNC_MAX_BYTES = env.int("CALENDAR_SYNC_MAX_BYTES", default=2_000_000)
CALENDAR_SYNC_TIMEOUT = env.float("CALENDAR_SYNC_TIMEOUT", default=15.0)
# The server fetches addresses that organisations give it: never on its own network (SSRF),
# except in development and tests, which serve calendars from 127.0.0.1.
CALENDAR_SYNC_ALLOW_PRIVATE_HOSTS = env.bool("CALENDAR_SYNC_ALLOW_PRIVATE_HOSTS", default=False)

# --- UiTdatabank import (events.uit, docs/uit.md) ---------------------------------------------
# publiq's Search API v3; the key goes in the `x-api-key` header and nowhere else (never in a
# log, an error or a page).
UIT_API_URL = env("UIT_API_URL", default="https://search.uitdatabank.be")
UIT_API_KEY = env("UIT_API_KEY", default="")
# A source whose query matches more events than this fails whole (narrow the query): an
# import that stopped at the cap would take the rest for "no longer matching".
UIT_MAX_EVENTS = env.int("UIT_MAX_EVENTS", default=2000)
UIT_PAGE_SIZE = env.int("UIT_PAGE_SIZE", default=50)
# One budget in seconds for all the pages of one source (waits for Retry-After included).
UIT_TIMEOUT = env.float("UIT_TIMEOUT", default=60.0)
UIT_MAX_BYTES = env.int("UIT_MAX_BYTES", default=10_000_000)
# A 429 asking to wait longer than this fails the source (the next hourly run tries again).
UIT_RETRY_AFTER_MAX = env.float("UIT_RETRY_AFTER_MAX", default=10.0)
# Development and tests serve the API from 127.0.0.1 (see CALENDAR_SYNC_ALLOW_PRIVATE_HOSTS).
UIT_ALLOW_PRIVATE_HOSTS = env.bool("UIT_ALLOW_PRIVATE_HOSTS", default=False)

# --- Celery (config/celery.py): periodic calendar sync and occurrence roll-forward ---------
CELERY_BROKER_URL = env(
    "CELERY_BROKER_URL", default=env("REDIS_URL", default="redis://127.0.0.1:6379/0")
)
CELERY_TASK_IGNORE_RESULT = True
# A worker started while the broker is down waits for it, and one that loses it reconnects
# (Celery's default, said here because Celery 6 stops inferring the first from
# broker_connection_retry); tests/faults/test_celery.py restarts Redis under a worker.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# /healthz (config/health.py) reports on the broker only where one is configured: a machine
# that runs the periodic jobs from cron has no Redis to report on.
HEALTHZ_BROKER_URL = env("CELERY_BROKER_URL", default=env("REDIS_URL", default=""))

# The site's public address, for links in what is written outside a request (export_hsds).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# --- Subscriptions without an account (subscriptions/, issue 17) -----------------------------
# The sender of the confirmation mails, digests and reminders (and password resets).
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="buurtwijzer@localhost")
# Abuse limits: a sign-up form must not flood someone's mailbox (subscriptions.services).
SUBSCRIPTION_MAILS_PER_ADDRESS_PER_DAY = env.int(
    "SUBSCRIPTION_MAILS_PER_ADDRESS_PER_DAY", default=3
)
SUBSCRIPTION_SIGNUPS_PER_IP_PER_HOUR = env.int("SUBSCRIPTION_SIGNUPS_PER_IP_PER_HOUR", default=10)
# A subscription not confirmed this many days after its confirmation mail is deleted
# (by send_reminders, daily).
SUBSCRIPTION_UNCONFIRMED_DAYS = env.int("SUBSCRIPTION_UNCONFIRMED_DAYS", default=7)
# Digests and reminders go out this many per connection to the mail server.
SUBSCRIPTION_BATCH_SIZE = env.int("SUBSCRIPTION_BATCH_SIZE", default=200)
