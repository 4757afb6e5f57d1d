"""Every error the API gives for a documented bad input is in the request's language: each
bad query parameter (test_bad_parameters) and each bad body (test_bad_bodies), asked in nl,
fr and en. A Dutch or French message that equals the English one, or that reads as English
(marker words), fails; so does a body whose errors come in stages."""

import re

import pytest

from places.models import Organisation

from . import test_bad_bodies, test_bad_parameters

pytestmark = pytest.mark.django_db

LANGUAGES = ("nl-be", "fr", "en")
# Words a Dutch or French sentence does not contain, but English error messages do.
ENGLISH_MARKERS = {
    "the", "must", "ensure", "field", "give", "required", "should", "cannot", "outside",
    "unknown", "numbers", "whole", "enter", "please", "valid", "invalid", "this", "not",
    "than", "least", "more", "exists", "number", "or", "and", "after", "only", "with",
}  # fmt: skip


def _cases(test_function) -> list:
    """The parameter list of one of the bad-input tests: this test follows theirs."""
    (mark,) = [m for m in test_function.pytestmark if m.name == "parametrize"]
    return list(mark.args[1])


BAD_URLS = [url for url, _field in _cases(test_bad_parameters.test_bad_query_parameters)]
BAD_ACTIVITY_BODIES = [
    overrides for overrides, _f in _cases(test_bad_bodies.test_bad_activity_bodies)
]
BAD_LOCATIONS = [
    location for location, _f in _cases(test_bad_bodies.test_places_must_be_geojson_points)
]


def messages(body, path="") -> dict[str, str]:
    """Each message of an error body by its path (schedule.rrule.0)."""
    if isinstance(body, dict):
        found = {}
        for key, value in body.items():
            found.update(messages(value, f"{path}.{key}" if path else str(key)))
        return found
    if isinstance(body, list):
        found = {}
        for index, value in enumerate(body):
            found.update(messages(value, f"{path}.{index}"))
        return found
    return {path: str(body)}


def english_words(message: str) -> set[str]:
    # Leave out what the request or the standard puts in the message: quoted values,
    # RFC 5545 and parameter names (FREQ, bbox, near=LON,LAT), numbers.
    text = re.sub(r"'[^']*'|\"[^\"]*\"|«[^»]*»|\{[^}]*\}|\[[^\]]*\]", " ", message)
    words = {word for word in re.findall(r"[A-Za-z]+", text) if not word.isupper()}
    return {word.lower() for word in words} & ENGLISH_MARKERS


def untranslated(by_language: dict[str, dict]) -> list[str]:
    english = messages(by_language["en"])
    problems = []
    for language in ("nl-be", "fr"):
        translated = messages(by_language[language])
        for path, message in translated.items():
            if message == english.get(path):
                problems.append(f"{language} {path}: same as English: {message!r}")
            elif english_words(message):
                problems.append(f"{language} {path}: English words in {message!r}")
    return problems


def in_each_language(send) -> dict[str, dict]:
    answers = {}
    for language in LANGUAGES:
        response = send(language)
        assert response.status_code == 400, (language, response.status_code, response.content)
        answers[language] = response.json()
    return answers


@pytest.fixture
def poster(worker_of):
    organisation = Organisation.objects.filter(verified=True).first()
    return worker_of(organisation), organisation


def test_the_marker_check_catches_english():
    assert english_words("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.")
    assert english_words("Ensure this field has at least 1 elements.")
    assert not english_words("FREQ moet DAILY, WEEKLY, MONTHLY of YEARLY zijn.")
    assert not english_words("Assurez-vous que ce champ a au moins 1 éléments.")


@pytest.mark.parametrize("url", BAD_URLS)
def test_query_parameter_errors_are_translated(api, url):
    answers = in_each_language(lambda language: api.get(url, HTTP_ACCEPT_LANGUAGE=language))
    assert not untranslated(answers), untranslated(answers)


@pytest.mark.parametrize("overrides", BAD_ACTIVITY_BODIES)
def test_activity_body_errors_are_translated(poster, overrides):
    client, organisation = poster
    body = test_bad_bodies.minimal(organisation, **overrides)
    answers = in_each_language(
        lambda language: client.post(
            "/api/v1/activities/", body, format="json", HTTP_ACCEPT_LANGUAGE=language
        )
    )
    assert not untranslated(answers), untranslated(answers)


@pytest.mark.parametrize("location", BAD_LOCATIONS)
def test_place_body_errors_are_translated(poster, location):
    client, organisation = poster
    body = {"name": "Plek", "kind": "other", "organisation": organisation.id}
    answers = in_each_language(
        lambda language: client.post(
            "/api/v1/places/",
            {**body, "location": location},
            format="json",
            HTTP_ACCEPT_LANGUAGE=language,
        )
    )
    assert not untranslated(answers), untranslated(answers)


def test_all_errors_of_a_body_come_at_once_nested_and_translated(poster):
    """A missing place and a bad rule: both in the first 400, the rule under schedule.rrule."""
    client, organisation = poster
    body = test_bad_bodies.minimal(
        organisation,
        place=None,
        work_models=[],
        schedule={"dtstart": "2026-12-01T19:00:00+01:00", "duration_minutes": 60, "rrule": "X=1"},
    )
    answers = in_each_language(
        lambda language: client.post(
            "/api/v1/activities/", body, format="json", HTTP_ACCEPT_LANGUAGE=language
        )
    )
    for answer in answers.values():
        assert {"place", "work_models", "schedule"} <= set(answer), answer
        assert "rrule" in answer["schedule"], answer
    assert not untranslated(answers), untranslated(answers)


def test_an_unknown_api_path_answers_in_the_requests_language(api):
    answers = {}
    for language in LANGUAGES:
        response = api.get("/api/v1/no-such-thing/", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 404
        answers[language] = response.json()
    assert not untranslated(answers), untranslated(answers)
