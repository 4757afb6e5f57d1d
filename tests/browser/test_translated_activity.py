"""Issue 17 part 4 in Chromium: an activity page in Arabic on a 360-pixel phone. The Dutch
page links "Ook in: العربية"; the Arabic version reads right to left, axe-core finds no
serious or critical violation, nothing overflows, and it is read aloud in Arabic. The
screenshot goes to test-artifacts/activity-ar-360.png."""

import json

import pytest
from playwright.sync_api import Page, expect

from events.models import Activity, Status
from events.services import set_translations

from .reach import ARTIFACTS, axe_violations, horizontal_overflow, wider_than_viewport
from .test_read_aloud_and_plain_hint import SPEECH

pytestmark = pytest.mark.browser

ARABIC = {
    "title": "مجموعة حديث للآباء والأمهات في الحي",
    "summary": "آباء وأمهات يلتقون مرة في الأسبوع على فنجان قهوة ويتحدثون عن تربية الأطفال.",
    "what_to_expect": (
        "نجلس معا في قاعة الحي. يمكنك أن تأتي وحدك أو مع صديق. "
        "لا تحتاج إلى التسجيل، والمشاركة مجانية."
    ),
}
TURKISH = {"title": "Mahalle ebeveyn sohbet grubu", "summary": "Haftada bir kahve ile buluşma."}


def _translated() -> Activity:
    activity = (
        Activity.objects.filter(status=Status.PUBLISHED, place__isnull=False)
        .exclude(what_to_expect="")
        .order_by("pk")
        .first()
    )
    set_translations(activity, {"ar": ARABIC, "tr": TURKISH})
    return activity


def test_the_arabic_version_on_a_phone(live_server, demo, page: Page):
    activity = _translated()
    page.add_init_script(f"({SPEECH})({json.dumps(['ar-SA', 'nl-BE'])})")
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"{live_server.url}/activiteit/{activity.pk}/")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(activity.title)
    expect(heading).to_have_attribute("dir", "ltr")
    also_in = page.locator(".also-in")
    expect(also_in).to_contain_text("Ook in:")
    expect(also_in.get_by_role("link", name="Türkçe")).to_have_attribute("lang", "tr")

    also_in.get_by_role("link", name="العربية").click()
    page.wait_for_url("**?lang=ar")
    expect(heading).to_have_text(ARABIC["title"])
    expect(heading).to_have_attribute("lang", "ar")
    expect(heading).to_have_attribute("dir", "rtl")
    lead = page.locator(".lead")
    expect(lead).to_have_text(ARABIC["summary"])
    # Right to left for real: the summary starts at the right edge of its box.
    assert page.evaluate("getComputedStyle(document.querySelector('.lead')).direction") == "rtl"
    box = lead.bounding_box()
    text_right = page.evaluate(
        """() => { const range = document.createRange();
          range.selectNodeContents(document.querySelector('.lead'));
          return range.getClientRects()[0].right; }"""
    )
    assert abs(text_right - (box["x"] + box["width"])) < 2
    # The interface stays Dutch around it; the way back is offered.
    assert page.evaluate("document.documentElement.lang") == "nl-be"
    expect(also_in.get_by_role("link", name="Nederlands")).to_be_visible()

    assert axe_violations(page) == []
    assert horizontal_overflow(page) == 0, wider_than_viewport(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "activity-ar-360.png"), full_page=True)

    # Read aloud in Arabic, with an Arabic voice.
    page.get_by_role("button", name="Lees voor").click()
    first = page.evaluate("window.spoken[0]")
    assert first == {"text": ARABIC["title"], "lang": "ar", "voice": "ar-SA"}
