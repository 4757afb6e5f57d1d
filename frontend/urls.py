from django.urls import path, register_converter

from .views import dashboard, posters, public, workers


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
]
