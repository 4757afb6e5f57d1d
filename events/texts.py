"""The versions of an activity's texts a reader can read: the texts as written (in
Activity.text_language) and each translation (ActivityTranslation), and which one a page
shows: the one the reader asked for, else the interface language's, else Dutch, else the
texts as written. Each version knows its language and writing direction, for the `lang` and
`dir` of the elements that hold it."""

from dataclasses import dataclass

from django.utils import translation

from core.language import short_code

from .languages import autonym, text_direction
from .models import Activity


@dataclass(frozen=True)
class ActivityVersion:
    language: str
    title: str
    summary: str
    what_to_expect: str
    # The texts as the organisation wrote them (not a translation).
    original: bool

    @property
    def direction(self) -> str:
        return text_direction(self.language)

    @property
    def name(self) -> str:
        """The language's name in itself ("العربية"), for the "also in" links."""
        return autonym(self.language)


def activity_versions(activity: Activity) -> list[ActivityVersion]:
    """The texts as written first, then the translations by language code. Reads
    `activity.translations.all()`: prefetch it for lists."""
    versions = [
        ActivityVersion(
            language=activity.text_language or "nl",
            title=activity.title,
            summary=activity.summary,
            what_to_expect=activity.what_to_expect,
            original=True,
        )
    ]
    for row in sorted(activity.translations.all(), key=lambda row: row.language):
        versions.append(
            ActivityVersion(
                language=row.language,
                title=row.title,
                summary=row.summary,
                what_to_expect=row.what_to_expect,
                original=False,
            )
        )
    return versions


def activity_version(activity: Activity, asked: str | None = None) -> ActivityVersion:
    """The version a page shows: `asked` (a reader's ?lang=) when there is one in that
    language, else the interface language's, else Dutch, else the texts as written."""
    versions = {version.language: version for version in activity_versions(activity)}
    for language in (asked, short_code(translation.get_language()), "nl"):
        if language and language in versions:
            return versions[language]
    return next(version for version in versions.values() if version.original)


def translations_of(activity: Activity) -> dict[str, dict[str, str]]:
    """The activity's translations as events.services.set_translations takes them, by
    language code: the API's `translations`."""
    return {
        version.language: {
            "title": version.title,
            "summary": version.summary,
            "what_to_expect": version.what_to_expect,
        }
        for version in activity_versions(activity)
        if not version.original
    }
