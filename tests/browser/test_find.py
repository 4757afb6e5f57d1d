"""Residents find things (issue 19, part 2), tried in Chromium as a resident would: the
search box and quick choices, plain work-model names, the audience and date filters, how
to join, the language of the content and the map's legend (the poster and the error pages:
test_poster_and_error_pages.py)."""

import re
from pathlib import Path

import pytest
from django.utils import formats, timezone
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import _new_page, wait_until
from tests.browser.form_support import fill_date
from tests.browser.reach import inject_axe

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/find-shots")
PHONE = {"width": 360, "height": 740}


def results(page: Page):
    return page.get_by_role("region", name="Activiteiten")


def cards(page: Page):
    # The cards, not every list item: a card's work-model tags are a list of their own.
    return results(page).locator(".activity-card")


def open_filters(page: Page) -> None:
    summary = page.locator("#filters summary")
    if page.locator("#filters details").get_attribute("open") is None:
        summary.click()


def test_a_resident_searches_from_the_top_of_the_phone_page(live_server, demo, page: Page):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url)
    search = page.get_by_role("search").get_by_label("Zoek een activiteit")
    expect(search).to_be_visible()
    # The search box and the quick choices are on the first screen, before the list.
    assert search.bounding_box()["y"] < PHONE["height"] / 2
    quick = page.get_by_role("navigation", name="Snel kiezen")
    for name in ("Vandaag", "Deze week", "Gratis"):
        expect(quick.get_by_role("link", name=name)).to_be_visible()
    # With JavaScript "near me" asks for the location (a link without it: see below).
    expect(quick.get_by_role("button", name="Dicht bij mij")).to_be_visible()
    # The filters are one line above the list, not thousands of pixels below it.
    summary = page.locator("#filters summary")
    expect(summary).to_contain_text("Filters")
    assert summary.bounding_box()["y"] < PHONE["height"]
    expect(page.get_by_label("Vrijwilligerswerkingen via organisatie")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "home-360-top.png"))

    search.fill("budget")
    search.press("Enter")
    page.wait_for_url(re.compile(r"q=budget"))
    expect(cards(page).first.get_by_role("heading")).to_contain_text("Budgetcursus")
    expect(page.get_by_role("search").get_by_label("Zoek een activiteit")).to_have_value("budget")
    page.screenshot(path=str(SHOTS / "home-360-search.png"), full_page=True)
    # A quick choice keeps the search words; choosing it again switches it off.
    quick.get_by_role("link", name="Gratis").click()
    page.wait_for_url(re.compile(r"free=on"))
    assert "q=budget" in page.url
    free = page.get_by_role("navigation", name="Snel kiezen").get_by_role("link", name="Gratis")
    expect(free).to_have_attribute("aria-current", "true")
    for card in cards(page).all():
        expect(card).to_contain_text("Gratis")
    free.click()
    page.wait_for_url(lambda url: "free=on" not in url)


def test_today_and_this_week_are_one_tap(live_server, demo, page: Page):
    page.goto(live_server.url)
    everything = int(page.locator(".result-count").get_attribute("data-count"))
    quick = page.get_by_role("navigation", name="Snel kiezen")
    quick.get_by_role("link", name="Vandaag").click()
    page.wait_for_url(re.compile(r"when=today"))
    expect(quick.get_by_role("link", name="Vandaag")).to_have_attribute("aria-current", "true")
    today = formats.date_format(timezone.localdate(), "l j F")
    for day in results(page).locator("time").all_inner_texts():
        assert day.startswith(today), (day, today)
    quick.get_by_role("link", name="Deze week").click()
    page.wait_for_url(re.compile(r"when=week"))
    this_week = int(page.locator(".result-count").get_attribute("data-count"))
    assert 0 < this_week <= everything


def test_near_me_asks_the_browser_for_the_location(live_server, demo, browser: Browser):
    page, errors = _new_page(
        browser, geolocation={"longitude": 3.996, "latitude": 50.963}, permissions=["geolocation"]
    )
    page.goto(live_server.url)
    page.get_by_role("navigation", name="Snel kiezen").get_by_role(
        "button", name="Dicht bij mij"
    ).click()
    page.wait_for_url(re.compile(r"near=3\.996"))
    expect(page.get_by_text("binnen 2000 m, dichtste eerst")).to_be_visible()
    near = page.get_by_role("navigation", name="Snel kiezen").get_by_role(
        "link", name="Dicht bij mij"
    )
    expect(near).to_have_attribute("aria-current", "true")
    page.context.close()
    assert not errors, errors


