"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Documented and mitigated (README, core/spatial.py): only EPSG codes from a short list
# reach GDAL from the web. Production settings keep the warning visible in check --deploy.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]
# Calendars are served from 127.0.0.1 here (tests run a local HTTP server).
CALENDAR_SYNC_ALLOW_PRIVATE_HOSTS = True
# The UiT Search API is served from 127.0.0.1 here too.
UIT_ALLOW_PRIVATE_HOSTS = True
