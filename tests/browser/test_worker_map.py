import pytest
from playwright.sync_api import Page, expect

from places.models import Organisation
from places.services import membership_add
from tests.browser.test_home import ARTIFACTS
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def fatima(demo):
    user = UserFactory(username="fatima")
    user.set_password("veilig-wachtwoord-42")
    user.save()
    membership_add(organisation=Organisation.objects.first(), user=user)
    return user


def test_a_community_worker_logs_in_and_sees_the_sensitivity_map(live_server, fatima, page: Page):
    page.goto(f"{live_server.url}/werkers/kaart/")
    expect(page.get_by_role("heading", name="Aanmelden voor buurtwerkers")).to_be_visible()
    page.get_by_label("Gebruikersnaam").fill("fatima")
    page.get_by_label("Wachtwoord").fill("veilig-wachtwoord-42")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Waar de buurt verandert")).to_be_visible()
    expect(
        page.get_by_role("list", name="Legende", exact=True)
    ).to_be_visible()  # not the marks' legend
    coloured = page.locator("#sensitivity-map path[data-type]")
    expect(coloured.first).to_be_attached()
    assert coloured.count() == 20
    types = {coloured.nth(i).get_attribute("data-type") for i in range(coloured.count())}
    assert len(types) >= 3
    # The activities' places on top: the home map's round marks (test_map_marks.py).
    expect(
        page.locator("#sensitivity-map .leaflet-marker-icon.marker-place").nth(5)
    ).to_be_attached()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "worker-map.png"), full_page=True)


def test_anonymous_visitors_are_sent_to_the_login(live_server, demo, page: Page):
    page.goto(f"{live_server.url}/werkers/kaart/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/werkers/kaart/")


def test_the_area_page_explains_the_type_in_plain_words(live_server, fatima, page: Page):
    page.goto(f"{live_server.url}/accounts/login/?next=/werkers/kaart/")
    page.get_by_label("Gebruikersnaam").fill("fatima")
    page.get_by_label("Wachtwoord").fill("veilig-wachtwoord-42")
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("link", name="Sluispark (99001W04)").click()
    expect(page.get_by_role("heading", name="Sluispark (99001W04)")).to_be_visible()
    expect(page.get_by_text("dynamisch").first).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="gemeente").first).to_be_visible()
