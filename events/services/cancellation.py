"""Cancelling and restoring a whole activity or one of its dates; the record and its past
stay."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from buurt.signals import map_data_changed
from usertext import user_line_clean

from ..history import activity_snapshot, change_record
from ..models import Activity, ChangeAction, Occurrence, Status
from .schedules import occurrences_materialise

# Where a cancellation lives on the activity: what activity_cancel writes and
# activity_restore writes back.
CANCELLATION_STATE = ("status", "status_before_cancel", "cancel_reason", "updated_by", "updated_at")


@transaction.atomic
def activity_cancel(
    *, activity: Activity, reason: str = "", by: AbstractBaseUser | None = None
) -> Activity:
    """Cancel the whole activity; the record and its past stay, future dates show as
    cancelled, with the reason (if given) on the public page. activity_restore undoes it."""
    if activity.status == Status.CANCELLED:
        return activity
    before = activity_snapshot(activity)
    activity.status_before_cancel = activity.status
    activity.status, activity.updated_by = Status.CANCELLED, by
    activity.cancel_reason = user_line_clean(reason).strip()[:300]
    activity.save(update_fields=CANCELLATION_STATE)
    activity.occurrences.filter(start__gte=timezone.now()).update(cancelled=True)
    change_record(
        activity=activity, action=ChangeAction.CANCELLED, by=by, before=before, note=reason
    )
    return activity


@transaction.atomic
def activity_restore(*, activity: Activity, by: AbstractBaseUser | None = None) -> Activity:
    """Undo a cancellation: the activity gets back the status it had (a post that waited
    for a moderator waits again) and its future dates return, except dates cancelled one
    by one.

    The rule of un-cancelling, whichever door it comes through (the workspace's undo, an
    API PATCH asking for a status, the admin's publish, a calendar event back in its
    feed): the future dates that the cancellation closed open again; a date cancelled one
    by one (an EXDATE of the schedule) stays cancelled; past dates stay as they were. One
    row in the history says the status went from cancelled to what it is now."""
    if activity.status != Status.CANCELLED:
        return activity
    before = activity_snapshot(activity)
    activity.status = activity.status_before_cancel or Status.PENDING
    activity.status_before_cancel, activity.cancel_reason = "", ""
    activity.updated_by = by
    activity.save(update_fields=CANCELLATION_STATE)
    # The schedule's EXDATEs say which dates stay cancelled one by one.
    occurrences_materialise(activity=activity)
    change_record(activity=activity, action=ChangeAction.RESTORED, by=by, before=before)
    return activity


@transaction.atomic
def occurrence_cancel(
    *, occurrence: Occurrence, reason: str = "", by: AbstractBaseUser | None = None
) -> Occurrence:
    """Cancel one date: it becomes an EXDATE of the schedule and stays visible as cancelled,
    with the reason (if given) on the public page. occurrence_restore undoes it."""
    schedule = occurrence.activity.schedule
    before = activity_snapshot(occurrence.activity)
    if occurrence.start not in schedule.exdates:
        schedule.exdates = sorted([*schedule.exdates, occurrence.start])
        schedule.save(update_fields=["exdates"])
    occurrence.cancelled = True
    occurrence.cancel_reason = user_line_clean(reason).strip()[:300]
    occurrence.save(update_fields=["cancelled", "cancel_reason"])
    transaction.on_commit(lambda: map_data_changed.send(sender=Occurrence))
    Activity.objects.filter(id=occurrence.activity_id).update(
        updated_by=by, updated_at=timezone.now()
    )
    change_record(
        activity=occurrence.activity,
        action=ChangeAction.DATE_CANCELLED,
        by=by,
        before=before,
        note=occurrence.cancel_reason,
    )
    return occurrence


@transaction.atomic
def occurrence_restore(*, occurrence: Occurrence, by: AbstractBaseUser | None = None) -> Occurrence:
    """Undo the cancellation of one date: it leaves the EXDATEs and takes place again
    (unless the whole activity is cancelled)."""
    schedule = occurrence.activity.schedule
    before = activity_snapshot(occurrence.activity)
    schedule.exdates = [moment for moment in schedule.exdates if moment != occurrence.start]
    schedule.save(update_fields=["exdates"])
    occurrence.cancelled = occurrence.activity.status == Status.CANCELLED
    occurrence.cancel_reason = ""
    occurrence.save(update_fields=["cancelled", "cancel_reason"])
    transaction.on_commit(lambda: map_data_changed.send(sender=Occurrence))
    Activity.objects.filter(id=occurrence.activity_id).update(
        updated_by=by, updated_at=timezone.now()
    )
    change_record(
        activity=occurrence.activity, action=ChangeAction.DATE_RESTORED, by=by, before=before
    )
    return occurrence
