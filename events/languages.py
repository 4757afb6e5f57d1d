"""The languages an activity can say are spoken there: ISO codes as stored and served by
the API, with each language's name in its own script (autonym), so that a resident or
worker recognises their language whatever the page's language is."""

from functools import lru_cache

from django.conf.locale import LANG_INFO
from django.utils.translation import get_language, get_language_info
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
    return _label(code, get_language())


# Per code and page language: a dashboard names hundreds of languages (Antwerpen's wijken:
# 804), and each name looked up afresh cost 55 µs.
@lru_cache(maxsize=1024)
def _label(code: str, page_language: str | None) -> str:
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


def language_code_known(code: str) -> bool:
    """Whether a lower-case code is one the `languages` of an activity take: an ISO 639-1
    code, or one of EXTRA_CODES (the same rule for languages spoken and translations)."""
    if code in EXTRA_CODES:
        return True
    import pycountry

    return len(code) == 2 and code.isascii() and pycountry.languages.get(alpha_2=code) is not None


# Languages written right to left (Django's own `bidi` list adds ar-dz, az's old script…):
# Arabic, Persian/Dari, Pashto, Urdu, Hebrew, Sorani Kurdish, Uyghur, Sindhi, Yiddish,
# Dhivehi. Kurdish as "ku" is Kurmanji, written in Latin letters here.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "ps", "ur", "he", "ckb", "ug", "sd", "yi", "dv"})


def text_direction(code: str) -> str:
    """ "rtl" or "ltr", for the `dir` of an element holding a text in this language."""
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


def autonym(code: str) -> str:
    """A language's name in itself ("العربية", "Türkçe"), for links a reader of that
    language must recognise whatever the page's language; the code when nobody knows it."""
    if code in AUTONYMS:
        return AUTONYMS[code]
    if code in LANG_INFO:
        return LANG_INFO[code]["name_local"]
    import pycountry

    language = pycountry.languages.get(alpha_2=code)
    return language.name if language else code
