"""UiT's multilingual texts (`name`, `description`, keyed by language) and the one
exception the import raises for an event it cannot read."""

import re
from html import unescape

from core.language import content_languages
from usertext.language import text_language

TITLE_MAX, SUMMARY_MAX = 200, 300


class Unreadable(ValueError):
    """Why one event cannot be read, in our words: what is stored and shown never quotes
    the event (an event that cannot be read is not published, so its text is remote
    content, see events.calendars.sync)."""


def plain(text: str) -> str:
    """UiT descriptions are HTML: their text, with paragraphs kept as blank lines."""
    text = re.sub(r"(?i)<br\s*/?>|</p>|</li>|</h\d>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    lines = [" ".join(line.split()) for line in unescape(text).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _by_language(value) -> dict[str, str]:
    if isinstance(value, str):  # older documents: one text, no language
        return {"": value}
    if not isinstance(value, dict):
        return {}
    return {
        str(language).lower()[:2]: text
        for language, text in value.items()
        if isinstance(text, str) and text.strip()
    }


def uit_texts(event: dict) -> dict[str, dict[str, str]]:
    """Every language of the event's name and description, as {lang: {title, summary,
    description}}, the event's main language first.

    The one place that reads UiT's texts: when activities get per-language texts, the
    sync stores all of this (events.uit.sync._fields keeps only the chosen language
    today)."""
    names, descriptions = _by_language(event.get("name")), _by_language(event.get("description"))
    main = str(event.get("mainLanguage") or "").lower()[:2]
    order = [main, *names, *descriptions]
    texts: dict[str, dict[str, str]] = {}
    for language in dict.fromkeys(code for code in order if code in names or code in descriptions):
        title = " ".join(names.get(language, "").split())[:TITLE_MAX]
        description = plain(descriptions.get(language, ""))
        if not title:
            continue  # a description without a name in that language is no text of its own
        first = next((line for line in description.splitlines() if line.strip()), "")
        texts[language or main or "nl"] = {
            "title": title,
            "summary": (first or title)[:SUMMARY_MAX],
            "description": description,
        }
    return texts


def chosen_language(texts: dict[str, dict[str, str]]) -> str:
    """Dutch when the event has it, else the first language present (its main language)."""
    if "nl" in texts:
        return "nl"
    return next(iter(texts))


def text_language_of(language: str, text: dict[str, str]) -> str:
    """The activity's text_language for a UiT language: one of the site's as UiT says it,
    else the guess the calendar sync makes too (usertext.language)."""
    if language in content_languages():
        return language
    return text_language(text["title"], text["description"])
