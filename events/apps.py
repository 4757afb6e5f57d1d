from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Activities")

    def ready(self):
        from buurt.signals import areas_changed
        from places.signals import places_changed

        from .coverage.kept import coverage_caught_up

        # After places' own receiver (places is installed first), so that the places moved
        # by new boundaries are where the rebuild finds them.
        areas_changed.connect(coverage_caught_up, dispatch_uid="coverage-areas")
        places_changed.connect(coverage_caught_up, dispatch_uid="coverage-places")
