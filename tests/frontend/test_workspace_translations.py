"""The workspace form's translations, without JavaScript: a blank fieldset to add one, a
button for one more, each saved translation as its own fieldset that can be changed or
removed, errors on the fieldset of their language, and one history row per save."""

import re

import pytest

from events.models import Activity, ActivityChange
from events.services import set_translations
from events.texts import translations_of
from tests.frontend.workspace_support import client_for, form_data

pytestmark = pytest.mark.django_db

ARABIC = {
    "title": "مجموعة حديث للآباء",
    "summary": "آباء يلتقون على فنجان قهوة.",
    "what_to_expect": "نتحدث معا.",
}


def fieldsets(data: dict, *rows: dict, initial: int = 0) -> dict:
    """The form's data with the translation fieldsets as the page sends them."""
    data = {
        **data,
        "translation-TOTAL_FORMS": str(len(rows)),
        "translation-INITIAL_FORMS": str(initial),
    }
    for number, row in enumerate(rows):
        for name, value in row.items():
            data[f"translation-{number}-{name}"] = value
    return data


def legends(html: str) -> list[str]:
    found = re.search(
        r'<fieldset id="translations".*?</fieldset>\s*<div class="govuk-button-group bw-submit">',
        html,
        re.S,
    )
    assert found, "no translations fieldset"
    return re.findall(
        r'<fieldset class="govuk-fieldset translation">\s*<legend class="[^"]*">(.*?)</legend>',
        found.group(0),
    )


def test_the_new_form_offers_a_blank_translation_and_posts_it(setting):
    client = client_for(setting["worker"])
    html = client.get("/werkruimte/nieuw/").content.decode()
    assert legends(html) == ["Voeg een vertaling toe"]
    assert 'name="translation-0-language"' in html and '<option value="ar">العربية</option>' in html
    assert 'name="add_translation"' in html
    response = client.post(
        "/werkruimte/nieuw/", fieldsets(form_data(setting["place"]), {"language": "ar", **ARABIC})
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get()
    assert translations_of(activity) == {"ar": ARABIC}
    assert ActivityChange.objects.filter(activity=activity).count() == 1


def test_add_a_translation_shows_one_more_fieldset_and_saves_nothing(setting):
    client = client_for(setting["worker"])
    data = fieldsets(form_data(setting["place"]), {"language": "ar", **ARABIC}, {})
    response = client.post("/werkruimte/nieuw/", {**data, "add_translation": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert len(legends(html)) == 3
    assert ARABIC["title"] in html  # what was typed stays
    assert not Activity.objects.exists()


def test_the_edit_form_changes_and_removes_translations_in_one_history_row(setting):
    client = client_for(setting["worker"])
    client.post("/werkruimte/nieuw/", form_data(setting["place"]))
    activity = Activity.objects.get()
    set_translations(activity, {"ar": ARABIC, "tr": {"title": "Grup", "summary": "Buluşma."}})
    url = f"/werkruimte/activiteit/{activity.pk}/"
    html = client.get(url).content.decode()
    assert legends(html) == [
        "Vertaling: Arabisch (العربية)",
        "Vertaling: Turks (Türkçe)",
        "Voeg een vertaling toe",
    ]
    assert "Verwijder deze vertaling" in html
    rows = ActivityChange.objects.filter(activity=activity).count()
    response = client.post(
        url,
        fieldsets(
            form_data(setting["place"]),
            {"language": "ar", **ARABIC, "title": "مجموعة حديث"},
            {"language": "tr", "title": "Grup", "summary": "Buluşma.", "DELETE": "on"},
            {"language": "uk", "title": "Група батьків", "summary": "Батьки зустрічаються."},
            initial=2,
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(translations_of(activity)) == {"ar", "uk"}
    assert translations_of(activity)["ar"]["title"] == "مجموعة حديث"
    assert ActivityChange.objects.filter(activity=activity).count() == rows + 1
    history = client.get(f"/werkruimte/activiteit/{activity.pk}/geschiedenis/").content.decode()
    assert (
        '<td class="govuk-table__cell">Vertalingen</td>' in history
        and "Oekraïens (Українська): Група батьків" in history
    )


def test_a_post_without_the_fieldsets_keeps_the_translations(setting):
    client = client_for(setting["worker"])
    client.post("/werkruimte/nieuw/", form_data(setting["place"]))
    activity = Activity.objects.get()
    set_translations(activity, {"ar": ARABIC})
    response = client.post(
        f"/werkruimte/activiteit/{activity.pk}/", form_data(setting["place"], title="Anders")
    )
    assert response.status_code == 302
    assert translations_of(activity) == {"ar": ARABIC}


@pytest.mark.parametrize(
    ("row", "message", "control"),
    [
        ({"language": "ar", "summary": "..."}, "Dit veld is vereist.", "id_translation-0-title"),
        ({"title": "عنوان", "summary": "..."}, "Kies de taal van deze vertaling.", None),
        # The texts themselves are Dutch: refused by the service, shown on the fieldset.
        (
            {"language": "nl", "title": "Groep", "summary": "Ouders."},
            "De teksten zelf zijn in het",
            None,
        ),
    ],
)
def test_a_bad_translation_is_shown_on_its_fieldset_and_nothing_is_saved(
    setting, row, message, control
):
    response = client_for(setting["worker"]).post(
        "/werkruimte/nieuw/", fieldsets(form_data(setting["place"]), row)
    )
    assert response.status_code == 200
    html = response.content.decode()
    fieldset = re.search(
        r'<fieldset class="govuk-fieldset translation">.*?</fieldset>', html, re.S
    ).group(0)
    assert message in fieldset
    # The error summary at the top of the form names it too, linked to the control.
    summary = html[html.index('<div class="govuk-error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    assert message in summary
    if control:
        assert f'href="#{control}"' in summary and f'id="{control}"' in fieldset
    assert not Activity.objects.exists()
