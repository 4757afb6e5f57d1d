"""Writes on activities: creation, publication, schedules and their dated occurrences."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

import pycountry
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurt.models import Area
from buurt.signals import map_data_changed
from places.models import Organisation, Place
from places.roles import user_is_moderator
from usertext import user_text_clean

from .calendars.addresses import AddressRefused, calendar_address_check
from .history import activity_snapshot, change_record
from .languages import EXTRA_CODES
from .models import (
    Activity,
    Audience,
    CalendarFeed,
    ChangeAction,
    CostKind,
    Occurrence,
    Schedule,
    Status,
    WorkModel,
)
from .recurrence.rules import BRUSSELS, canonical_rrule, occurrences_between, rrule_validate

ACTIVITY_FIELDS = {
    "description",
    "what_to_expect",
    "audiences",
    "languages",
    "basic_dutch_ok",
    "cost",
    "cost_amount",
    "social_tariff",
    "registration_required",
    "registration_how",
    "host_name",
    "contact_phone",
    "contact_email",
    "import_key",
    "last_verified",
}
# What the public reads in an activity in its poster's own words, and where it is. Approval
# of an unverified organisation's post is for what the moderator read: a change to any of
# these sends a published activity back to the moderators, off the public site until they
# approve it again. Dates, languages, audiences, work models and cost are chosen from lists
# and cannot carry a message, so they are not moderated again.
MODERATED_FIELDS = (
    "title",
    "summary",
    "description",
    "what_to_expect",
    "host_name",
    "contact_phone",
    "contact_email",
    "registration_how",
    "social_tariff",
    "place",
)
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


def _work_models(codes: Iterable[str]) -> list[WorkModel]:
    codes = list(dict.fromkeys(codes))
    if not codes:
        raise ValidationError({"work_models": _("Choose at least one work model.")})
    found = {model.code: model for model in WorkModel.objects.filter(code__in=codes)}
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise ValidationError(
            {"work_models": _("Unknown work model: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    return [found[code] for code in codes]


def _validate_fields(fields: dict) -> None:
    unknown = set(fields) - ACTIVITY_FIELDS
    if unknown:
        raise TypeError(f"Unknown activity fields: {sorted(unknown)}")
    errors: dict[str, str] = {}
    for code in fields.get("languages", []):
        if code.lower() in EXTRA_CODES:
            continue
        if len(code) != 2 or pycountry.languages.get(alpha_2=code.lower()) is None:
            errors["languages"] = _("%(code)r is not an ISO 639-1 language code.") % {"code": code}
    for audience in fields.get("audiences", []):
        if audience not in Audience.values:
            errors["audiences"] = _("Unknown audience %(value)r.") % {"value": audience}
    if errors:
        raise ValidationError(errors)


def _validate_activity(activity: Activity, *, service_area_count: int) -> None:
    if activity.place_id is None and service_area_count == 0:
        raise ValidationError(
            {"place": _("Give a place, or the areas served for a programme without a venue.")}
        )
    if activity.place_id is not None and service_area_count:
        raise ValidationError({"service_areas": _("Give a place or areas served, not both.")})
    if activity.cost == CostKind.PAID and activity.cost_amount is None:
        raise ValidationError({"cost_amount": _("Say how much it costs.")})
    if activity.cost != CostKind.PAID:
        activity.cost_amount = None
    activity.languages = [code.lower() for code in activity.languages]
    activity.full_clean(exclude=["work_models", "service_areas"])


@transaction.atomic
def activity_create(
    *,
    organisation: Organisation,
    kind: str,
    title: str,
    summary: str,
    work_models: Iterable[str],
    place: Place | None = None,
    service_areas: Iterable[Area] = (),
    schedule: ScheduleInput | None = None,
    status: str | None = None,
    by: AbstractBaseUser | None = None,
    **fields,
) -> Activity:
    """Create an activity. Without an explicit status, a verified organisation's activity is
    published at once and an unverified one's waits for a moderator."""
    _validate_fields(fields)
    models = _work_models(work_models)
    service_areas = list(service_areas)
    if status is None:
        status = Status.PUBLISHED if organisation.verified else Status.PENDING
    activity = Activity(
        organisation=organisation,
        kind=kind,
        title=title,
        summary=summary,
        place=place,
        status=status,
        created_by=by,
        updated_by=by,
        last_verified=fields.pop("last_verified", timezone.localdate()),
        **fields,
    )
    _validate_activity(activity, service_area_count=len(service_areas))
    activity.save()
    activity.work_models.set(models)
    activity.service_areas.set(service_areas)
    if schedule is not None:
        _schedule_store(activity=activity, schedule=schedule)
    change_record(activity=activity, action=ChangeAction.CREATED, by=by)
    return activity