def test_near_me_without_a_location_leads_to_the_neighbourhood(live_server, demo, browser: Browser):
    page, errors = _new_page(browser)  # no permission: the browser refuses the location
    page.set_viewport_size(PHONE)
    page.goto(live_server.url)
    page.get_by_role("button", name="Dicht bij mij").click()
    expect(page.get_by_role("status").filter(has_text="Kies je buurt")).to_be_visible()
    expect(page.get_by_label("Je buurt")).to_be_focused()
    page.context.close()
    assert not errors, errors


def test_near_me_without_javascript_is_a_link_to_the_neighbourhood(
    live_server, demo, page_without_javascript: Page
):
    page = page_without_javascript
    page.goto(live_server.url)
    page.get_by_role("link", name="Dicht bij mij").click()
    expect(page.get_by_label("Je buurt")).to_be_visible()


def test_work_models_read_plainly_first_with_the_research_name_second(
    live_server, demo, page: Page
):
    page.goto(live_server.url)
    open_filters(page)
    model = page.get_by_role("checkbox", name="Iets bijleren (Persoonlijke competentieversterking)")
    expect(model).to_be_visible()
    label = page.locator("label[for=model-competence]")
    text = label.inner_text()
    assert text.index("Iets bijleren") < text.index("Persoonlijke competentieversterking")
    model.check()
    page.get_by_role("button", name="Toon activiteiten").click()
    first = cards(page).first
    expect(first).to_contain_text("Iets bijleren (Persoonlijke competentieversterking)")
    page.goto(live_server.url + "/fr/")
    open_filters(page)
    expect(
        page.get_by_role("checkbox", name="Apprendre quelque chose (Renforcement des compétences")
    ).to_be_visible()


def test_for_whom_and_typed_dates(live_server, demo, page_without_javascript: Page):
    from datetime import timedelta

    page = page_without_javascript
    page.goto(live_server.url)
    everything = int(page.locator(".result-count").get_attribute("data-count"))
    open_filters(page)
    audience = page.get_by_label("Voor wie")
    options = [text.strip().lower() for text in audience.locator("option").all_inner_texts()]
    assert len(options) == len(set(options)), options
    audience.select_option(label="Kinderen")
    page.get_by_role("button", name="Toon activiteiten").click()
    # Activities for everyone stay in the list: a shared meal is for children too.
    expect(cards(page).filter(has_text="Samen eten in Het Warme Nest")).not_to_have_count(0)
    # A date typed in "Van" applies while "Eender wanneer" is still chosen (no JavaScript here).
    page.goto(live_server.url)
    open_filters(page)
    expect(page.get_by_label("Eender wanneer")).to_be_checked()
    today = timezone.localdate()
    tuesday = today + timedelta(days=8 + (1 - today.weekday() - 8) % 7)
    fill_date(page.get_by_role("group", name="Van", exact=True), tuesday)
    fill_date(page.get_by_role("group", name="Tot en met"), tuesday)
    page.get_by_role("button", name="Toon activiteiten").click()
    shown = int(page.locator(".result-count").get_attribute("data-count"))
    assert 0 < shown < everything
    day = formats.date_format(tuesday, "l j F")
    for text in results(page).locator("time").all_inner_texts():
        assert text.startswith(day), (text, day)


def test_how_to_join_is_right_under_the_title_and_the_next_date(live_server, demo, page: Page):
    from events.models import Activity

    activity = Activity.objects.exclude(contact_phone="").filter(status="published").first()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/activiteit/{activity.pk}/")
    title = page.get_by_role("heading", level=1)
    join = page.get_by_role("region", name="Hoe doe je mee")
    call = join.get_by_role("link", name=re.compile(r"^Bel "))
    expect(call).to_be_visible()
    assert call.get_attribute("href").startswith("tel:")
    next_date = page.locator(".next-date")
    boxes = [item.bounding_box() for item in (title, next_date, call)]
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]
    # On the first screen of a phone, before what to expect, where and the cost.
    assert boxes[2]["y"] + boxes[2]["height"] < PHONE["height"]
    assert (
        call.bounding_box()["y"] < page.get_by_role("heading", name="Wanneer").bounding_box()["y"]
    )
    page.screenshot(path=str(SHOTS / "activity-360.png"))


def test_dutch_content_on_french_and_english_pages_says_so(live_server, demo, page: Page):
    from events.models import Activity

    activity = Activity.objects.get(title="Praatgroep voor alleenstaande ouders")
    for prefix, note, heading in (
        ("/fr", "Cette activité est décrite en néerlandais.", "Comment participer"),
        ("/en", "This activity is described in Dutch.", "How to join"),
    ):
        page.goto(f"{live_server.url}{prefix}/activiteit/{activity.pk}/")
        expect(page.locator("html")).to_have_attribute("lang", prefix[1:])
        expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "nl")
        expect(page.locator(".lead")).to_have_attribute("lang", "nl")
        expect(page.get_by_text(note)).to_be_visible()
        # The interface around it stays in the page's language.
        expect(page.get_by_role("heading", name=heading)).not_to_have_attribute("lang", "nl")
    page.goto(f"{live_server.url}/activiteit/{activity.pk}/")
    expect(page.get_by_text("Deze activiteit is beschreven in")).to_have_count(0)
    # The list marks the titles and summaries too.
    page.goto(f"{live_server.url}/fr/")
    card = page.get_by_role("region", name="Activités").get_by_role("listitem").first
    expect(card.get_by_role("heading")).to_have_attribute("lang", "nl")


