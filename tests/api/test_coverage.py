import pytest

from events.models import WorkModel

pytestmark = pytest.mark.django_db


def test_coverage_per_area_and_work_model(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = api.get("/api/v1/coverage/?kind=neighbourhood")
    rows = response.json()
    assert response.status_code == 200 and len(rows) == 20
    codes = list(WorkModel.objects.all().values_list("code", flat=True))
    for row in rows:
        assert {"code", "name", "population", "work_models"} <= set(row)
        assert list(row["work_models"]) == codes
        for cell in row["work_models"].values():
            assert cell["activities"] >= 0
            assert 0 <= cell["population_within_distance_share"] <= 1
    assert sum(cell["activities"] for row in rows for cell in row["work_models"].values()) > 0


def test_a_longer_distance_covers_at_least_as_many_residents(api):
    walking = api.get("/api/v1/coverage/?kind=district").json()
    cycling = api.get("/api/v1/coverage/?kind=district&distance=3750").json()
    for near, far in zip(walking, cycling, strict=True):
        for code, cell in near["work_models"].items():
            assert (
                far["work_models"][code]["population_within_distance_share"]
                >= cell["population_within_distance_share"]
            )


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/coverage/", "kind"),
        ("/api/v1/coverage/?kind=planet", "kind"),
        ("/api/v1/coverage/?kind=district&distance=-1", "distance"),
        ("/api/v1/coverage/?kind=district&distance=abc", "distance"),
        ("/api/v1/coverage/?kind=district&parent=nope", "parent"),
    ],
)
def test_bad_coverage_requests(api, url, field):
    response = api.get(url)
    assert response.status_code == 400 and field in response.json()