def activity_changes_to_moderate(
    *, activity: Activity, changes: dict, by: AbstractBaseUser | None
) -> list[str]:
    """The moderated fields (MODERATED_FIELDS) that an edit changes in a published activity
    of an unverified organisation; empty when the edit needs no new moderation (a verified
    organisation, a moderator's own edit, a draft or a post still waiting)."""
    if activity.status != Status.PUBLISHED or activity.organisation.verified:
        return []
    if by is not None and user_is_moderator(by):
        return []
    changed = []
    for name in MODERATED_FIELDS:
        if name not in changes:
            continue
        old, new = getattr(activity, name), changes[name]
        if name == "place":
            old, new = activity.place_id, getattr(new, "pk", new)
        elif isinstance(new, str):
            old, new = (old or "").strip(), user_text_clean(new).strip()
        if old != new:
            changed.append(name)
    return changed


def _back_to_moderation_note(changed: list[str]) -> str:
    names = [str(Activity._meta.get_field(name).verbose_name) for name in changed]
    return _("Changed after approval (%(fields)s): back to the moderators.") % {
        "fields": ", ".join(names)
    }


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    by: AbstractBaseUser | None = None,
    work_models: Iterable[str] | None = None,
    service_areas: Iterable[Area] | None = None,
    **fields,
) -> Activity:
    """Change an activity. A published activity of an unverified organisation whose text,
    contact or place changes goes back to the moderators (activity_changes_to_moderate)."""
    core = {
        name: fields.pop(name) for name in ("kind", "title", "summary", "place") if name in fields
    }
    _validate_fields(fields)
    before = activity_snapshot(activity)
    to_moderate = activity_changes_to_moderate(activity=activity, changes={**core, **fields}, by=by)
    for name, value in {**core, **fields}.items():
        setattr(activity, name, value)
    if to_moderate:
        activity.status = Status.PENDING
    activity.updated_by = by
    areas = list(service_areas) if service_areas is not None else list(activity.service_areas.all())
    _validate_activity(activity, service_area_count=len(areas))
    activity.save()
    if work_models is not None:
        activity.work_models.set(_work_models(work_models))
    if service_areas is not None:
        activity.service_areas.set(areas)
    change_record(
        activity=activity,
        action=ChangeAction.UPDATED,
        by=by,
        before=before,
        note=_back_to_moderation_note(to_moderate) if to_moderate else "",
    )
    return activity


@transaction.atomic
def activity_publish(*, activity: Activity, by: AbstractBaseUser | None = None) -> Activity:
    before = activity_snapshot(activity)
    activity.status, activity.updated_by = Status.PUBLISHED, by
    activity.save(update_fields=["status", "updated_by", "updated_at"])
    change_record(activity=activity, action=ChangeAction.PUBLISHED, by=by, before=before)
    return activity


