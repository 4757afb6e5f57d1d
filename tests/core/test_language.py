import pytest
from django.utils import translation

from core.language import content_language, content_languages, site_language


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("nl", "nl"),
        ("nl-be", "nl"),
        ("nl_BE", "nl"),
        ("FR-be", "fr"),
        ("en-gb", "en"),
        ("ar", "nl"),
        ("xx-yy", "nl"),
    ],
)
def test_content_language_reduces_a_tag_to_a_language_the_site_speaks(tag, expected):
    assert content_language(tag) == expected


def test_without_a_tag_the_active_language_counts():
    with translation.override("fr"):
        assert content_language() == "fr"
        assert content_language("") == "fr"
    with translation.override("nl-be"):
        assert content_language(None) == "nl"


def test_the_site_languages_come_from_settings_with_dutch_first():
    assert content_languages() == ["nl", "fr", "en"]


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("nl", "nl-be"), ("nl-BE", "nl-be"), ("fr", "fr"), ("en-US", "en"), ("de", None), ("", None)],
)
def test_site_language_names_the_site_code_or_none(tag, expected):
    assert site_language(tag) == expected
