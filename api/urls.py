from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.register("work-models", views.WorkModelViewSet, basename="work-model")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("occurrences", views.OccurrenceViewSet, basename="occurrence")

app_name = "api"
urlpatterns = [
    path("areas/", views.AreaListView.as_view(), name="area-list"),
    path("areas/<code:kind>/<code:code>/", views.AreaDetailView.as_view(), name="area-detail"),
    path("places/", views.PlaceView.as_view(), name="place-list"),
    path("places/clusters/", views.PlaceClusterView.as_view(), name="place-clusters"),
    path("activities/<int:pk>/ical", views.ActivityCalendarView.as_view(), name="activity-ical"),
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
    path("sensitivity/", views.SensitivityView.as_view(), name="sensitivity"),
    path("feeds/ical", views.FeedCalendarView.as_view(), name="feed-ical"),
    path("", include(router.urls)),
]
