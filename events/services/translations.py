"""Translations of an activity's title, summary and "what to expect" into the languages its
residents read (events.models.ActivityTranslation): one use case, set_translations, that the
API, the workspace form and the imports (UiT) all call."""

from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from places.roles import user_is_moderator
from usertext import user_text_clean

from ..history import activity_snapshot, change_record
from ..languages import language_code_known, language_label
from ..models import Activity, ActivityTranslation, ChangeAction, Status

# What a translation holds, in the order the form and the API give it.
TRANSLATED_FIELDS = ("title", "summary", "what_to_expect")
# More versions than any poster writes; a bound on what one request may store.
MAX_TRANSLATIONS = 30


def translation_language(code: object) -> str:
    """The stored spelling of a translation's language code ("AR " → "ar")."""
    return code.strip().lower() if isinstance(code, str) else ""


def translations_errors(
    translations: Mapping[str, Mapping[str, str]], *, text_language: str | None
) -> dict[str, dict[str, list[str]] | list[str]]:
    """What is wrong with `translations`, by language and field: {"ar": {"title": [...]}}
    for a field, {"zz": [...]} for the language itself; empty when all is well. With
    `text_language`, a translation in the language the texts are written in is refused."""
    errors: dict = {}
    if not isinstance(translations, Mapping):
        raise ValidationError(
            {"translations": _("Give the translations as an object keyed by language code.")}
        )
    if len(translations) > MAX_TRANSLATIONS:
        raise ValidationError(
            {
                "translations": _("At most %(count)d translations.") % {"count": MAX_TRANSLATIONS},
            }
        )
    seen: set[str] = set()
    for key, texts in translations.items():
        code = translation_language(key)
        if not language_code_known(code):
            errors[str(key)] = [
                _("%(code)r is not an ISO 639-1 language code.") % {"code": str(key)}
            ]
            continue
        if code in seen:
            errors[str(key)] = [_("This language is given twice.")]
            continue
        seen.add(code)
        if text_language and code == text_language:
            errors[str(key)] = [
                _(
                    "The texts themselves are in %(language)s: change them there, not in a "
                    "translation."
                )
                % {"language": language_label(code)}
            ]
            continue
        if not isinstance(texts, Mapping):
            errors[str(key)] = [_("Give title, summary and what to expect as an object.")]
            continue
        unknown = sorted(set(texts) - set(TRANSLATED_FIELDS))
        field_errors: dict[str, list[str]] = {
            name: [_("Only title, summary and what to expect are translated.")] for name in unknown
        }
        row = ActivityTranslation(
            language=code, **{name: _text(texts.get(name)) for name in TRANSLATED_FIELDS}
        )
        try:
            row.full_clean(exclude=["activity"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                field_errors.setdefault(name, []).extend(messages)
        if field_errors:
            errors[str(key)] = field_errors
    return errors


def _text(value) -> str:
    return user_text_clean(value).strip() if isinstance(value, str) else ""


def flattened(errors: dict, prefix: str = "translations") -> dict[str, list[str]]:
    """Nested errors as Django's flat form: {"translations.ar.title": [...]} (the API's
    as_api_error nests them again)."""
    flat: dict[str, list[str]] = {}
    for key, value in errors.items():
        if isinstance(value, dict):
            flat.update(flattened(value, f"{prefix}.{key}"))
        else:
            flat[f"{prefix}.{key}"] = list(value)
    return flat


@transaction.atomic
def set_translations(
    activity: Activity,
    translations: Mapping[str, Mapping[str, str]],
    *,
    by: AbstractBaseUser | None = None,
    action: str = ChangeAction.UPDATED,
    note: str = "",
) -> Activity:
    """Make `translations` ({"ar": {"title": …, "summary": …, "what_to_expect": …}}) the
    activity's whole set of translations: languages not given are removed, an empty mapping
    removes all. Title and summary are required, "what to expect" is not; the languages are
    those `languages` takes, except the one the texts are written in. Bad input is a
    ValidationError keyed "translations.<code>[.<field>]", and nothing is written.

    The history gets one row (or none when nothing changed; inside one_change it joins the
    use case's row), and a changed translation of an unverified organisation's published
    activity goes back to the moderators, like a changed title. `action` and `note` are the
    history's (a sync records ChangeAction.SYNCED with its source's name)."""
    errors = translations_errors(translations, text_language=activity.text_language)
    if errors:
        raise ValidationError(flattened(errors))
    wanted = {
        translation_language(code): {name: _text(texts.get(name)) for name in TRANSLATED_FIELDS}
        for code, texts in translations.items()
    }
    before = activity_snapshot(activity)
    # From the database, not a prefetched set that may predate another write.
    stored = {row.language: row for row in ActivityTranslation.objects.filter(activity=activity)}
    changed = False
    for code, row in stored.items():
        if code not in wanted:
            row.delete()
            changed = True
    for code, texts in wanted.items():
        row = stored.get(code)
        if row is None:
            ActivityTranslation.objects.create(activity=activity, language=code, **texts)
            changed = True
        elif any(getattr(row, name) != value for name, value in texts.items()):
            for name, value in texts.items():
                setattr(row, name, value)
            row.save()
            changed = True
    # A prefetched set would show the rows as they were.
    getattr(activity, "_prefetched_objects_cache", {}).pop("translations", None)
    if not changed:
        return activity
    if _back_to_moderation(activity, by):
        activity.status = Status.PENDING
        activity.updated_by = by
        activity.save(update_fields=["status", "updated_by", "updated_at"])
        back = _("Changed after approval (%(fields)s): back to the moderators.") % {
            "fields": _("translations")
        }
        note = f"{note} {back}".strip()
    change_record(activity=activity, action=action, by=by, before=before, note=note)
    return activity


def _back_to_moderation(activity: Activity, by: AbstractBaseUser | None) -> bool:
    # The rule of moderation.activity_changes_to_moderate: what an unverified organisation
    # writes after approval is read again, unless a moderator wrote it.
    if activity.status != Status.PUBLISHED or activity.organisation.verified:
        return False
    return not (by is not None and user_is_moderator(by))
