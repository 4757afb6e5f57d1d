from django.urls import path

from .views import public, workers

app_name = "frontend"
urlpatterns = [
    path("", public.home, name="home"),
    path("activiteit/<int:pk>/", public.activity, name="activity"),
    path("werkers/kaart/", workers.worker_map, name="worker-map"),
    path("werkers/buurt/<code:kind>/<code:code>/", workers.worker_area, name="worker-area"),
]
