"""User text on every surface, in a real browser (issue 15): the hostile activity and place
of tests/frontend/test_hostile_text.py, posted through the API, on the public pages with
JavaScript running. A dialog, an element made from a text, a console error (the page
fixture) or a text shown otherwise than as written fails the test."""

import pytest
from playwright.sync_api import Page, expect

from tests.frontend.test_hostile_text import PLACE_NAME, TITLE, Posted, cleaned

pytestmark = pytest.mark.browser

INJECTED = """
() => document.querySelectorAll('img[src="x"], [onerror], [onload], iframe, b.pwned').length
  + [...document.querySelectorAll("a[href]")].filter(
      (a) => a.getAttribute("href").trim().toLowerCase().startsWith("javascript:")
    ).length
  + [...document.scripts].filter(
      (s) => !s.type.includes("json") && s.textContent.includes("alert(")
    ).length
"""


@pytest.fixture
def posted(transactional_db, territory) -> Posted:
    return Posted(territory)


def test_the_public_pages_show_hostile_texts_as_text(live_server, posted, page: Page):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    title = cleaned(TITLE)
    code = posted.area.code
    for path in (
        f"/activiteit/{posted.activity.pk}/",
        "/",
        f"/buurt/{code}/",
        f"/buurt/{code}/affiche/",
        f"/insluiten/buurt/{code}/",
        f"/insluiten/organisatie/{posted.organisation.pk}/",
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_text(title).first).to_be_visible()
        page.wait_for_timeout(300)  # an onerror handler runs after the image failed
        assert page.evaluate(INJECTED) == 0, path
    page.goto(f"{live_server.url}/activiteit/{posted.activity.pk}/")
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    expect(page.get_by_text(cleaned(PLACE_NAME)).first).to_be_visible()
    assert page.title().startswith(title)
    assert not dialogs, dialogs
