"""Issue 19: the workspace form collects every fact the public page shows. What the
worker did not say reads "not said: ask", never a default, on the page, in the API and in
the JSON-LD; the form explains its errors; cancelling asks first and can be undone; the
history speaks in words; moderators see the whole post."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, expect

from events.models import Activity, Status
from places.models import Organisation, Place
from places.services import membership_add
from tests.browser.conftest import _new_page
from tests.browser.form_support import fill_date
from tests.browser.workspace_support import PASSWORD, WEEKDAYS_NL, log_in

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/form-shots")


def fill_basics(page: Page, *, title: str, place: Place, start="19:00", end="21:00") -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    page.get_by_label("Titel").fill(title)
    page.get_by_label("In één zin").fill("Ouders die er alleen voor staan, ontmoeten elkaar.")
    page.get_by_label("Soort", exact=True).select_option(label="lotgenotengroep")
    page.get_by_role("checkbox", name=re.compile("Lotgenotennetwerken")).check()
    page.get_by_label("Plek", exact=True).select_option(label=place.name)
    fill_date(page.get_by_role("group", name="Eerste datum"), tomorrow)
    page.get_by_label("Begint om").fill(start)
    page.get_by_label("Eindigt om").fill(end)
    page.get_by_label("Elke week", exact=True).check()
    page.get_by_label(WEEKDAYS_NL[tomorrow.weekday()], exact=True).check()


def test_posted_facts_and_only_those_reach_the_page_the_api_and_json_ld(
    live_server, worker, page: Page
):
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/werkruimte/nieuw/")
    # Languages by their own names; Leaflet.draw speaks Dutch.
    languages = page.get_by_role("group", name="Gesproken talen")
    for autonym in ("Nederlands", "العربية", "Türkçe", "ትግርኛ", "Українська", "ⵜⴰⵎⴰⵣⵉⵖⵜ"):
        expect(languages.get_by_role("checkbox", name=re.compile(autonym))).to_have_count(1)
    page.get_by_text("Een plek die niet in de lijst staat").click()
    marker = page.locator("#field-new_place_location a.leaflet-draw-draw-marker")
    expect(marker).to_have_attribute("title", "Zet een speld op de kaart")

    fill_basics(page, title="Praatgroep alleenstaande ouders", place=worker["place"])
    page.get_by_label("Toon alleen de wijk").check()
    page.get_by_role("button", name="Activiteit plaatsen").click()
    # No phone and no e-mail with a hidden address: refused, and the summary says why.
    summary = page.get_by_role("alert").filter(has_text="Er is een probleem")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("E-mail"))).to_contain_text(
        "telefoonnummer of een e-mailadres"
    )
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "form-error-summary.png"), full_page=False)
    assert not Activity.objects.filter(title="Praatgroep alleenstaande ouders").exists()

    page.get_by_label("E-mail", exact=True).fill("praatgroep@example.org")
    page.get_by_role("checkbox", name="ouders", exact=True).check()
    languages.get_by_role("checkbox", name="Nederlands", exact=True).check()
    languages.get_by_role("checkbox", name="العربية", exact=True).check()
    page.screenshot(path=str(SHOTS / "form-filled.png"), full_page=True)
    page.get_by_role("button", name="Activiteit plaatsen").click()

    banner = page.get_by_role("status").filter(has_text="Bewaard en gepubliceerd")
    expect(banner).to_be_visible()
    activity = Activity.objects.get(title="Praatgroep alleenstaande ouders")
    assert activity.audiences == ["parents"] and activity.languages == ["nl", "ar"]
    assert activity.cost == "unknown" and activity.registration_required is None
    banner.get_by_role("link", name="Bekijk de publieke pagina").click()

    expect(page.get_by_role("heading", name="Praatgroep alleenstaande ouders")).to_be_visible()
    content = page.locator("article").inner_text()
    assert "Gratis" not in content
    assert "Inschrijven hoeft niet" not in content
    assert "geven je het adres" not in content
    assert "Voor: ouders" in content
    cost = page.get_by_role("region", name="Prijs")
    expect(cost).to_contain_text("Niet gezegd: vraag het na")
    join = page.get_by_role("region", name=re.compile("Hoe doe je mee|Meedoen"))
    expect(join).to_contain_text("Of je moet inschrijven: niet gezegd")
    expect(join.get_by_role("link", name="praatgroep@example.org")).to_be_visible()
    expect(page.get_by_text(re.compile("vraag het adres aan de organisatoren"))).to_be_visible()

    event = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert "isAccessibleForFree" not in event and "offers" not in event
    assert event["inLanguage"] == ["nl", "ar"]

    api = page.request.get(f"{live_server.url}/api/v1/activities/{activity.pk}/").json()
    assert api["cost"] == {"kind": "unknown", "amount": None, "social_tariff": ""}
    assert api["registration"] == {"required": None, "how": ""}
    assert api["audiences"] == ["parents"] and api["languages"] == ["nl", "ar"]
    assert api["basic_dutch_ok"] is None
    assert api["contact_email"] == "praatgroep@example.org" and api["contact_phone"] == ""


def test_paid_with_registration_says_so_everywhere(live_server, worker, page: Page):
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/werkruimte/nieuw/")
    fill_basics(page, title="Kookcursus", place=worker["place"])
    page.get_by_role("radio", name="Betalend").check()
    page.get_by_label("Bedrag (EUR)").fill("3.50")
    page.get_by_label("Sociaal tarief").fill("UiTPAS kansentarief €0,60")
    page.get_by_role("group", name="Inschrijven nodig?").get_by_role("radio", name="Ja").check()
    page.get_by_label("Hoe inschrijven").fill("Bel Fatima")
    page.get_by_label("Telefoon").fill("09 123 45 67")
    page.get_by_role("button", name="Activiteit plaatsen").click()
    expect(page.get_by_role("status").filter(has_text="gepubliceerd")).to_be_visible()
    activity = Activity.objects.get(title="Kookcursus")
    page.goto(f"{live_server.url}/activiteit/{activity.pk}/")
    expect(page.get_by_role("region", name="Prijs")).to_contain_text("€ 3,5")
    expect(page.get_by_text("Bel Fatima")).to_be_visible()
    event = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert event["isAccessibleForFree"] is False and event["offers"]["price"] == "3.50"
    api = page.request.get(f"{live_server.url}/api/v1/activities/{activity.pk}/").json()
    assert api["cost"]["kind"] == "paid" and api["cost"]["amount"] == "3.50"
    assert api["registration"] == {"required": True, "how": "Bel Fatima"}


def test_an_end_before_the_start_is_refused_with_a_sentence(
    live_server, worker, page_without_javascript: Page
):
    # Without JavaScript: the refusal is the server's, not the live preview's.
    page = page_without_javascript
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/werkruimte/nieuw/")
    fill_basics(page, title="Nachtcafé", place=worker["place"], start="22:00", end="01:00")
    page.get_by_role("button", name="Activiteit plaatsen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.locator("#field-end_time")).to_contain_text("Het einde ligt vóór het begin")
    assert not Activity.objects.filter(title="Nachtcafé").exists()
    page.get_by_label("Eindigt de volgende dag").check()
    page.get_by_role("button", name="Activiteit plaatsen").click()
    expect(page.get_by_role("status").filter(has_text="gepubliceerd")).to_be_visible()
    assert Activity.objects.get(title="Nachtcafé").schedule.duration == timedelta(hours=3)


def test_cancelling_asks_first_shows_the_reason_and_can_be_undone(live_server, worker, page: Page):
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/werkruimte/nieuw/")
    fill_basics(page, title="Babbelgroep", place=worker["place"])
    page.get_by_label("Telefoon").fill("09 123 45 67")
    page.get_by_role("button", name="Activiteit plaatsen").click()
    activity = Activity.objects.get(title="Babbelgroep")
    first = activity.occurrences.order_by("start").first()

    page.get_by_role("link", name=re.compile("Afgelasten van de sessie|sessie van")).first.click()
    expect(page.get_by_role("heading", name=re.compile("afgelasten\\?"))).to_be_visible()
    first.refresh_from_db()
    assert not first.cancelled  # asking changes nothing yet
    page.get_by_label(re.compile("Reden")).fill("De zaal is dicht voor herstellingen.")
    page.get_by_role("button", name="Ja, deze datum afgelasten").click()
    expect(page.get_by_role("status").first).to_contain_text("afgelast")
    first.refresh_from_db()
    assert first.cancelled and first.cancel_reason == "De zaal is dicht voor herstellingen."

    page.goto(f"{live_server.url}/activiteit/{activity.pk}/")
    expect(page.get_by_text("De zaal is dicht voor herstellingen.")).to_be_visible()
    api = page.request.get(f"{live_server.url}/api/v1/activities/{activity.pk}/").json()
    assert api["next_occurrences"][0]["cancel_reason"] == "De zaal is dicht voor herstellingen."

    page.goto(f"{live_server.url}/werkruimte/activiteit/{activity.pk}/")
    page.get_by_role("button", name=re.compile("Afgelasting van .* ongedaan maken")).click()
    expect(page.get_by_role("status").first).to_contain_text("gaat weer door")
    first.refresh_from_db()
    assert not first.cancelled and first.start not in activity.schedule.exdates

    # The whole activity: asked, reason on the public page, undone.
    page.get_by_role("link", name="De hele activiteit afgelasten").click()
    page.get_by_label(re.compile("Reden")).fill("De begeleider is ziek.")
    page.get_by_role("button", name="Ja, afgelasten").click()
    activity.refresh_from_db()
    assert activity.status == Status.CANCELLED
    page.goto(f"{live_server.url}/activiteit/{activity.pk}/")
    expect(page.get_by_text("De begeleider is ziek.")).to_be_visible()
    page.goto(f"{live_server.url}/werkruimte/activiteit/{activity.pk}/")
    page.get_by_role("button", name="Afgelasting ongedaan maken").click()
    activity.refresh_from_db()
    assert activity.status == Status.PUBLISHED and activity.cancel_reason == ""
    assert not activity.occurrences.filter(cancelled=True).exists()


def test_history_says_schedules_in_words_and_shows_time_changes(live_server, worker, page: Page):
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/werkruimte/nieuw/")
    fill_basics(page, title="Wandelclub", place=worker["place"])
    page.get_by_label("Telefoon").fill("09 123 45 67")
    page.get_by_role("button", name="Activiteit plaatsen").click()
    page.get_by_label("Eindigt om").fill("21:30")
    page.get_by_role("button", name="Wijzigingen bewaren").click()
    expect(page.get_by_role("status").first).to_be_visible()
    page.get_by_role("link", name="Geschiedenis").first.click()
    history = page.locator("ol.history").inner_text()
    assert "FREQ=" not in history and "BYDAY" not in history
    assert re.search(r"elke \w+dag", history), history
    row = page.get_by_role("row", name=re.compile("21:30"))
    before, after = row.get_by_role("cell").nth(1), row.get_by_role("cell").nth(2)
    expect(before).to_contain_text("19:00–21:00")
    expect(after).to_contain_text("19:00–21:30")


def test_the_workspace_list_fits_a_360_px_phone(live_server, worker, browser):
    page, errors = _new_page(browser, viewport={"width": 360, "height": 740})
    context = page.context
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/werkruimte/")
    expect(page.get_by_role("heading", name="Werkruimte")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "workspace-360.png"), full_page=True)
    context.close()
    assert not errors, errors
    assert width <= 360, width


def test_moderation_shows_the_whole_post_and_asks_before_verifying(live_server, worker, page: Page):
    newcomer = Organisation.objects.create(name="Nieuwe vzw")
    poster = get_user_model().objects.create_user("jonas", "jonas@example.org", PASSWORD)
    membership_add(organisation=newcomer, user=poster)
    moderator = get_user_model().objects.create_user("mo", "mo@example.org", PASSWORD)
    membership_add(organisation=worker["organisation"], user=moderator, role="moderator")

    log_in(page, live_server.url, "jonas")
    page.goto(f"{live_server.url}/werkruimte/nieuw/")
    page.get_by_label("Titel").fill("Naaiatelier")
    page.get_by_label("In één zin").fill("Samen kleren herstellen.")
    page.get_by_role("checkbox", name=re.compile("Vrijwilligerswerkingen")).check()
    page.get_by_text("Een plek die niet in de lijst staat").click()
    page.get_by_label("Naam van de nieuwe plek").fill("Zaaltje")
    page.locator("#field-new_place_location a.leaflet-draw-draw-marker").click()
    page.locator("#id_new_place_location-map").click(position={"x": 300, "y": 200})
    in_two_days = timezone.localdate() + timedelta(days=2)
    fill_date(page.get_by_role("group", name="Eerste datum"), in_two_days)
    page.get_by_label("Begint om").fill("14:00")
    page.get_by_label("Eindigt om").fill("16:00")
    page.get_by_label("Eén keer", exact=True).check()
    page.locator("summary", has_text="Meer").click()
    page.get_by_label("Beschrijving").fill("Breng je kapotte broek mee.")
    page.get_by_label("Telefoon").fill("0470 12 34 56")
    page.get_by_role("button", name="Activiteit plaatsen").click()
    expect(page.get_by_role("status").filter(has_text="wacht op een moderator")).to_be_visible()
    page.context.clear_cookies()

    log_in(page, live_server.url, "mo")
    page.goto(f"{live_server.url}/werkruimte/moderatie/")
    post = page.get_by_role("article", name="Naaiatelier")
    expect(post).to_contain_text("Breng je kapotte broek mee.")
    expect(post).to_contain_text("0470 12 34 56")
    preview = post.get_by_role("link", name=re.compile("Voorbeeld van de publieke pagina"))
    expect(preview).to_be_visible()
    publish = post.get_by_role("button", name="Naaiatelier publiceren")
    send_back = post.get_by_text("Terugsturen").first
    colours = [
        element.evaluate("e => getComputedStyle(e).backgroundColor")
        for element in (publish, send_back)
    ]
    assert colours[0] != colours[1], colours

    verify = page.get_by_role("button", name="Verifiëren en berichten publiceren: Nieuwe vzw")
    verify.click()  # the required box is not ticked: nothing happens
    newcomer.refresh_from_db()
    assert not newcomer.verified
    page.get_by_label(re.compile("Ik heb Nieuwe vzw nagekeken")).check()
    verify.click()
    expect(page.get_by_role("status").first).to_be_visible()
    newcomer.refresh_from_db()
    assert newcomer.verified
    assert Activity.objects.get(title="Naaiatelier").status == Status.PUBLISHED
