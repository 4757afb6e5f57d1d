"""The language of what organisations wrote, for the `lang` attribute of the elements that
hold it and a short note when it is not the page's language."""

from django import template
from django.utils.translation import gettext_lazy as _

from core.language import content_language
from events.languages import language_label
from events.texts import ActivityVersion, activity_version, activity_versions

register = template.Library()

NOTES = {
    "nl": _("This activity is described in Dutch."),
    "fr": _("This activity is described in French."),
    "en": _("This activity is described in English."),
}


@register.filter
def text_lang(activity) -> str:
    """The language the activity's texts are written in, as its poster said
    (Activity.text_language, one of the site's languages); never guessed while a page is
    drawn."""
    return activity.text_language or "nl"


@register.filter
def version(activity, asked: str | None = None) -> ActivityVersion:
    """The version of the activity's title, summary and "what to expect" a reader of this
    page's language sees, or the `asked` language's where there is one
    (events.texts.activity_version), with its `language` and `direction` for the lang and
    dir of the elements that hold it."""
    return activity_version(activity, asked=asked or None)


@register.filter
def versions(activity) -> list[ActivityVersion]:
    """Every version of the activity's texts, as written first (the list says which
    languages an activity is described in)."""
    return activity_versions(activity)


@register.simple_tag
def language_note(activity, language: str | None = None) -> str:
    """ "This activity is described in Dutch." on a French or English page; else nothing.
    `language`: the language of the version shown, when it is not the texts as written."""
    language = language or text_lang(activity)
    note = NOTES.get(language)
    return "" if language == content_language() or note is None else str(note)


@register.filter
def language_name(code: str) -> str:
    """A spoken language's name rather than its ISO code (events.languages.language_label)."""
    return language_label(code)
