"""Every map with hostile names (issue 20, finding 1): names and titles that are HTML must
show as text in every tooltip, popup and icon, and never run or add an element.

Each map's tooltips and popups are opened one by one (Leaflet only inserts their content
when they open); a dialog, an element made from a name, or a console error fails the test.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Concat, Mod
from playwright.sync_api import Page, expect

from buurt.models import Area
from events.models import Activity, Status
from places.models import Organisation, Place
from places.services import membership_add
from tests.browser.conftest import wait_until

pytestmark = pytest.mark.browser
PASSWORD = "een-lang-genoeg-wachtwoord"
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(2)>",
    '"><script>alert(3)</script>',
    '<b class="pwned">vet</b>',
    "<iframe src=javascript:alert(4)></iframe>",
]

# Collects every Leaflet map of the page as django-leaflet creates it.
COLLECT_MAPS = """
window.testMaps = [];
window.addEventListener("map:init", (event) => window.testMaps.push(event.detail.map));
"""
# Opens each tooltip and popup on every map, and counts what a name could have injected.
OPEN_ALL = """
() => {
  const injected = () => document.querySelectorAll(
    'img[src="x"], [onerror], [onload], iframe, .pwned'
  ).length + [...document.scripts].filter(
    (s) => !s.type.includes("json") && s.textContent.includes("alert(")
  ).length;
  let opened = 0, worst = 0;
  const texts = [];
  for (const map of window.testMaps) {
    const layers = [];
    map.eachLayer((layer) => layers.push(layer));
    // Tooltips first: a popup pans the map, and a pan may redraw its markers.
    for (const [get, open] of [["getTooltip", "openTooltip"], ["getPopup", "openPopup"]]) {
      for (const layer of layers) {
        const bound = layer[get]?.();
        if (!bound) continue;
        layer[open]();
        opened += 1;
        texts.push(bound.getElement()?.textContent || "");
        worst = Math.max(worst, injected());
      }
    }
    for (const icon of map.getContainer().querySelectorAll(".leaflet-marker-icon")) {
      texts.push(icon.textContent);
    }
  }
  return { opened, worst, texts, injected: injected() };
}
"""


def _hostile(field: str):
    """The field's value with one of the payloads in front, chosen by primary key."""
    return Case(
        *[
            When(pk_mod=i, then=Concat(Value(f"{payload} "), F(field)))
            for i, payload in enumerate(PAYLOADS)
        ],
        output_field=CharField(),
    )


@pytest.fixture
def hostile(demo):
    for model, field in ((Area, "name"), (Place, "name"), (Activity, "title")):
        model.objects.annotate(pk_mod=Mod(F("pk"), len(PAYLOADS))).update(
            **{field: _hostile(field)}
        )
    organisation = Organisation.objects.filter(verified=True).order_by("name").first()
    user = get_user_model().objects.create_user("moderator", "m@example.org", PASSWORD)
    membership_add(organisation=organisation, user=user, role="moderator")
    return organisation


def _watch(page: Page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(COLLECT_MAPS)
    return dialogs


def _log_in(page: Page, live_server) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("moderator")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    # A moderator starts on moderation (places.roles.start_page).
    expect(page.get_by_role("heading", name="Nazicht", exact=True)).to_be_visible()


def _open_everything(page: Page, dialogs: list[str], *, at_least: int) -> list[str]:
    result = page.evaluate(OPEN_ALL)
    page.wait_for_timeout(300)  # an onerror handler runs after the image failed
    assert result["opened"] >= at_least, result
    assert result["worst"] == 0 and result["injected"] == 0, result
    assert page.evaluate(OPEN_ALL)["injected"] == 0
    assert not dialogs, dialogs
    return result["texts"]


def test_the_home_map_shows_hostile_names_as_text(live_server, hostile, page: Page):
    dialogs = _watch(page)
    page.goto(f"{live_server.url}/")
    expect(page.locator("#places-map[data-drawn]")).to_be_attached()
    # Close enough to one place that it is drawn as a marker of its own, with its tooltip.
    place = Place.objects.filter(precision="exact").order_by("pk").first()
    page.wait_for_timeout(500)  # the first viewports settle
    drawn = page.evaluate("window.buurtwijzerMapTimings.length")
    page.evaluate(
        "([lat, lon]) => window.buurtwijzerHomeMap.setView([lat, lon], 18)",
        [place.location.y, place.location.x],
    )
    wait_until(page, f"window.buurtwijzerMapTimings.length > {drawn}")
    page.wait_for_timeout(500)
    texts = _open_everything(page, dialogs, at_least=2)
    assert any(place.name in text for text in texts), (place.name, texts)
    assert any("<" in text for text in texts), "the popups show the names as text"


def test_the_workers_map_shows_hostile_names_as_text(live_server, hostile, page: Page):
    dialogs = _watch(page)
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/werkers/kaart/")
    expect(page.locator("#sensitivity-map path[data-type]").first).to_be_attached()
    # The places layer comes after the areas: round marks (test_map_marks.py).
    expect(page.locator("#sensitivity-map .marker-place").nth(5)).to_be_attached()
    texts = _open_everything(page, dialogs, at_least=21)
    area = Area.objects.filter(kind="neighbourhood").order_by("pk").first()
    assert any(text.startswith(area.name) for text in texts), texts
    assert any(place.name in texts for place in Place.objects.all()), texts


def test_the_dashboard_map_shows_hostile_names_as_text(live_server, hostile, page: Page):
    dialogs = _watch(page)
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/beleid/dekking/99001/?level=district")
    expect(page.locator("#coverage-map path[data-share]")).to_have_count(4)
    texts = _open_everything(page, dialogs, at_least=4)
    assert any(text.startswith("<") for text in texts), texts


def test_the_workspace_map_shows_hostile_names_as_text(live_server, hostile, page: Page):
    dialogs = _watch(page)
    _log_in(page, live_server)
    activity = Activity.objects.filter(
        organisation=hostile, status=Status.PUBLISHED, place__isnull=False
    ).first()
    for path in ("/werkruimte/nieuw/", f"/werkruimte/activiteit/{activity.pk}/"):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator(".leaflet-container").first).to_be_attached()
        page.get_by_text("Een plek die niet in de lijst staat").click()
        _open_everything(page, dialogs, at_least=0)
    expect(page.get_by_role("heading", name=activity.title)).to_be_visible()
