from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = _("Organisations and places")

    def ready(self) -> None:
        from buurt.signals import areas_changed

        from .services import places_relocate_after_area_change

        areas_changed.connect(places_relocate_after_area_change, dispatch_uid="places-relocate")
