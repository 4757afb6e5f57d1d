from django.urls import path

from . import views

app_name = "frontend"
urlpatterns = [
    path("", views.home, name="home"),
    path("activiteit/<int:pk>/", views.activity, name="activity"),
    path("werkers/kaart/", views.worker_map, name="worker-map"),
    path("werkers/buurt/<code:kind>/<code:code>/", views.worker_area, name="worker-area"),
]
