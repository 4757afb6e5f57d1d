"""/api/hsds/: the HSDS 3.0 API reference's paths (no trailing slash, as the reference writes
them; with one they answer too)."""

from django.urls import re_path

from . import views

app_name = "hsds"


def _path(route: str, view, name: str):
    return re_path(rf"^{route}/?$", view.as_view(), name=name)


UUID = r"(?P<id>[^/]+)"

urlpatterns = [
    re_path(r"^$", views.RootView.as_view(), name="root"),
    _path("services", views.ServiceListView, "services"),
    _path(f"services/{UUID}", views.ServiceDetailView, "service"),
    _path("organizations", views.OrganizationListView, "organizations"),
    _path(f"organizations/{UUID}", views.OrganizationDetailView, "organization"),
    _path("locations", views.LocationListView, "locations"),
    _path(f"locations/{UUID}", views.LocationDetailView, "location"),
    _path("service_at_locations", views.ServiceAtLocationListView, "service-at-locations"),
    _path(f"service_at_locations/{UUID}", views.ServiceAtLocationDetailView, "service-at-location"),
    _path("taxonomies", views.TaxonomyListView, "taxonomies"),
    _path(f"taxonomies/{UUID}", views.TaxonomyDetailView, "taxonomy"),
    _path("taxonomy_terms", views.TaxonomyTermListView, "taxonomy-terms"),
    _path(f"taxonomy_terms/{UUID}", views.TaxonomyTermDetailView, "taxonomy-term"),
]
