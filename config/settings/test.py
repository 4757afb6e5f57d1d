"""Test settings: the same PostGIS as development, but fast and quiet."""

from .base import *  # noqa: F403

DEBUG = False
# Hashing strength is irrelevant in tests and costs seconds per login.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The manifest storage needs collectstatic; tests serve static files straight from the apps.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# No collectstatic in tests: whitenoise finds files through the app finders.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# See dev.py: documented, mitigated, and still reported by the production settings.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]
# Throttling has its own test with tight limits; elsewhere it must not get in the way.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {
        "anon": "100000/minute",
        "user": "100000/minute",
        "writes": "100000/minute",
        "print": "100000/minute",
    },
}
# A `replica` alias on the same test database, so that the router has something to route
# to; only tests/core/test_replica.py switches routing on (a second connection cannot
# see the uncommitted rows of the other tests' transactions).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
REPLICA_READ_PATHS: list[str] = []


# Calendars are served from 127.0.0.1 here (tests run a local HTTP server).
CALENDAR_SYNC_ALLOW_PRIVATE_HOSTS = True
# The UiT Search API is served from 127.0.0.1 here too.
UIT_ALLOW_PRIVATE_HOSTS = True
