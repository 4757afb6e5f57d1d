"""A community worker posts a weekly peer group, shown by its neighbourhood only, as a
person would: logging in, filling the form by its labels, and finding it on the public
site."""

import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from events.models import Activity
from places.models import Precision
from tests.browser.form_support import fill_date
from tests.browser.workspace_support import WEEKDAYS_NL, log_in

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_a_worker_posts_a_weekly_peer_group_in_under_two_minutes(live_server, worker, page: Page):
    # Tomorrow's weekday: the first session is always within this week's board.
    tomorrow = timezone.localdate() + timedelta(days=1)
    weekday = WEEKDAYS_NL[tomorrow.weekday()]
    title = "Praatgroep alleenstaande ouders"
    started = time.perf_counter()

    log_in(page, live_server.url)
    expect(page.get_by_role("heading", name="Werkruimte")).to_be_visible()
    page.get_by_role("link", name="Activiteit plaatsen").first.click()

    form = page.locator("form.activity-form")
    boxes = form.locator("input[required], select[required], textarea[required]").evaluate_all(
        "elements => elements.filter(e => e.offsetParent !== null).map(e => e.name)"
    )
    # The date is one field in three boxes (date_day, date_month, date_year).
    required = {re.sub(r"_(day|month|year)$", "", name) for name in boxes}
    # Title, one sentence, kind, date, start, end, how often (kind and how often have
    # a sensible default): few things to type.
    assert len(required) <= 7, required

    page.get_by_label("Titel").fill(title)
    page.get_by_label("In één zin").fill("Ouders die er alleen voor staan, ontmoeten elkaar.")
    page.get_by_label("Soort", exact=True).select_option(label="lotgenotengroep")
    page.get_by_role("checkbox", name=re.compile("Lotgenotennetwerken")).check()
    page.get_by_label("Plek", exact=True).select_option(label=worker["place"].name)
    page.get_by_label("Toon alleen de wijk").check()
    page.get_by_label("Telefoon").fill("09 123 45 67")  # residents ask it for the address
    fill_date(page.get_by_role("group", name="Eerste datum"), timezone.localdate())
    page.get_by_label("Begint om").fill("19:00")
    page.get_by_label("Eindigt om").fill("21:00")
    page.get_by_label("Elke week", exact=True).check()
    page.get_by_label(weekday, exact=True).check()
    preview = page.get_by_role("region", name="Volgende data")
    expect(preview.get_by_role("listitem")).to_have_count(6)
    expect(preview.get_by_role("listitem").first).to_contain_text(weekday)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "workspace-form.png"), full_page=True)
    page.get_by_role("button", name="Activiteit plaatsen").click()

    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_text("gepubliceerd", exact=False).first).to_be_visible()
    page.get_by_role("link", name="Publieke pagina", exact=True).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    activity = Activity.objects.get(title=title)
    assert activity.place.precision == Precision.AREA
    assert worker["place"].address not in page.content()
    page.goto(live_server.url)
    expect(page.get_by_role("region", name="Activiteiten").get_by_text(title).first).to_be_visible()
    elapsed = time.perf_counter() - started
    print(f"\nPosting a weekly peer group, login to public page: {elapsed:.1f} s")

    # Keeping it current: one click, and the history says who did what. Confirmed a while
    # ago (posting confirms it too: a second confirmation the same day changes nothing, and
    # the audit trail records no row for it).
    Activity.objects.filter(title=title).update(
        last_verified=timezone.localdate() - timedelta(days=120)
    )
    page.goto(f"{live_server.url}/werkruimte/")
    page.get_by_role("button", name=f"Klopt nog: {title}").click()
    expect(page.get_by_role("status")).to_contain_text("nog correct")
    page.screenshot(path=str(ARTIFACTS / "workspace.png"), full_page=True)
    page.get_by_role("row", name=re.compile(title)).get_by_role("link", name="Geschiedenis").click()
    expect(page.get_by_role("heading", name=re.compile("Geschiedenis van"))).to_be_visible()
    expect(page.get_by_text("bevestigd: klopt nog")).to_be_visible()

    # A place that is not in the list yet, put on the map.
    page.get_by_role("link", name="Activiteit plaatsen").first.click()
    page.get_by_label("Titel").fill("Repair café")
    page.get_by_label("In één zin").fill("Samen kapotte spullen herstellen.")
    page.get_by_role("checkbox", name=re.compile("Vrijwilligerswerkingen")).check()
    page.get_by_text("Een plek die niet in de lijst staat").click()
    page.get_by_label("Naam van de nieuwe plek").fill("Garage Van Acker")
    page.locator("#field-new_place_location a.leaflet-draw-draw-marker").click()
    page.locator("#id_new_place_location-map").click(position={"x": 300, "y": 200})
    fill_date(page.get_by_role("group", name="Eerste datum"), tomorrow)
    page.get_by_label("Begint om").fill("14:00")
    page.get_by_label("Eindigt om").fill("17:00")
    page.get_by_label("Eén keer", exact=True).check()
    page.get_by_role("button", name="Activiteit plaatsen").click()
    expect(page.get_by_role("heading", name="Repair café")).to_be_visible()
    repair = Activity.objects.get(title="Repair café")
    assert repair.place.name == "Garage Van Acker" and repair.schedule.rrule == ""


def test_the_form_previews_dates_without_javascript(
    live_server, worker, page_without_javascript: Page
):
    page = page_without_javascript
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/werkruimte/nieuw/")
    fill_date(page.get_by_role("group", name="Eerste datum"), timezone.localdate())
    page.get_by_label("Begint om").fill("10:00")
    page.get_by_label("Eindigt om").fill("12:00")
    page.get_by_label("Om de twee weken").check()
    page.get_by_role("button", name="Toon de volgende data").click()
    preview = page.get_by_role("region", name="Volgende data")
    expect(preview.get_by_role("listitem")).to_have_count(6)
    assert not Activity.objects.filter(created_by__username="sofie").exists()
