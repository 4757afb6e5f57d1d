"""The coverage dashboard pages: who may see them, what they show and bad input (the
downloads: tests/frontend/exports/test_coverage.py)."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from places.services import membership_add
from tests.events.coverage.test_figures import scene  # noqa: F401  (the fixture)
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
PAGE = "/beleid/dekking/T0001/?level=neighbourhood"


def logged_in(role: str | None = None, *, superuser: bool = False) -> Client:
    user = UserFactory(is_superuser=superuser)
    if role:
        membership_add(organisation=OrganisationFactory(), user=user, role=role)
    client = Client()
    client.force_login(user)
    return client


class Cells(HTMLParser):
    """The matrix cells: {(area, model): {class: text}} from the rendered page."""

    def __init__(self):
        super().__init__()
        self.cells: dict[tuple[str, str], dict[str, str]] = {}
        self.area = self.model = self.part = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-area" in attrs:
            self.area = attrs["data-area"]
        if tag == "td" and "data-model" in attrs:
            self.model = attrs["data-model"]
            self.cells[(self.area, self.model)] = {}
        if self.model and attrs.get("class", "").startswith("cell-"):
            self.part = attrs["class"]

    def handle_endtag(self, tag):
        if tag == "td":
            self.model = None
        if tag == "table":
            self.area = None

    def handle_data(self, data):
        if self.part:
            self.cells[(self.area, self.model)][self.part] = data.strip()
            self.part = None


def page_cells(html: str) -> dict:
    matrix = html[
        html.index('id="coverage-matrix"') : html.index(
            "</table>", html.index('id="coverage-matrix"')
        )
    ]
    parser = Cells()
    parser.feed("<table " + matrix + "</table>")
    return parser.cells


def test_who_sees_the_dashboard(scene):  # noqa: F811
    anonymous = Client().get(PAGE)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/?next=/beleid/dekking/T0001/")
    assert Client().get("/beleid/dekking/T0001/dekking.csv").status_code == 302
    worker = logged_in("community_worker")
    for url in (
        "/beleid/dekking/",
        PAGE,
        "/beleid/dekking/T0001/dekking.csv",
        "/beleid/dekking/T0001/dekking.xlsx",
        "/beleid/dekking/T0001/dekking.pdf",
    ):
        assert worker.get(url).status_code == 403, url
    assert logged_in().get(PAGE).status_code == 403
    for client in (logged_in("policymaker"), logged_in("moderator"), logged_in(superuser=True)):
        assert client.get(PAGE).status_code == 200
        assert client.get("/beleid/dekking/").status_code == 200


def test_the_page_shows_the_figures_and_links_each_cell_to_its_activities(
    scene,  # noqa: F811
    django_assert_max_num_queries,
):
    client = logged_in("policymaker")
    # 15 for the figures, 1 for the levels with a priority list (the summary) and 1 for the
    # number of neighbourhoods (whether the home page can list a cell's activities).
    with django_assert_max_num_queries(17):
        response = client.get(PAGE + "&model=peer")
    assert response.status_code == 200
    html = response.content.decode()
    cells = page_cells(html)
    assert len(cells) == 2 * 7
    assert cells[("T0001W1", "peer")] == {
        "cell-activities": "2",
        "cell-per-1000": "0,5",
        "cell-walking": "100 %",
        "cell-cycling": "100 %",
    }
    assert cells[("T0001W2", "peer")]["cell-walking"] == "0 %"
    # The count links to the public list of those activities, not to the API.
    assert 'href="/buurt/T0001W1/#model-peer"' in html
    assert "/api/v1/activities/" not in html
    # The map gets the chosen model's walking shares.
    assert '"shares": {"T0001W1": 1.0, "T0001W2": 0.0}' in html


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("level=sector", "level"),
        ("level=%00", "level"),
        ("model=astrology", "model"),
        ("date=gisteren", "date"),
        ("date=2026-02-30", "date"),
        ("table=everything", "table"),
    ],
)
def test_bad_input_is_a_400_that_names_the_field(scene, query, field):  # noqa: F811
    response = logged_in("policymaker").get(f"/beleid/dekking/T0001/?{query}")
    assert response.status_code == 400
    assert f"{field}:" in response.content.decode()


def test_a_date_from_today_on_is_refused_and_unknown_places_are_404(scene):  # noqa: F811
    client = logged_in("policymaker")
    today = timezone.localdate()
    assert client.get(f"/beleid/dekking/T0001/?date={today.isoformat()}").status_code == 400
    yesterday = (today - timedelta(days=1)).isoformat()
    assert (
        client.get(f"/beleid/dekking/T0001/?level=neighbourhood&date={yesterday}").status_code
        == 200
    )
    assert client.get("/beleid/dekking/T9999/").status_code == 404
    assert client.get("/beleid/dekking/T0001W1/").status_code == 404  # not a municipality
    assert client.get("/beleid/dekking/T0001/dekking.docx").status_code == 404


def test_the_page_opens_with_the_summary_and_says_why_no_area_is_a_priority(scene):  # noqa: F811
    html = logged_in("policymaker").get("/beleid/dekking/T0001/").content.decode()
    # Without districts and without an assessment: the wijken, and the reason in words.
    assert 'value="neighbourhood" selected' in html
    summary = html[html.index('id="summary"') : html.index('id="matrix-title"')]
    assert "In het kort, per wijk" in summary
    assert "10.000 inwoners in 2 gebieden" in summary
    assert "nog niet beoordeeld" in summary
    # The largest gap first: four work models nobody reaches on foot (100 %, 10.000).
    assert summary.index("<strong>100 %</strong> · 10.000") < summary.index("60 %")