@transaction.atomic
def activity_status_set(
    *, activity: Activity, status: str, by: AbstractBaseUser | None = None
) -> Activity:
    """Set a status that activity_status_for has allowed, through the use case that owns it,
    so that every change of status is in the history with who made it (the API and the
    workspace both come here)."""
    if status == activity.status:
        return activity
    if status == Status.PUBLISHED:
        return activity_publish(activity=activity, by=by)
    if status == Status.CANCELLED:
        return activity_cancel(activity=activity, by=by)
    before = activity_snapshot(activity)
    activity.status, activity.updated_by = status, by
    activity.save(update_fields=["status", "updated_by", "updated_at"])
    change_record(activity=activity, action=ChangeAction.UPDATED, by=by, before=before)
    return activity


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
    activity.cancel_reason = user_text_clean(reason).strip()[:300]
    activity.save(
        update_fields=[
            "status",
            "status_before_cancel",
            "cancel_reason",
            "updated_by",
            "updated_at",
        ]
    )
    activity.occurrences.filter(start__gte=timezone.now()).update(cancelled=True)
    change_record(
        activity=activity, action=ChangeAction.CANCELLED, by=by, before=before, note=reason
    )
    return activity


@transaction.atomic
def activity_restore(*, activity: Activity, by: AbstractBaseUser | None = None) -> Activity:
    """Undo a cancellation: the activity gets back the status it had (a post that waited
    for a moderator waits again) and its future dates return, except dates cancelled one
    by one."""
    if activity.status != Status.CANCELLED:
        return activity
    before = activity_snapshot(activity)
    activity.status = activity.status_before_cancel or Status.PENDING
    activity.status_before_cancel, activity.cancel_reason = "", ""
    activity.updated_by = by
    activity.save(
        update_fields=[
            "status",
            "status_before_cancel",
            "cancel_reason",
            "updated_by",
            "updated_at",
        ]
    )
    # The schedule's EXDATEs say which dates stay cancelled one by one.
    occurrences_materialise(activity=activity)
    change_record(activity=activity, action=ChangeAction.RESTORED, by=by, before=before)
    return activity


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
    stored = _schedule_store(activity=activity, schedule=schedule)
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


def _schedule_store(*, activity: Activity, schedule: ScheduleInput) -> Schedule:
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
        for dated in occurrences_between(
            dtstart=schedule.dtstart,
            duration=schedule.duration,
            rrule_text=schedule.rrule,
            exdates=schedule.exdates,
            rdates=schedule.rdates,
            window_start=window_start,
            window_end=window_end,
        )
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
    occurrence.cancel_reason = user_text_clean(reason).strip()[:300]
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


def decimal_or_none(value: str | None) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def activity_status_for(
    *, organisation: Organisation, requested: str | None, by_moderator: bool
) -> str:
    """The status a post gets: a draft stays a draft; otherwise a verified organisation (or
    a moderator) publishes directly and an unverified one's post waits for moderation."""
    if requested == Status.DRAFT:
        return Status.DRAFT
    if organisation.verified or by_moderator:
        return Status.PUBLISHED
    return Status.PENDING


def activity_place_check(*, place: Place | None, organisation_id: int, by_moderator: bool) -> None:
    """A hidden (`area`) place is used only by its own organisation or a moderator: its
    existence and neighbourhood say something about who meets there."""
    if place is None or place.precision != "area" or by_moderator:
        return
    if place.organisation_id != organisation_id:
        raise ValidationError({"place": _("This place belongs to another organisation.")})


@transaction.atomic
def activity_reject(
    *, activity: Activity, reason: str, by: AbstractBaseUser | None = None
) -> Activity:
    """A moderator sends a pending post back to its organisation as a draft, with the
    reason the poster sees in the workspace."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, so that the poster can correct it.")})
    if activity.status != Status.PENDING:
        raise ValidationError({"status": _("Only posts waiting for moderation can be rejected.")})
    before = activity_snapshot(activity)
    activity.status, activity.updated_by = Status.DRAFT, by
    activity.save(update_fields=["status", "updated_by", "updated_at"])
    change_record(
        activity=activity, action=ChangeAction.REJECTED, by=by, before=before, note=reason
    )
    return activity


@transaction.atomic
def activity_verify(*, activity: Activity, by: AbstractBaseUser | None = None) -> Activity:
    """The "still correct" button: the organisation confirms the activity as it stands."""
    activity.last_verified, activity.updated_by = timezone.localdate(), by
    activity.save(update_fields=["last_verified", "updated_by", "updated_at"])
    change_record(activity=activity, action=ChangeAction.VERIFIED, by=by)
    return activity


@transaction.atomic
def activity_submit(*, activity: Activity, by: AbstractBaseUser | None = None) -> Activity:
    """Send a draft (a new post, or one a moderator sent back) on its way: published at
    once for a verified organisation, otherwise to the moderators' queue."""
    if activity.status != Status.DRAFT:
        return activity
    wanted = activity_status_for(
        organisation=activity.organisation, requested=None, by_moderator=False
    )
    return activity_status_set(activity=activity, status=wanted, by=by)


