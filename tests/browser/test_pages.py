"""The public pages in a real browser: activity, area, poster (HTML and PDF) and embed,
in Dutch, French and English, with and without JavaScript."""

import functools
import http.server
import io
import re
import threading

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

AREA = "99001W03"  # Marktwijk in the demo town Buurtegem
ACTIVITY = "Taalcafé: Nederlands oefenen bij een kop koffie"

HEADINGS = {
    "nl": {
        "prefix": "",
        "area": "Wat is er te doen in Marktwijk",
        "week": "Deze week",
        "models": "Zeven manieren om steun te vinden",
        "peer": "Lotgenotennetwerken",
        "when": "Wanneer",
        "join": "Hoe doe je mee",
        "poster": "Wat is er te doen in Marktwijk?",
        "recurring": "Elke week of maand",
        "embed": "Wat is er te doen: Marktwijk",
    },
    "fr": {
        "prefix": "/fr",
        "area": "Que se passe-t-il à Marktwijk",
        "week": "Cette semaine",
        "models": "Sept façons de trouver du soutien",
        "peer": "Groupes de pairs",
        "when": "Quand",
        "join": "Comment participer",
        "poster": "Que se passe-t-il à Marktwijk ?",
        "recurring": "Chaque semaine ou chaque mois",
        "embed": "Au programme : Marktwijk",
    },
    "en": {
        "prefix": "/en",
        "area": "What is on in Marktwijk",
        "week": "This week",
        "models": "Seven ways to find support",
        "peer": "Peer networks",
        "when": "When",
        "join": "How to join",
        "poster": "What is on in Marktwijk?",
        "recurring": "Every week or month",
        "embed": "What is on: Marktwijk",
    },
}


def activity_id() -> int:
    from events.models import Activity

    return Activity.objects.get(title=ACTIVITY).pk


def no_horizontal_overflow(page: Page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_each_page_in_each_language(live_server, demo, page: Page, language):
    words = HEADINGS[language]
    base = live_server.url + words["prefix"]
    page.set_viewport_size({"width": 360, "height": 800})

    page.goto(f"{base}/buurt/{AREA}/")
    expect(page.locator("html")).to_have_attribute("lang", re.compile(f"^{language}"))
    expect(page.get_by_role("heading", level=1, name=words["area"], exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=words["week"])).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=words["models"])).to_be_visible()
    expect(page.get_by_role("heading", level=3, name=words["peer"])).to_be_visible()
    assert page.locator(".model-block").count() == 7
    assert no_horizontal_overflow(page)

    page.goto(f"{base}/activiteit/{activity_id()}/")
    expect(page.get_by_role("heading", level=1, name=ACTIVITY)).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=words["when"])).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=words["join"])).to_be_visible()
    expect(page.locator("button[data-print]")).to_be_visible()  # shown by the module
    assert no_horizontal_overflow(page)

    page.goto(f"{base}/buurt/{AREA}/affiche/")
    expect(page.get_by_role("heading", level=1, name=words["poster"], exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=words["recurring"])).to_be_visible()
    expect(page.locator(".poster-qr svg")).to_be_visible()
    assert no_horizontal_overflow(page)

    page.goto(f"{base}/insluiten/buurt/{AREA}/")
    expect(page.get_by_role("heading", level=1, name=words["embed"], exact=True)).to_be_visible()
    expect(page.locator(".site-header")).to_have_count(0)


def test_the_language_switch_keeps_you_on_the_area_page(live_server, demo, page: Page):
    page.goto(f"{live_server.url}/buurt/{AREA}/")
    languages = page.get_by_role("navigation", name="Taal")
    nederlands = languages.get_by_role("link", name="Nederlands")
    expect(nederlands).to_have_attribute("aria-current", "true")
    languages.get_by_role("link", name="Français").click()
    expect(page).to_have_url(f"{live_server.url}/fr/buurt/{AREA}/")
    current = page.get_by_role("navigation", name="Langue").get_by_role("link", name="Français")
    expect(current).to_have_attribute("aria-current", "true")
    expect(page.get_by_role("heading", level=1, name=HEADINGS["fr"]["area"])).to_be_visible()


def test_activity_area_and_poster_work_without_javascript(
    live_server, demo, page_without_javascript: Page
):
    page = page_without_javascript
    page.goto(f"{live_server.url}/activiteit/{activity_id()}/")
    expect(page.get_by_role("heading", level=1, name=ACTIVITY)).to_be_visible()
    expect(page.get_by_role("link", name="Zet in je agenda")).to_be_visible()
    expect(page.locator("button[data-print]")).to_be_hidden()  # no dead button
    page.goto(f"{live_server.url}/buurt/{AREA}/")
    expect(
        page.get_by_role("region", name="Deze week").get_by_role("listitem").first
    ).to_be_visible()
    page.get_by_role("link", name="Affiche om af te drukken").click()
    expect(page.get_by_role("heading", level=1, name=HEADINGS["nl"]["poster"])).to_be_visible()


def test_the_poster_pdf_holds_this_weeks_activities(live_server, demo, page: Page):
    from pypdf import PdfReader

    from buurt.queries import area_by_code
    from events.queries import area_offer

    this_week = {
        occurrence.activity.title for occurrence in area_offer(area_by_code(AREA)).this_week
    }
    assert this_week
    page.goto(f"{live_server.url}/buurt/{AREA}/affiche/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als pdf").click()
    assert download.value.suggested_filename == f"affiche-{AREA}.pdf"
    with open(download.value.path(), "rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    assert len(reader.pages) == 1  # one A4 sheet for the wall
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for title in this_week:
        assert " ".join(title.replace("'", "’").split()) in text.replace("'", "’"), title
    assert "Deze week" in text and f"/buurt/{AREA}/" in text.replace(" ", "")  # may wrap


def test_another_website_can_embed_the_list_in_an_iframe(live_server, demo, page: Page, tmp_path):
    embed = f"{live_server.url}/insluiten/buurt/{AREA}/"
    # Another origin: a partner's page from a web server of its own on this machine
    # (Chromium keeps public sites, and pages made up by route(), out of local servers; a
    # file:// page is no website, and frame-ancestors * rightly does not cover it).
    (tmp_path / "agenda.html").write_text(
        f'<!doctype html><html lang="nl"><title>Partner</title><link rel="icon" href="data:,">'
        f'<iframe src="{embed}" title="Buurtwijzer" width="400" height="600"></iframe></html>'
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    assert "127.0.0.1" not in live_server.url  # localhost: another origin
    page.goto(f"http://127.0.0.1:{server.server_port}/agenda.html")
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("heading", level=1, name=HEADINGS["nl"]["embed"])).to_be_visible()
    expect(frame.get_by_role("link", name=re.compile("Taalcafé")).first).to_have_attribute(
        "href", re.compile(r"/activiteit/\d+/$")
    )
    server.shutdown()
