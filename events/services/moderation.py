"""Moderation: who publishes directly, what goes back to the moderators, and their
decisions (publish, reject, verify an organisation); every change of status is recorded."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from places.models import Organisation
from places.roles import user_is_moderator

from ..history import activity_snapshot, change_record, one_change
from ..models import Activity, ChangeAction, Status
from .cancellation import activity_cancel, activity_restore

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


def activity_changes_to_moderate(
    *, activity: Activity, changes: dict, by: AbstractBaseUser | None, moderated: bool = False
) -> list[str]:
    """The moderated fields (MODERATED_FIELDS) that an edit changes in a published activity
    of an unverified organisation (or of any organisation, with `moderated`: an import
    whose source asks a moderator to check its events); empty when the edit needs no new
    moderation (a verified organisation, a moderator's own edit, a draft or a post still
    waiting)."""
    if activity.status != Status.PUBLISHED or (activity.organisation.verified and not moderated):
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
            # The cleaning that saving will apply (usertext), so that it is no change.
            field = Activity._meta.get_field(name)
            old, new = (old or "").strip(), field.to_python(new).strip()
        if old != new:
            changed.append(name)
    return changed


def back_to_moderation_note(changed: list[str]) -> str:
    names = [str(Activity._meta.get_field(name).verbose_name) for name in changed]
    return _("Changed after approval (%(fields)s): back to the moderators.") % {
        "fields": ", ".join(names)
    }


@transaction.atomic
def activity_publish(*, activity: Activity, by: AbstractBaseUser | None = None) -> Activity:
    """Publish: a moderator's approval, a draft sent on, or (a cancelled activity) its
    cancellation undone first, so that its future dates open again (activity_restore)."""
    with one_change():
        if activity.status == Status.CANCELLED:
            activity_restore(activity=activity, by=by)
        if activity.status == Status.PUBLISHED:
            return activity
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
    with one_change():
        if activity.status == Status.CANCELLED:
            # Out of a cancellation only through its undo: the dates open again with it.
            activity_restore(activity=activity, by=by)
            if status == activity.status:
                return activity
        before = activity_snapshot(activity)
        activity.status, activity.updated_by = status, by
        activity.save(update_fields=["status", "updated_by", "updated_at"])
        change_record(activity=activity, action=ChangeAction.UPDATED, by=by, before=before)
    return activity


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
    """The "still correct" button: the organisation confirms the activity as it stands.
    The history says when it was last confirmed before; confirmed today already: no row."""
    before = activity_snapshot(activity)
    activity.last_verified, activity.updated_by = timezone.localdate(), by
    activity.save(update_fields=["last_verified", "updated_by", "updated_at"])
    change_record(activity=activity, action=ChangeAction.VERIFIED, by=by, before=before)
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
