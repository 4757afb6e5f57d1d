from django.urls import path, register_converter

from .views import (
    cancellation,
    dashboard,
    feeds,
    history,
    moderation,
    posters,
    public,
    subscriptions,
    uit,
    workers,
    workspace,
    writing,
)


class ExportFormatConverter:
    regex = "csv|xlsx|pdf"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportFormatConverter, "export_format")

app_name = "frontend"
urlpatterns = [
    path("", public.home, name="home"),
    path("activiteit/<int:pk>/", public.activity, name="activity"),
    path("buurt/<code:code>/", public.neighbourhood, name="neighbourhood"),
    # Subscriptions without an account (subscriptions/): the links in every mail.
    path("inschrijven/", subscriptions.subscribe, name="subscribe"),
    path(
        "inschrijving/<str:token>/bevestigen/",
        subscriptions.confirm,
        name="subscription-confirm",
    ),
    path(
        "inschrijving/<str:token>/uitschrijven/",
        subscriptions.unsubscribe,
        name="subscription-unsubscribe",
    ),
    path("inschrijving/<str:token>/wijzigen/", subscriptions.change, name="subscription-change"),
    path("privacy/", subscriptions.privacy, name="privacy"),
    path("buurt/<code:code>/affiche/", posters.poster, name="poster"),
    path("buurt/<code:code>/affiche.pdf", posters.poster_pdf, name="poster-pdf"),
    path("insluiten/buurt/<code:code>/", posters.embed_neighbourhood, name="embed-neighbourhood"),
    path("insluiten/organisatie/<int:pk>/", posters.embed_organisation, name="embed-organisation"),
    path("werkers/kaart/", workers.worker_map, name="worker-map"),
    path("werkers/buurt/<code:kind>/<code:code>/", workers.worker_area, name="worker-area"),
    path("beleid/dekking/", dashboard.coverage_index, name="coverage-index"),
    path("beleid/dekking/<code:code>/", dashboard.coverage, name="coverage"),
    path(
        "beleid/dekking/<code:code>/dekking.<export_format:fmt>",
        dashboard.coverage_export,
        name="coverage-export",
    ),
    # The community workers' workspace.
    path("werkruimte/", workspace.workspace, name="workspace"),
    path("werkruimte/nieuw/", workspace.activity_new, name="workspace-new"),
    path("werkruimte/voorbeeld/", workspace.preview, name="workspace-preview"),
    path("werkruimte/leesbaarheid/", writing.plain_language, name="workspace-plain-language"),
    path("werkruimte/activiteit/<int:pk>/", workspace.activity_edit, name="workspace-activity"),
    path(
        "werkruimte/activiteit/<int:pk>/klopt-nog/",
        workspace.activity_still_correct,
        name="workspace-still-correct",
    ),
    path(
        "werkruimte/activiteit/<int:pk>/annuleren/",
        cancellation.activity_cancel_view,
        name="workspace-cancel",
    ),
    path(
        "werkruimte/activiteit/<int:pk>/herstellen/",
        cancellation.activity_restore_view,
        name="workspace-restore",
    ),
    path(
        "werkruimte/sessie/<int:pk>/herstellen/",
        cancellation.occurrence_restore_view,
        name="workspace-restore-date",
    ),
    path(
        "werkruimte/activiteit/<int:pk>/geschiedenis/",
        history.activity_history,
        name="workspace-history",
    ),
    path(
        "werkruimte/sessie/<int:pk>/annuleren/",
        cancellation.occurrence_cancel_view,
        name="workspace-cancel-date",
    ),
    path("werkruimte/agenda/", feeds.feed_add, name="workspace-feed-add"),
    path("werkruimte/agenda/<int:pk>/", feeds.feed_toggle, name="workspace-feed-toggle"),
    path("werkruimte/uit/", uit.uit_sources, name="workspace-uit"),
    path("werkruimte/uit/<int:pk>/", uit.uit_source_edit, name="workspace-uit-edit"),
    path("werkruimte/moderatie/", moderation.moderation, name="workspace-moderation"),
    path(
        "werkruimte/moderatie/<int:pk>/goedkeuren/",
        moderation.moderation_approve,
        name="workspace-approve",
    ),
    path(
        "werkruimte/moderatie/<int:pk>/afwijzen/",
        moderation.moderation_reject,
        name="workspace-reject",
    ),
    path(
        "werkruimte/moderatie/organisatie/<int:pk>/verifieren/",
        moderation.moderation_verify_organisation,
        name="workspace-verify-organisation",
    ),
]
