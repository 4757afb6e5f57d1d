"""The production settings, for the app that the fault tests serve with gunicorn on loopback:
plain HTTP (no secure-only cookies) and static files found without collectstatic."""

from config.settings.production import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Loopback HTTP: a Secure cookie would never come back to the test's client.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Hashing strength is irrelevant here and costs a second per login.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