@transaction.atomic
def organisation_verify(
    *, organisation: Organisation, by: AbstractBaseUser | None = None
) -> list[Activity]:
    """Verify an organisation; its posts waiting for moderation are published with it.
    Returns the activities published."""
    organisation.verified = True
    organisation.last_verified = timezone.localdate()
    organisation.save(update_fields=["verified", "last_verified", "updated_at"])
    pending = list(
        Activity.objects.select_related("place").filter(
            organisation=organisation, status=Status.PENDING
        )
    )
    return [activity_publish(activity=activity, by=by) for activity in pending]


@transaction.atomic
def activity_sync(
    *,
    activity: Activity,
    fields: dict,
    schedule: ScheduleInput,
    status: str | None = None,
    note: str = "",
) -> bool:
    """Bring an imported activity in line with its calendar event. Records one `synced`
    change, and only when something changed; returns whether it did."""
    before = activity_snapshot(activity)
    core = {name: fields.pop(name) for name in ("kind", "title", "summary") if name in fields}
    _validate_fields(fields)
    # A calendar is one more way to edit: the same rule as activity_update.
    to_moderate = activity_changes_to_moderate(
        activity=activity, changes={**core, **fields}, by=None
    )
    for name, value in {**core, **fields}.items():
        setattr(activity, name, value)
    if status is not None:
        activity.status = status
    elif to_moderate:
        activity.status = Status.PENDING
        note = " ".join(filter(None, [note, _back_to_moderation_note(to_moderate)]))
    activity.updated_by = None
    _validate_activity(activity, service_area_count=activity.service_areas.count())
    activity.save()
    _schedule_store(activity=activity, schedule=schedule)
    if status == Status.CANCELLED:
        activity.occurrences.filter(start__gte=timezone.now()).update(cancelled=True)
    fresh = Activity.objects.select_related("place").get(pk=activity.pk)
    if activity_snapshot(fresh) == before:
        return False
    change_record(activity=activity, action=ChangeAction.SYNCED, by=None, before=before, note=note)
    return True


def calendar_feed_url_check(*, url: str) -> None:
    """Refuse, as a ValidationError on `url`, an address the sync would refuse to fetch
    (events.calendars.addresses): at registration, not only at the first sync."""
    try:
        calendar_address_check(url)
    except AddressRefused as refused:
        raise ValidationError({"url": refused.message()}) from None


@transaction.atomic
def calendar_feed_register(
    *,
    organisation_id: int,
    name: str,
    url: str,
    place: Place | None,
    work_models: Iterable[str],
) -> CalendarFeed:
    """Register an organisation's iCal feed; its events arrive with the next sync."""
    calendar_feed_url_check(url=url)
    if CalendarFeed.objects.filter(organisation_id=organisation_id, url=url).exists():
        raise ValidationError({"url": _("This calendar is already registered.")})
    feed = CalendarFeed.objects.create(
        organisation_id=organisation_id, name=name, url=url, place=place
    )
    feed.work_models.set(_work_models(work_models))
    return feed


def calendar_feed_toggle(*, feed: CalendarFeed) -> CalendarFeed:
    """Stop syncing a feed (its activities stay as they are), or start again."""
    feed.active = not feed.active
    feed.save(update_fields=["active"])
    return feed
