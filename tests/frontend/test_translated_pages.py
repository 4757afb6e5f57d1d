"""Activities in the residents' languages on the public pages: the version in the page's
language else Dutch, ?lang= for another, every version with its own lang and dir, the "also
in" links with the languages' own names, the list saying which languages an activity is
described in, and the poster and its PDF in a reader's language."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from events.services import set_translations
from tests.factories import ActivityFactory, ScheduleFactory

pytestmark = pytest.mark.django_db

ARABIC = {
    "title": "مجموعة حديث للآباء",
    "summary": "آباء يلتقون على فنجان قهوة.",
    "what_to_expect": "نتحدث معا، ويمكنك أن تأتي وحدك.",
}
TURKISH = {"title": "Ebeveyn sohbet grubu", "summary": "Kahve ile buluşma."}
FRENCH = {"title": "Groupe de parole des parents", "summary": "Des parents se rencontrent."}


@pytest.fixture
def parents(territory):
    activity = ActivityFactory(
        title="Praatgroep ouders",
        summary="Ouders ontmoeten elkaar bij een koffie.",
        what_to_expect="We praten samen; je mag alleen komen.",
    )
    ScheduleFactory(activity=activity)
    set_translations(activity, {"ar": ARABIC, "tr": TURKISH, "fr": FRENCH})
    return activity


def element(html: str, tag: str, **attributes) -> str:
    """The opening tag of the first `tag` element with these attributes (any order)."""
    for match in re.finditer(rf"<{tag}\b[^>]*>", html):
        opening = match.group(0)
        if all(f'{name.rstrip("_")}="{value}"' in opening for name, value in attributes.items()):
            return opening
    raise AssertionError(f"no <{tag}> with {attributes}")


def page(client, activity, interface="nl-be", **query) -> str:
    with translation.override(interface):
        url = reverse("frontend:activity", args=[activity.pk])
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_dutch_with_links_to_the_other_versions(client, parents):
    html = page(client, parents)
    assert element(html, "h1", lang="nl", dir="ltr")
    assert "Praatgroep ouders</h1>" in html
    also_in = re.search(r'<p class="also-in">(.*?)</p>', html, re.S).group(1)
    assert element(also_in, "a", href="?lang=ar", lang="ar", dir="rtl")
    assert ">العربية</a>" in also_in and ">Türkçe</a>" in also_in and ">Français</a>" in also_in
    assert "Nederlands" not in also_in  # the version shown is not offered again


def test_lang_ar_shows_the_arabic_version_right_to_left(client, parents):
    html = page(client, parents, lang="ar")
    assert element(html, "h1", lang="ar", dir="rtl")
    assert f"{ARABIC['title']}</h1>" in html
    assert element(html, "p", class_="govuk-body-l lead", lang="ar", dir="rtl")
    assert ARABIC["summary"] in html and ARABIC["what_to_expect"] in html
    assert f"{ARABIC['title']} – Buurtwijzer</title>" in html
    # The interface stays Dutch; the way back to the texts as written is offered.
    assert element(html, "html", lang="nl-be")
    assert element(html, "a", href="?lang=nl", lang="nl", dir="ltr")
    assert 'data-lang="ar"' in html  # read aloud in Arabic


def test_a_french_page_shows_the_french_version_and_an_english_one_dutch(client, parents):
    french = page(client, parents, interface="fr")
    assert element(french, "h1", lang="fr", dir="ltr")
    assert f"{FRENCH['title']}</h1>" in french
    english = page(client, parents, interface="en")
    assert "Praatgroep ouders</h1>" in english
    assert "This activity is described in Dutch." in english
    # A language without a version, or no language at all: the page's own choice.
    assert "Praatgroep ouders</h1>" in page(client, parents, lang="uk")
    assert "Praatgroep ouders</h1>" in page(client, parents, lang="<script>")


def test_the_list_shows_the_page_language_version_and_the_languages_described_in(client, parents):
    html = client.get("/fr/").content.decode()
    # Up to the next card or the end of the list: its work-model tags are list items too.
    card = re.search(
        r'<li class="bw-card activity-card">(.*?)</li>\s*(?:<li class="bw-card|</ol>)', html, re.S
    ).group(1)
    assert element(card, "h3", lang="fr", dir="ltr")
    assert FRENCH["title"] in card
    described = re.search(r'<span class="described-in">(.*?)</span>\s*</p>', card, re.S).group(1)
    assert element(described, "span", lang="ar", dir="rtl")
    for name in ("Nederlands", "العربية", "Türkçe", "Français"):
        assert f">{name}</span>" in described


def test_the_poster_and_its_pdf_in_arabic(client, parents):
    url = reverse("frontend:poster", args=["T0001W1"])
    html = client.get(url, {"lang": "ar"}).content.decode()
    assert element(html, "span", lang="ar", dir="rtl")
    assert ARABIC["title"] in html
    assert 'affiche.pdf?lang=ar"' in html
    dutch = client.get(url).content.decode()
    assert ARABIC["title"] not in dutch and "Praatgroep ouders" in dutch
    assert client.get(url, {"lang": "arabic"}).status_code == 400

    pdf = client.get(reverse("frontend:poster-pdf", args=["T0001W1"]), {"lang": "ar"})
    assert pdf.status_code == 200
    assert 'filename="affiche-T0001W1-ar.pdf"' in pdf["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    # The Arabic words are in the PDF (shaped glyphs map back to their letters).
    words = [word for word in ARABIC["title"].split() if word in text or word[::-1] in text]
    assert words, text
