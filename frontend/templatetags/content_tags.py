"""The language of what organisations wrote, for the `lang` attribute of the elements that
hold it and a short note when it is not the page's language."""

from django import template
from django.utils.translation import gettext_lazy as _

from core.language import content_language

register = template.Library()

NOTES = {
    "nl": _("This activity is described in Dutch."),
    "fr": _("This activity is described in French."),
    "en": _("This activity is described in English."),
}


@register.filter
def text_lang(activity) -> str:
    """The language the activity's texts are written in ("nl", "fr" or "en"), as its poster
    said (Activity.text_language); never guessed while a page is drawn."""
    return activity.text_language if activity.text_language in NOTES else "nl"


@register.simple_tag
def language_note(activity) -> str:
    """ "This activity is described in Dutch." on a French or English page; else nothing."""
    language = text_lang(activity)
    return "" if language == content_language() else str(NOTES[language])
