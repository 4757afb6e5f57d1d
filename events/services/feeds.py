"""Calendar feeds of organisations: registering and pausing a feed, and bringing an
imported activity in line with its calendar event."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from places.models import Place

from ..calendars.addresses import AddressRefused, calendar_address_check
from ..history import activity_snapshot, change_record
from ..models import Activity, CalendarFeed, ChangeAction, Status
from .activities import validate_activity, validate_fields, work_models_by_code
from .moderation import activity_changes_to_moderate, back_to_moderation_note
from .schedules import ScheduleInput, schedule_store


@transaction.atomic
def activity_sync(
    *,
    activity: Activity,
    fields: dict,
    schedule: ScheduleInput | None,
    status: str | None = None,
    note: str = "",
    moderated: bool = False,
) -> bool:
    """Bring an imported activity in line with its calendar event or UiT event (the place
    too, when given). Records one `synced` change, and only when something changed;
    returns whether it did. With `moderated` (a UiT source that needs a moderator), a
    changed text goes back to the moderators whatever the organisation."""
    before = activity_snapshot(activity)
    core = {
        name: fields.pop(name) for name in ("kind", "title", "summary", "place") if name in fields
    }
    validate_fields(fields)
    # A calendar is one more way to edit: the same rule as activity_update.
    to_moderate = activity_changes_to_moderate(
        activity=activity, changes={**core, **fields}, by=None, moderated=moderated
    )
    for name, value in {**core, **fields}.items():
        setattr(activity, name, value)
    if status == Status.CANCELLED and activity.status != Status.CANCELLED:
        # As activity_cancel keeps it: what an undo in the workspace goes back to.
        activity.status_before_cancel, activity.status = activity.status, status
    elif status is not None:
        if activity.status == Status.CANCELLED:
            # Back in the calendar: un-cancelled as activity_restore does; schedule_store
            # below opens the future dates again, except those cancelled one by one.
            activity.status_before_cancel, activity.cancel_reason = "", ""
        activity.status = status
    elif to_moderate:
        activity.status = Status.PENDING
        note = " ".join(filter(None, [note, back_to_moderation_note(to_moderate)]))
    activity.updated_by = None
    validate_activity(activity, service_area_count=activity.service_areas.count())
    activity.save()
    if schedule is not None:  # None: an offer without dates (a permanent one in UiT)
        schedule_store(activity=activity, schedule=schedule)
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
    feed.work_models.set(work_models_by_code(work_models))
    return feed


def calendar_feed_toggle(*, feed: CalendarFeed) -> CalendarFeed:
    """Stop syncing a feed (its activities stay as they are), or start again."""
    feed.active = not feed.active
    feed.save(update_fields=["active"])
    return feed
