"""The workspace form's errors in the worker's language: each bad answer, posted in nl, fr
and en, gives the field a message that is not the English one and has no English words,
and all of them come at once."""

import pytest

from tests.api.test_error_languages import untranslated
from tests.frontend.workspace_support import client_for, form_data

pytestmark = pytest.mark.django_db

PREFIXES = {"nl-be": "", "fr": "/fr", "en": "/en"}

BAD_ANSWERS = [
    {"title": ""},
    {"title": "x" * 1000},
    {"work_models": ["charity"]},
    {"kind": "party"},
    {"start_time": "later"},
    {"end_time": "18:00"},
    {"date": "2026-13-40"},
    {"repeat": "sometimes"},
    {"weekdays": ["XX"]},
    {"languages": ["xx"]},
    {"cost": "paid"},
    {"contact_email": "not-an-email"},
    {"place": "999999"},
]


def form_errors(client, prefix: str, data: dict) -> dict:
    response = client.post(f"{prefix}/werkruimte/nieuw/", data)
    assert response.status_code == 200, response.status_code
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


@pytest.mark.parametrize("overrides", BAD_ANSWERS)
def test_workspace_form_errors_are_translated(setting, overrides):
    client = client_for(setting["worker"])
    data = form_data(setting["place"], **overrides)
    answers = {language: form_errors(client, prefix, data) for language, prefix in PREFIXES.items()}
    assert all(answers.values()), answers
    assert not untranslated(answers), untranslated(answers)


def test_all_the_forms_errors_come_at_once(setting):
    client = client_for(setting["worker"])
    data = form_data(setting["place"], title="", kind="party", contact_email="x", cost="paid")
    errors = form_errors(client, "", data)
    assert {"title", "kind", "contact_email", "cost_amount"} <= set(errors), errors
