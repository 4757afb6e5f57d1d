"""The language of what organisations wrote, for the `lang` attribute of the elements that
hold it and a short note when it is not the page's language."""

from django import template
from django.utils.translation import gettext_lazy as _

from core.language import content_language
from usertext.language import text_language

register = template.Library()

NOTES = {
    "nl": _("This activity is described in Dutch."),
    "fr": _("This activity is described in French."),
    "en": _("This activity is described in English."),
}


@register.filter
def text_lang(activity) -> str:
    """The language the activity's texts are written in ("nl", "fr" or "en")."""
    found = getattr(activity, "_text_language", None)
    if found is None:
        # Only the fields already read: a list that deferred the long texts must not
        # read them activity by activity.
        deferred = activity.get_deferred_fields()
        fields = ("title", "summary", "what_to_expect", "description")
        found = text_language(*(getattr(activity, name) for name in fields if name not in deferred))
        activity._text_language = found
    return found


@register.simple_tag
def language_note(activity) -> str:
    """ "This activity is described in Dutch." on a French or English page; else nothing."""
    language = text_lang(activity)
    return "" if language == content_language() else str(NOTES[language])
