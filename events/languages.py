"""The languages an activity can say are spoken there: ISO codes as stored and served by
the API, with each language's name in its own script (autonym), so that a resident or
worker recognises their language whatever the page's language is."""

from django.conf.locale import LANG_INFO
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

# ISO 639-1 codes; Tamazight has none, so it keeps the ISO 639-2/5 code "ber".
SPOKEN_LANGUAGES: tuple[tuple[str, str], ...] = (
    ("nl", "Nederlands"),
    ("fr", "Français"),
    ("en", "English"),
    ("ar", "العربية"),
    ("ber", "Tamazight ⵜⴰⵎⴰⵣⵉⵖⵜ"),
    ("tr", "Türkçe"),
    ("pl", "Polski"),
    ("ro", "Română"),
    ("bg", "Български"),
    ("ru", "Русский"),
    ("uk", "Українська"),
    ("so", "Soomaali"),
    ("ti", "ትግርኛ"),
    ("fa", "دری / فارسی"),
    ("ps", "پښتو"),
    ("ku", "Kurdî"),
    ("es", "Español"),
    ("pt", "Português"),
    ("de", "Deutsch"),
    ("it", "Italiano"),
    ("sq", "Shqip"),
    ("am", "አማርኛ"),
)
AUTONYMS = dict(SPOKEN_LANGUAGES)
# Codes outside ISO 639-1 that the services accept.
EXTRA_CODES = frozenset({"ber"})

# The names, in the site's languages, of the listed languages Django does not know.
NAMES = {
    "ber": _("Tamazight"),
    "so": _("Somali"),
    "ti": _("Tigrinya"),
    "ps": _("Pashto"),
    "ku": _("Kurdish"),
    "am": _("Amharic"),
}


def language_label(code: str) -> str:
    """A language's name in the page's language followed by its own name when that differs
    ("Arabisch (العربية)", "Somalisch (Soomaali)"), so that people who do not read the
    page's language still find theirs. The code itself for a language nobody listed."""
    if code in NAMES:
        translated = str(NAMES[code])
    elif code in LANG_INFO:
        translated = str(get_language_info(code)["name_translated"])
    elif code in AUTONYMS:
        return AUTONYMS[code]
    else:
        import pycountry  # another ISO 639-1 code the API accepted: its English name

        language = pycountry.languages.get(alpha_2=code)
        return language.name if language else code
    own = AUTONYMS.get(code) or LANG_INFO[code]["name_local"]
    if translated.casefold() in own.casefold():  # "Tamazight ⵜⴰⵎⴰⵣⵉⵖⵜ" says it already
        return own
    return f"{translated} ({own})"
