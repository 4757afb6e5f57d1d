"""The change history of activities: a snapshot of what the public and the coverage figures
depend on, and the difference between two snapshots, recorded by the services."""

from datetime import UTC, datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser

from .models import ACTIVITY_DETAILS, Activity, ActivityChange, Schedule


def activity_snapshot(activity: Activity) -> dict:
    """The activity as the public site and the coverage figures see it, in JSON terms."""
    place = activity.place
    point = place.public_location if place is not None else None
    # Read from the database: a cached schedule may predate a schedule_set.
    schedule = Schedule.objects.filter(activity_id=activity.pk).first() if activity.pk else None
    return {
        "title": activity.title,
        "summary": activity.summary,
        "kind": activity.kind,
        "status": activity.status,
        "organisation": activity.organisation_id,
        "place": activity.place_id,
        "point": [round(point.x, 7), round(point.y, 7)] if point is not None else None,
        "work_models": sorted(activity.work_models.values_list("code", flat=True)),
        "service_areas": sorted(activity.service_areas.values_list("id", flat=True)),
        **{name: _in_json(getattr(activity, name)) for name in ACTIVITY_DETAILS},
        "schedule": {
            "dtstart": _utc(schedule.dtstart),
            "duration_s": int(schedule.duration.total_seconds()),
            "rrule": schedule.rrule,
            "exdates": [_utc(moment) for moment in schedule.exdates],
            "rdates": [_utc(moment) for moment in schedule.rdates],
        }
        if schedule is not None
        else None,
    }


def _in_json(value):
    if isinstance(value, Decimal):
        return str(value)
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


def change_record(
    *,
    activity: Activity,
    action: str,
    by: AbstractBaseUser | None,
    before: dict | None = None,
    note: str = "",
) -> ActivityChange:
    """Record one change; `before` is the snapshot taken before the write, if any."""
    activity = Activity.objects.select_related("place").get(pk=activity.pk)
    after = activity_snapshot(activity)
    return ActivityChange.objects.create(
        activity=activity,
        action=action,
        by=by if by is not None and by.is_authenticated else None,
        changes=snapshot_difference(before, after),
        snapshot=after,
        note=note,
    )