def test_a_french_activity_on_the_dutch_page_is_marked_french(live_server, demo, page: Page):
    from events.models import Activity

    # Short French texts that a guess from function words would take for Dutch: the
    # language its poster stated decides.
    activity = Activity.objects.get(title="Praatgroep voor alleenstaande ouders")
    Activity.objects.filter(pk=activity.pk).update(
        title="Atelier vélo", summary="Répare ton vélo.", text_language="fr"
    )
    page.goto(f"{live_server.url}/activiteit/{activity.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "nl-be")
    expect(page.get_by_role("heading", level=1, name="Atelier vélo")).to_have_attribute(
        "lang", "fr"
    )
    expect(page.locator(".lead")).to_have_attribute("lang", "fr")
    expect(page.get_by_text("Deze activiteit is beschreven in het Frans.")).to_be_visible()
    expect(page.get_by_role("heading", name="Hoe doe je mee")).not_to_have_attribute("lang", "fr")
    page.screenshot(path=str(SHOTS / "activity-fr-on-nl.png"))
    # On the French page it is the page's own language: no note.
    page.goto(f"{live_server.url}/fr/activiteit/{activity.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "fr")
    expect(page.get_by_text("Cette activité est décrite en")).to_have_count(0)


def test_language_names_in_their_own_form(live_server, demo, page: Page):
    page.goto(f"{live_server.url}/fr/")
    open_filters(page)
    names = page.get_by_label("Langue parlée").locator("option").all_inner_texts()
    assert "Arabe (العربية)" in names, names
    # Every name but French itself also carries its own form.
    for name in names[1:]:
        assert name == "Français" or "(" in name or "ⵜ" in name, name


def wait_for_map(page: Page) -> None:
    wait_until(page, "(window.buurtwijzerMapTimings || []).length >= 1", timeout=10_000)


def test_the_map_has_one_numbering_round_places_square_groups_and_a_legend(
    live_server, demo, page: Page
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/?page=2")
    wait_for_map(page)
    first_number = int(results(page).locator("ol.activities").get_attribute("start"))
    assert first_number == 21
    numbers = page.locator("#places-map .marker-result").all_inner_texts()
    listed = len(cards(page).all())
    assert numbers and {int(n) for n in numbers} <= set(range(21, 21 + listed)), numbers
    legend = page.get_by_role("list", name="Legende van de kaart")
    expect(legend).to_be_visible()
    for text in ("Een activiteit uit de lijst", "Een plek waar", "Een groep plekken"):
        expect(legend).to_contain_text(text)
    # Places are round dots; groups are squares with a count, unlike the numbered pins
    # (each kind's drawing: test_map_marks.py).
    page.goto(live_server.url)
    wait_for_map(page)
    shapes = page.evaluate(
        """() => Object.fromEntries(['place', 'group', 'result'].map((kind) => {
             const el = document.querySelector('#places-map .marker-' + kind + ' svg');
             return [kind, el && el.firstElementChild.tagName];
           }))"""
    )
    assert shapes == {"place": "circle", "group": "rect", "result": "path"}, shapes
    page.screenshot(path=str(SHOTS / "home-map-legend.png"))


def test_without_javascript_a_sentence_replaces_the_map(
    live_server, demo, page_without_javascript: Page
):
    page = page_without_javascript
    page.goto(live_server.url)
    region = page.get_by_role("region", name="Kaart")
    expect(region.get_by_text("De kaart heeft JavaScript nodig")).to_be_visible()
    expect(page.locator("#places-map")).to_be_hidden()
    expect(region.get_by_role("list", name="Legende van de kaart")).to_be_hidden()


def axe_violations(page: Page) -> list:
    inject_axe(page)
    return page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']}))"
        ".violations.map((v) => [v.id, v.nodes.map((n) => n.target.join(' '))])"
    )


def test_the_new_parts_pass_axe_on_a_phone(live_server, demo, page: Page):
    from events.models import Activity

    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/fr/?q=caf%C3%A9&free=on")
    open_filters(page)
    wait_for_map(page)
    assert axe_violations(page) == []
    activity = Activity.objects.exclude(contact_email="").filter(status="published").first()
    page.goto(f"{live_server.url}/en/activiteit/{activity.pk}/")
    assert axe_violations(page) == []
