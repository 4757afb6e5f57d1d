from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from buurt.models import Area
        from buurt.signals import map_data_changed
        from events.models import Activity, ActivityTranslation
        from places.models import Place

        from .tiles import tiles_invalidate

        # Whatever changes what the map draws moves the tiles' data version on.
        for model in (Place, Activity, ActivityTranslation, Area):
            post_save.connect(tiles_invalidate, sender=model, dispatch_uid=f"tiles-save-{model}")
            post_delete.connect(tiles_invalidate, sender=model, dispatch_uid=f"tiles-del-{model}")
        m2m_changed.connect(
            tiles_invalidate, sender=Activity.work_models.through, dispatch_uid="tiles-work-models"
        )
        map_data_changed.connect(tiles_invalidate, dispatch_uid="tiles-bulk")
