"""Issue 16: the workspace form with errors starts with the design system's error summary
(docs/design.md), in nl, fr and en: the first thing in the form, focused as the page loads,
one link per error to the control of its field (which is on the page), in the order of the
page, and the translations' errors in the same summary."""

import re

import pytest

from tests.frontend.workspace_support import client_for, form_data

pytestmark = pytest.mark.django_db

PREFIXES = {
    "nl-be": ("", "Er is een probleem"),
    "fr": ("/fr", "Il y a un problème"),
    "en": ("/en", "There is a problem"),
}


def summary_of(html: str) -> str:
    form = html[html.index('<form method="post" class="stacked-form activity-form"') :]
    after_token = re.sub(r"^<form[^>]*>\s*<input[^>]*csrfmiddlewaretoken[^>]*>\s*", "", form)
    assert after_token.startswith('<div class="govuk-error-summary" tabindex="-1" autofocus>')
    return after_token[: after_token.index("</ul>")]


@pytest.mark.parametrize("language", PREFIXES)
def test_the_form_with_errors_starts_with_a_summary_linking_to_every_field(setting, language):
    prefix, title = PREFIXES[language]
    data = form_data(
        setting["place"],
        title="",
        kind="party",
        contact_email="x",
        cost="paid",
        work_models=[],
        start_time="later",
        **{
            "translation-TOTAL_FORMS": "1",
            "translation-INITIAL_FORMS": "0",
            "translation-0-language": "ar",
            "translation-0-summary": "...",
        },
    )
    response = client_for(setting["worker"]).post(f"{prefix}/werkruimte/nieuw/", data)
    assert response.status_code == 200
    html = response.content.decode()
    summary = summary_of(html)
    assert f">{title}</h2>" in summary
    form = response.context["form"]
    targets = re.findall(r'<a href="#([^"]+)">', summary)
    expected = {
        "title": "id_title",
        "kind": "id_kind",
        "work_models": "id_work_models_0",
        "start_time": "id_start_time",
        "cost_amount": "id_cost_amount",
        "contact_email": "id_contact_email",
    }
    assert set(expected) <= set(form.errors), form.errors
    # One link per error of the form (and of the translation), each to a control on the page.
    errors = sum(len(e) for e in form.errors.values()) + 1
    assert len(targets) == errors, (targets, form.errors)
    for target in targets:
        assert f'id="{target}"' in html, target
    assert "id_translation-0-title" in targets
    # In the order of the page: what, when, for whom, how to join.
    mine = [target for target in targets if target in expected.values()]
    assert mine == [expected[name] for name in expected], mine
    # The page's title says so too, for screen readers and the tab list.
    assert re.search(r"<title>(Fout|Erreur|Error) ?:", html)
