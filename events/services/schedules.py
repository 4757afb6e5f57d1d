"""Schedules of activities and the dated occurrences materialised from them."""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurt.signals import map_data_changed

from ..history import activity_snapshot, change_record
from ..models import Activity, ChangeAction, Occurrence, Schedule, Status
from ..recurrence.rules import BRUSSELS, canonical_rrule, rrule_validate, schedule_dates

MAX_SCHEDULE_DURATION = timedelta(days=31)
# Years outside these are typing errors (and overflow date arithmetic further on).
EARLIEST, LATEST = 1970, 2199
logger = logging.getLogger(__name__)


@dataclass
class ScheduleInput:
    dtstart: datetime
    duration: timedelta
    rrule: str = ""
    exdates: list[datetime] = field(default_factory=list)
    rdates: list[datetime] = field(default_factory=list)


def _validate_schedule(schedule: ScheduleInput) -> None:
    if timezone.is_naive(schedule.dtstart):
        schedule.dtstart = schedule.dtstart.replace(tzinfo=BRUSSELS)
    if schedule.duration <= timedelta(0):
        raise ValidationError({"duration": _("The end must come after the start.")})
    if schedule.duration > MAX_SCHEDULE_DURATION:
        raise ValidationError({"duration": _("A session lasts at most 31 days.")})
    for name, moments in (
        ("dtstart", [schedule.dtstart]),
        ("exdates", schedule.exdates),
        ("rdates", schedule.rdates),
    ):
        if any(not EARLIEST <= moment.year <= LATEST for moment in moments):
            raise ValidationError(
                {name: _("Dates must lie between %(a)s and %(b)s.") % {"a": EARLIEST, "b": LATEST}}
            )
    if schedule.rrule:
        rrule_validate(schedule.rrule, dtstart=schedule.dtstart)
        schedule.rrule = canonical_rrule(schedule.rrule)


@transaction.atomic
def schedule_set(
    *, activity: Activity, schedule: ScheduleInput, by: AbstractBaseUser | None = None
) -> Schedule:
    """Set the activity's schedule, materialise its occurrences and record the change."""
    before = activity_snapshot(Activity.objects.select_related("place").get(pk=activity.pk))
    stored = schedule_store(activity=activity, schedule=schedule)
    change_record(activity=activity, action=ChangeAction.SCHEDULED, by=by, before=before)
    return stored


def schedule_change_keeping_dates(
    *, activity: Activity, schedule: ScheduleInput, by: AbstractBaseUser | None = None
) -> None:
    """Store an edited schedule, keeping the dates cancelled or added before; an unchanged
    schedule is not written again (and leaves no empty "dates changed" in the history)."""
    stored = Schedule.objects.filter(activity=activity).first()
    if stored is not None:
        schedule.exdates = list(stored.exdates)
        schedule.rdates = list(stored.rdates)
        same = (
            stored.dtstart == schedule.dtstart
            and stored.duration == schedule.duration
            and stored.rrule == canonical_rrule(schedule.rrule)
        )
        if same:
            return
    schedule_set(activity=activity, schedule=schedule, by=by)


def schedule_store(*, activity: Activity, schedule: ScheduleInput) -> Schedule:
    """Check and store the schedule and materialise its occurrences, without a history row:
    for the use cases that record their own change."""
    _validate_schedule(schedule)
    stored, _created = Schedule.objects.update_or_create(
        activity=activity,
        defaults={
            "dtstart": schedule.dtstart,
            "duration": schedule.duration,
            "rrule": schedule.rrule,
            "exdates": sorted(schedule.exdates),
            "rdates": sorted(schedule.rdates),
        },
    )
    occurrences_materialise(activity=activity)
    return stored


@dataclass
class MaterialiseSummary:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return (
            f"created {self.created}, updated {self.updated}, "
            f"deleted {self.deleted}, unchanged {self.unchanged}, failed {self.failed}"
        )


@transaction.atomic
def occurrences_materialise(
    *, activity: Activity | None = None, horizon_days: int | None = None, today=None
) -> MaterialiseSummary:
    """Bring dated occurrences from today to the horizon in line with the schedules.

    Past occurrences are history and stay as they are.
    """
    horizon_days = horizon_days or settings.OCCURRENCE_HORIZON_DAYS
    today = today or timezone.localdate()
    window_start = datetime.combine(today, datetime.min.time(), tzinfo=BRUSSELS)
    window_end = window_start + timedelta(days=horizon_days)
    schedules = Schedule.objects.select_related("activity")
    if activity is not None:
        schedules = schedules.filter(activity=activity)
    summary = MaterialiseSummary()
    for schedule in schedules.iterator(chunk_size=500):
        if activity is not None:
            _materialise_schedule(schedule, window_start, window_end, summary)
            continue
        # The nightly run over all schedules: one broken schedule must not stop the rest.
        try:
            with transaction.atomic():
                _materialise_schedule(schedule, window_start, window_end, summary)
        except (ValidationError, IntegrityError) as error:
            summary.failed += 1
            logger.error(
                "Schedule of activity %s not materialised: %s", schedule.activity_id, error
            )
    if summary.created or summary.updated or summary.deleted:
        # Dated sessions are on posters and in reports: move the data version on, once.
        transaction.on_commit(lambda: map_data_changed.send(sender=Occurrence))
    return summary


def _materialise_schedule(
    schedule: Schedule, window_start: datetime, window_end: datetime, summary: MaterialiseSummary
) -> None:
    # Keyed by the UTC instant, as the database gives them back.
    wanted = {
        dated.start: dated
        for dated in schedule_dates(schedule, window_start=window_start, window_end=window_end)
    }
    whole_activity_cancelled = schedule.activity.status == Status.CANCELLED
    existing = {
        occurrence.start: occurrence
        for occurrence in Occurrence.objects.filter(
            activity_id=schedule.activity_id, start__gte=window_start, start__lte=window_end
        )
    }
    stale = [occ.id for start, occ in existing.items() if start not in wanted]
    summary.deleted += Occurrence.objects.filter(id__in=stale).delete()[0]
    to_create, to_update = [], []
    for start, dated in wanted.items():
        cancelled = dated.cancelled or whole_activity_cancelled
        occurrence = existing.get(start)
        if occurrence is None:
            to_create.append(
                Occurrence(
                    activity_id=schedule.activity_id,
                    start=dated.start,
                    end=dated.end,
                    cancelled=cancelled,
                )
            )
        elif occurrence.end != dated.end or occurrence.cancelled != cancelled:
            occurrence.end, occurrence.cancelled = dated.end, cancelled
            to_update.append(occurrence)
        else:
            summary.unchanged += 1
    Occurrence.objects.bulk_create(to_create, batch_size=1000)
    Occurrence.objects.bulk_update(to_update, ["end", "cancelled"], batch_size=1000)
    summary.created += len(to_create)
    summary.updated += len(to_update)
