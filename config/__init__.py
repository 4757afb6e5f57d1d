"""Settings, URLs, WSGI, the Celery app, gunicorn and nginx: how the project is configured and
served."""

# The Celery app loads with Django, so that @shared_task binds to it.
from .celery import app as celery_app

__all__ = ("celery_app",)
