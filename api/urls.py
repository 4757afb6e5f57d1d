from django.urls import include, path
from rest_framework.routers import DefaultRouter

from .views import activities, calendars, coverage, occurrences, territory

router = DefaultRouter(trailing_slash=True)
router.register("work-models", activities.WorkModelViewSet, basename="work-model")
router.register("organisations", territory.OrganisationViewSet, basename="organisation")
router.register("activities", activities.ActivityViewSet, basename="activity")
router.register("occurrences", occurrences.OccurrenceViewSet, basename="occurrence")

app_name = "api"
urlpatterns = [
    path("areas/", territory.AreaListView.as_view(), name="area-list"),
    path("areas/<code:kind>/<code:code>/", territory.AreaDetailView.as_view(), name="area-detail"),
    path("places/", territory.PlaceView.as_view(), name="place-list"),
    path("places/clusters/", territory.PlaceClusterView.as_view(), name="place-clusters"),
    path(
        "activities/<int:pk>/ical", calendars.ActivityCalendarView.as_view(), name="activity-ical"
    ),
    path("coverage/", coverage.CoverageView.as_view(), name="coverage"),
    path("sensitivity/", coverage.SensitivityView.as_view(), name="sensitivity"),
    path("feeds/ical", calendars.FeedCalendarView.as_view(), name="feed-ical"),
    path("feeds/atom", calendars.FeedAtomView.as_view(), name="feed-atom"),
    path("", include(router.urls)),
]
