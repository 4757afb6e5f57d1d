"""Writes on activities, one function per use case, by concept: activities (post, change),
moderation, cancellation, schedules and their occurrences, calendar feeds, UiT sources."""

from .activities import (
    ACTIVITY_FIELDS,
    NewPlace,
    activity_change,
    activity_create,
    activity_place_check,
    activity_post,
    activity_update,
)
from .cancellation import activity_cancel, activity_restore, occurrence_cancel, occurrence_restore
from .feeds import (
    activity_sync,
    calendar_feed_register,
    calendar_feed_toggle,
    calendar_feed_url_check,
)
from .moderation import (
    MODERATED_FIELDS,
    activity_changes_to_moderate,
    activity_publish,
    activity_reject,
    activity_status_for,
    activity_status_set,
    activity_submit,
    activity_verify,
    organisation_verify,
)
from .schedules import (
    EARLIEST,
    LATEST,
    MAX_SCHEDULE_DURATION,
    MaterialiseSummary,
    ScheduleInput,
    occurrences_materialise,
    schedule_change_keeping_dates,
    schedule_set,
)
from .translations import (
    TRANSLATED_FIELDS,
    set_translations,
    translations_errors,
)
from .uit import uit_source_register, uit_source_update

__all__ = [
    "ACTIVITY_FIELDS",
    "EARLIEST",
    "LATEST",
    "MAX_SCHEDULE_DURATION",
    "MODERATED_FIELDS",
    "TRANSLATED_FIELDS",
    "MaterialiseSummary",
    "NewPlace",
    "ScheduleInput",
    "activity_cancel",
    "activity_change",
    "activity_changes_to_moderate",
    "activity_create",
    "activity_place_check",
    "activity_post",
    "activity_publish",
    "activity_reject",
    "activity_restore",
    "activity_status_for",
    "activity_status_set",
    "activity_submit",
    "activity_sync",
    "activity_update",
    "activity_verify",
    "calendar_feed_register",
    "calendar_feed_toggle",
    "calendar_feed_url_check",
    "occurrence_cancel",
    "occurrence_restore",
    "occurrences_materialise",
    "organisation_verify",
    "schedule_change_keeping_dates",
    "schedule_set",
    "set_translations",
    "translations_errors",
    "uit_source_register",
    "uit_source_update",
]
