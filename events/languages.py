"""The languages an activity can say are spoken there: ISO codes as stored and served by
the API, with each language's name in its own script (autonym), so that a resident or
worker recognises their language whatever the page's language is."""

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
