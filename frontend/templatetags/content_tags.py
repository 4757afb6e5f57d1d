"""The language of what organisations wrote, for the `lang` attribute of the elements that
hold it and a short note when it is not the page's language."""

from django import template
from django.utils.translation import gettext_lazy as _

from core.language import content_language
from events.languages import language_label

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


@register.simple_tag
def language_note(activity) -> str:
    """ "This activity is described in Dutch." on a French or English page; else nothing."""
    language = text_lang(activity)
    note = NOTES.get(language)
    return "" if language == content_language() or note is None else str(note)


@register.filter
def language_name(code: str) -> str:
    """A spoken language's name rather than its ISO code (events.languages.language_label)."""
    return language_label(code)
