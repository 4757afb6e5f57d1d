"""Issue 17 part 5 in Chromium: "Lees voor" reads the main text in its own language, with
pause and stop, only where the browser has a voice for it; the workspace form says how plainly
a text reads while the worker types.

Headless Chromium has no voices of its own, so the tests give the page a speech synthesis
that records what it is asked to say (the browser's API, stood in for; nothing of the site)."""

import json

import pytest
from playwright.sync_api import Page, expect

from events.models import Activity, Status
from tests.browser.workspace_support import log_in
from tests.usertext.test_plain_language import HARD_NL, PLAIN_NL

pytestmark = pytest.mark.browser

SPEECH = """
(voices) => {
  class Utterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.lang = ""; this.voice = null; }
  }
  window.spoken = [];
  window.calls = [];
  const synthesis = {
    paused: false,
    getVoices: () => voices.map((lang) => ({ lang, name: `Test ${lang}`, default: false })),
    speak(utterance) {
      const voice = utterance.voice?.lang;
      window.spoken.push({ text: utterance.text, lang: utterance.lang, voice });
      window.current = utterance;
    },
    pause() { this.paused = true; window.calls.push("pause"); },
    resume() { this.paused = false; window.calls.push("resume"); },
    cancel() { window.calls.push("cancel"); },
    addEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: synthesis, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
}
"""


def _with_voices(page: Page, *voices: str) -> None:
    page.add_init_script(f"({SPEECH})({json.dumps(list(voices))})")


def _activity(**fields) -> Activity:
    activity = (
        Activity.objects.filter(status=Status.PUBLISHED, place__isnull=False)
        .exclude(what_to_expect="")
        .first()
    )
    Activity.objects.filter(pk=activity.pk).update(**fields)
    activity.refresh_from_db()
    return activity


def test_reads_the_activity_in_its_language_with_pause_and_stop(live_server, demo, page: Page):
    activity = _activity()
    _with_voices(page, "en-US", "nl-BE")
    page.goto(f"{live_server.url}/activiteit/{activity.pk}/")
    play = page.get_by_role("button", name="Lees voor")
    expect(play).to_be_visible()
    play.click()
    first = page.evaluate("window.spoken[0]")
    assert first == {"text": activity.title, "lang": "nl", "voice": "nl-BE"}
    # One sentence at a time: the next comes when the browser says the last one ended.
    page.evaluate("window.current.dispatchEvent(new Event('end'))")
    assert page.evaluate("window.spoken[1].text") in activity.summary
    page.get_by_role("button", name="Pauze").click()
    expect(page.get_by_role("button", name="Verder")).to_be_visible()
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("button", name="Stop").click()
    assert page.evaluate("window.calls") == ["cancel", "pause", "resume", "cancel"]
    expect(play).to_be_enabled()
    expect(page.get_by_role("button", name="Stop")).to_be_disabled()
    # Everything it would read is the main text, in order: title, summary, what to expect.
    page.get_by_role("button", name="Lees voor").click()
    while True:  # as many rounds as the text has sentences
        count = page.evaluate("window.spoken.length")
        page.evaluate("window.current.dispatchEvent(new Event('end'))")
        if page.evaluate("window.spoken.length") == count:
            break
    page.screenshot(path="/tmp/read-aloud.png", full_page=False)
    read = " ".join(part["text"] for part in page.evaluate("window.spoken")[2:])
    assert activity.what_to_expect.split(".")[0] in read
    assert "Bel" not in read  # the buttons and the rest of the page are not read


def test_a_french_text_is_read_with_a_french_voice(live_server, demo, page: Page):
    activity = _activity(text_language="fr", title="Café des langues pour tous")
    _with_voices(page, "fr-BE", "nl-BE")
    page.goto(f"{live_server.url}/activiteit/{activity.pk}/")
    page.get_by_role("button", name="Lees voor").click()
    assert page.evaluate("window.spoken[0]") == {
        "text": "Café des langues pour tous",
        "lang": "fr",
        "voice": "fr-BE",
    }


def test_no_button_without_a_voice_for_the_texts_language(live_server, demo, page: Page):
    activity = _activity()
    _with_voices(page, "en-US", "fr-FR")
    page.goto(f"{live_server.url}/activiteit/{activity.pk}/")
    expect(page.locator("[data-read-aloud]")).to_be_hidden()


def test_no_button_without_javascript(live_server, demo, page_without_javascript: Page):
    activity = _activity()
    page_without_javascript.goto(f"{live_server.url}/activiteit/{activity.pk}/")
    expect(page_without_javascript.locator("[data-read-aloud]")).to_be_hidden()


def test_the_neighbourhood_page_reads_its_week(live_server, demo, page: Page):
    from buurt.models import Area, AreaKind

    area = Area.objects.filter(kind=AreaKind.MUNICIPALITY).first()
    _with_voices(page, "nl-BE")
    page.goto(f"{live_server.url}/buurt/{area.code}/")
    page.get_by_role("button", name="Lees voor").click()
    assert page.evaluate("window.spoken[0].text") == f"Wat is er te doen in {area.name}"


def test_the_plain_language_hint_follows_the_typing(live_server, worker, page: Page):
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/werkruimte/nieuw/")
    hint = page.locator('[data-plain-hint="summary"]')
    expect(hint).to_contain_text("Schrijf een paar zinnen")
    page.get_by_label("In één zin").fill(HARD_NL[:300])
    expect(hint).to_contain_text("moeilijk")
    expect(hint).to_contain_text("Lange woorden")
    hint.screenshot(path="/tmp/plain-hint-hard.png")
    page.get_by_label("In één zin").fill(PLAIN_NL)
    expect(hint).to_contain_text("begrijpelijk voor de meeste lezers")
    expect(hint).to_have_class("plain-hint reads-well")
    page.get_by_label("Frans").check()
    expect(hint).to_contain_text("Lisibilité")
