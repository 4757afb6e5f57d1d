"""The one place that turns a language tag into the languages Buurtwijzer speaks.

The site's languages are `settings.LANGUAGES` ("nl-be", "fr", "en"); content written in
several languages (work-model names, sentences in words) is keyed by the short code ("nl",
"fr", "en"). Everything unknown falls back to Dutch, the product's first language.
"""

from django.conf import settings
from django.utils import translation


def content_languages() -> list[str]:
    """The short codes of the site's languages, Dutch first: ["nl", "fr", "en"]."""
    return [short_code(code) for code, _name in settings.LANGUAGES]


def short_code(tag: str | None) -> str:
    """ "nl-BE", "nl_be" or "NL" → "nl" (no check against the site's languages)."""
    return (tag or "").strip().lower().replace("_", "-").split("-")[0]


def content_language(tag: str | None = None) -> str:
    """The short code to pick content in: the given tag, else the active language; Dutch for
    anything the site does not speak."""
    code = short_code(tag or translation.get_language())
    return code if code in content_languages() else "nl"


def site_language(tag: str | None) -> str | None:
    """The site's own code for a tag ("nl" → "nl-be"), or None when the site does not speak it."""
    code = short_code(tag)
    for site_code, _name in settings.LANGUAGES:
        if short_code(site_code) == code:
            return site_code
    return None
