"""The change history of activities: a snapshot of what the public and the coverage figures
depend on, and the difference between two snapshots, recorded by the services.

The rule of the audit trail: every write leaves exactly one row that says what changed
(`changes`: {field: [before, after]}), by whom, with the activity as it stood afterwards;
a write that changes nothing leaves none. A use case made of several steps (an API PATCH
that changes fields, status and dates; a calendar event created already cancelled; a demo
activity with its dates) runs inside `one_change()`, which folds the steps' rows into one
per activity. The admin records its form and inlines once, after both are saved."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection

from .coverage.kept import coverage_catch_up
from .models import (
    ACTIVITY_DETAILS,
    Activity,
    ActivityChange,
    ChangeAction,
)

# What a snapshot reads besides the activity's row, in one statement: a write takes two
# snapshots, and four reads each were a quarter of an activity write's round trips.
SNAPSHOT_RELATED_SQL = """
    SELECT
        ARRAY(
            SELECT w.code FROM events_activity_work_models aw
            JOIN events_workmodel w ON w.id = aw.workmodel_id
            WHERE aw.activity_id = %(id)s
        ),
        ARRAY(
            SELECT sa.area_id FROM events_activity_service_areas sa
            WHERE sa.activity_id = %(id)s
        ),
        ARRAY(
            SELECT ARRAY[t.language, t.title, t.summary, t.what_to_expect]
            FROM events_activitytranslation t
            WHERE t.activity_id = %(id)s
            ORDER BY t.language
        ),
        s.id IS NOT NULL, s.dtstart, s.duration, s.rrule, s.exdates, s.rdates
    FROM (SELECT 1) AS one
    LEFT JOIN events_schedule s ON s.activity_id = %(id)s
"""


def activity_snapshot(activity: Activity) -> dict:
    """The activity as the public site and the coverage figures see it, in JSON terms."""
    place = activity.place
    point = place.public_location if place is not None else None
    # Work models, areas, translations and the schedule are read from the database (a
    # cached schedule may predate a schedule_set); an unsaved activity has none.
    codes, area_ids, translations, scheduled = [], [], [], False
    if activity.pk:
        with connection.cursor() as cursor:
            cursor.execute(SNAPSHOT_RELATED_SQL, {"id": activity.pk})
            codes, area_ids, translations, scheduled, *schedule = cursor.fetchone()
    return {
        "title": activity.title,
        "summary": activity.summary,
        "kind": activity.kind,
        "status": activity.status,
        "organisation": activity.organisation_id,
        "place": activity.place_id,
        "point": [round(point.x, 7), round(point.y, 7)] if point is not None else None,
        "work_models": sorted(codes),
        "service_areas": sorted(area_ids),
        **{name: _in_json(getattr(activity, name)) for name in ACTIVITY_DETAILS},
        # Not read by the coverage figures, but changed by "still correct" and cancelling:
        # without them those writes would leave rows that say nothing.
        "last_verified": _in_json(activity.last_verified),
        "cancel_reason": activity.cancel_reason,
        # {language: {title, summary, what_to_expect}}
        "translations": {
            language: {"title": title, "summary": summary, "what_to_expect": what_to_expect}
            for language, title, summary, what_to_expect in translations
        },
        "schedule": _schedule_in_json(*schedule) if scheduled else None,
    }


def _schedule_in_json(dtstart, duration, rrule, exdates, rdates) -> dict:
    return {
        "dtstart": _utc(dtstart),
        "duration_s": int(duration.total_seconds()),
        "rrule": rrule,
        "exdates": [_utc(moment) for moment in exdates],
        "rdates": [_utc(moment) for moment in rdates],
    }


def _in_json(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return list(value) if isinstance(value, list | tuple) else value


def _utc(moment: datetime) -> str:
    # One spelling per instant, so that a difference means a real change.
    return moment.astimezone(UTC).isoformat()


def snapshot_difference(before: dict | None, after: dict) -> dict:
    """{field: [before, after]} for every field that differs; `before` None means new."""
    before = before or {}
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


# When one use case folds several steps into one row: which action names the row. A move of
# the status says most to a reader; a change of fields more than one of dates alone.
ACTION_PRECEDENCE = (
    ChangeAction.CREATED,
    ChangeAction.SYNCED,
    ChangeAction.RESTORED,
    ChangeAction.CANCELLED,
    ChangeAction.REJECTED,
    ChangeAction.PUBLISHED,
    ChangeAction.UPDATED,
    ChangeAction.SCHEDULED,
    ChangeAction.DATE_CANCELLED,
    ChangeAction.DATE_RESTORED,
    ChangeAction.VERIFIED,
)


@dataclass
class _Folded:
    """The steps of one use case on one activity, waiting to become one row."""

    before: dict | None
    by: AbstractBaseUser | None = None
    actions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


_folding: ContextVar[dict[int, _Folded] | None] = ContextVar("history_folding", default=None)


@contextmanager
def one_change() -> Iterator[None]:
    """Fold every change_record inside into one row per activity, written when the block
    ends without an error: the state before the first step, the state after the last, the
    action of the weightiest step that changed something (ACTION_PRECEDENCE). Nested
    blocks join the outer one. Use inside the transaction of the use case."""
    if _folding.get() is not None:
        yield
        return
    folded: dict[int, _Folded] = {}
    token = _folding.set(folded)
    try:
        yield
    finally:
        _folding.reset(token)
    for activity_id, steps in folded.items():
        if not steps.actions:
            continue  # every step changed nothing
        action = min(steps.actions, key=ACTION_PRECEDENCE.index)
        _write(
            activity=Activity.objects.select_related("place").get(pk=activity_id),
            action=action,
            by=steps.by,
            before=steps.before,
            note=" ".join(dict.fromkeys(note for note in steps.notes if note)),
        )


def change_record(
    *,
    activity: Activity,
    action: str,
    by: AbstractBaseUser | None,
    before: dict | None = None,
    note: str = "",
) -> ActivityChange | None:
    """Record one change; `before` is the snapshot taken before the write (None: the
    activity is new). Nothing is recorded when nothing changed; inside one_change() the
    row waits for the end of the block (and None is returned)."""
    folded = _folding.get()
    if folded is None:
        fresh = Activity.objects.select_related("place").get(pk=activity.pk)
        return _write(activity=fresh, action=action, by=by, before=before, note=note)
    steps = folded.setdefault(activity.pk, _Folded(before=before))
    fresh = Activity.objects.select_related("place").get(pk=activity.pk)
    if action == ChangeAction.CREATED or snapshot_difference(before, activity_snapshot(fresh)):
        steps.actions.append(action)
        steps.by = steps.by or _actor(by)
        steps.notes.append(note)
    return None


def _actor(by: AbstractBaseUser | None) -> AbstractBaseUser | None:
    return by if by is not None and by.is_authenticated else None


def _write(
    *, activity: Activity, action: str, by: AbstractBaseUser | None, before: dict | None, note: str
) -> ActivityChange | None:
    after = activity_snapshot(activity)
    changes = snapshot_difference(before, after)
    # Every activity write passes here, in its transaction: the kept coverage figures take
    # it in now (the triggers reported what was written).
    coverage_catch_up()
    if not changes:
        return None
    return ActivityChange.objects.create(
        activity=activity,
        action=action,
        by=_actor(by),
        changes=changes,
        snapshot=after,
        note=note,
    )
