"""Activities: creating and changing them, and the two use cases every front door calls,
activity_post and activity_change (the API and the workspace both)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurt.models import Area
from places.models import Organisation, Place
from places.roles import user_is_moderator
from places.services import place_create, place_hidden_for

from ..history import activity_snapshot, change_record, one_change
from ..languages import language_code_known
from ..models import ACTIVITY_DETAILS, Activity, Audience, ChangeAction, CostKind, Status, WorkModel
from .cancellation import activity_restore
from .moderation import (
    activity_changes_to_moderate,
    activity_status_for,
    activity_status_set,
    activity_submit,
    back_to_moderation_note,
)
from .schedules import (
    ScheduleInput,
    schedule_change_keeping_dates,
    schedule_set,
    schedule_store,
)
from .translations import set_translations

# What activity_create and activity_update take besides what, where and when: the public
# details and the bookkeeping fields of imports and verification.
ACTIVITY_FIELDS = {*ACTIVITY_DETAILS, "import_key", "last_verified", "uit_source"}


def work_models_by_code(codes: Iterable[str]) -> list[WorkModel]:
    """The work models with these codes, in the order given; at least one, all known."""
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


def validate_fields(fields: dict) -> None:
    """Refuse unknown activity fields (a programming error) and unknown language or
    audience codes (a user's)."""
    unknown = set(fields) - ACTIVITY_FIELDS
    if unknown:
        raise TypeError(f"Unknown activity fields: {sorted(unknown)}")
    errors: dict[str, str] = {}
    for code in fields.get("languages", []):
        if not language_code_known(code.lower()):
            errors["languages"] = _("%(code)r is not an ISO 639-1 language code.") % {"code": code}
    for audience in fields.get("audiences", []):
        if audience not in Audience.values:
            errors["audiences"] = _("Unknown audience %(value)r.") % {"value": audience}
    if errors:
        raise ValidationError(errors)


def validate_activity(activity: Activity, *, service_area_count: int) -> None:
    """The rules an activity keeps before every save: a place or areas served, a price
    when it is paid, lower-case language codes, the model's own checks."""
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
    validate_fields(fields)
    models = work_models_by_code(work_models)
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
    validate_activity(activity, service_area_count=len(service_areas))
    activity.save()
    activity.work_models.set(models)
    activity.service_areas.set(service_areas)
    if schedule is not None:
        schedule_store(activity=activity, schedule=schedule)
    change_record(activity=activity, action=ChangeAction.CREATED, by=by)
    return activity


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
    validate_fields(fields)
    before = activity_snapshot(activity)
    to_moderate = activity_changes_to_moderate(activity=activity, changes={**core, **fields}, by=by)
    for name, value in {**core, **fields}.items():
        setattr(activity, name, value)
    if to_moderate:
        activity.status = Status.PENDING
    activity.updated_by = by
    areas = list(service_areas) if service_areas is not None else None
    # Unchanged areas are counted from the snapshot: not read again with their geometries.
    served = len(areas) if areas is not None else len(before["service_areas"])
    validate_activity(activity, service_area_count=served)
    activity.save()
    if work_models is not None:
        activity.work_models.set(work_models_by_code(work_models))
    if service_areas is not None:
        activity.service_areas.set(areas)
    change_record(
        activity=activity,
        action=ChangeAction.UPDATED,
        by=by,
        before=before,
        note=back_to_moderation_note(to_moderate) if to_moderate else "",
    )
    return activity


def activity_place_check(*, place: Place | None, organisation_id: int, by_moderator: bool) -> None:
    """A hidden (`area`) place is used only by its own organisation or a moderator: its
    existence and neighbourhood say something about who meets there."""
    if place is None or not place.shows_area_only or by_moderator:
        return
    if place.organisation_id != organisation_id:
        raise ValidationError({"place": _("This place belongs to another organisation.")})


@dataclass
class NewPlace:
    """A place the poster adds while posting (the workspace form's "a new place")."""

    name: str
    location: Point
    address: str = ""
    kind: str = "other"


def _place_for(
    *,
    organisation: Organisation,
    place: Place | None,
    new_place: NewPlace | None,
    neighbourhood_only: bool,
    by_moderator: bool,
) -> Place | None:
    if place is None and new_place is not None:
        place = place_create(
            name=new_place.name,
            address=new_place.address,
            kind=new_place.kind or "other",
            location=new_place.location,
            organisation=organisation,
        )
    if neighbourhood_only and place is not None:
        place = place_hidden_for(place=place, organisation=organisation)
    activity_place_check(place=place, organisation_id=organisation.id, by_moderator=by_moderator)
    return place


@transaction.atomic
def activity_post(
    *,
    organisation: Organisation,
    by: AbstractBaseUser,
    kind: str,
    title: str,
    summary: str,
    work_models: Iterable[str],
    place: Place | None = None,
    new_place: NewPlace | None = None,
    neighbourhood_only: bool = False,
    service_areas: Iterable[Area] = (),
    schedule: ScheduleInput | None = None,
    requested_status: str | None = None,
    translations: Mapping[str, Mapping[str, str]] | None = None,
    **fields,
) -> Activity:
    """Post a new activity for `organisation`, as the API and the workspace both do: its
    place (created, or its neighbourhood-only twin, when asked), the check that a hidden
    place is the poster's own, the status it gets (activity_status_for), the activity with
    its schedule and dates, its translations (set_translations) and the history row, in one
    transaction. Whether `by` may act for the organisation is the caller's check."""
    with one_change():
        activity = _activity_post(
            organisation=organisation,
            by=by,
            kind=kind,
            title=title,
            summary=summary,
            work_models=work_models,
            place=place,
            new_place=new_place,
            neighbourhood_only=neighbourhood_only,
            service_areas=service_areas,
            schedule=schedule,
            requested_status=requested_status,
            **fields,
        )
        if translations:
            set_translations(activity, translations, by=by)
        return activity


def _activity_post(
    *,
    organisation: Organisation,
    by: AbstractBaseUser,
    kind: str,
    title: str,
    summary: str,
    work_models: Iterable[str],
    place: Place | None,
    new_place: NewPlace | None,
    neighbourhood_only: bool,
    service_areas: Iterable[Area],
    schedule: ScheduleInput | None,
    requested_status: str | None,
    **fields,
) -> Activity:
    by_moderator = user_is_moderator(by)
    place = _place_for(
        organisation=organisation,
        place=place,
        new_place=new_place,
        neighbourhood_only=neighbourhood_only,
        by_moderator=by_moderator,
    )
    status = activity_status_for(
        organisation=organisation, requested=requested_status, by_moderator=by_moderator
    )
    return activity_create(
        organisation=organisation,
        kind=kind,
        title=title,
        summary=summary,
        work_models=work_models,
        place=place,
        service_areas=service_areas,
        schedule=schedule,
        status=status,
        by=by,
        **fields,
    )


@transaction.atomic
def activity_change(
    *,
    activity: Activity,
    by: AbstractBaseUser,
    new_place: NewPlace | None = None,
    neighbourhood_only: bool = False,
    schedule: ScheduleInput | None = None,
    keep_dates: bool = False,
    requested_status: str | None = None,
    submit_draft: bool = False,
    translations: Mapping[str, Mapping[str, str]] | None = None,
    **changes,
) -> Activity:
    """Change an activity, as the API and the workspace both do, in one transaction: the
    place (as in activity_post; checked only when `place`, `new_place` or
    `neighbourhood_only` is given), the fields (activity_update, which sends an edit of
    what the public reads back to the moderators), a requested status (activity_status_for,
    then activity_status_set), the schedule and, with `submit_draft`, a draft sent on its
    way again (activity_submit: a post corrected after a rejection). `translations`, when
    given, replaces the whole set (set_translations); None leaves them as they are.

    A schedule replaces the stored one whole; with `keep_dates` the dates cancelled or
    added one by one stay, and an unchanged schedule is not written again (the workspace
    form, which does not show those dates).

    A requested status the activity already has changes nothing (asking to publish what is
    published keeps it published, also for an unverified organisation). Asking for a status
    of a cancelled activity undoes the cancellation first (activity_restore: the status it
    had before, its future dates open again except those cancelled one by one), then the
    request applies as for any activity.

    The whole change is one row in the history (history.one_change), or none when nothing
    changed."""
    with one_change():
        return _activity_change(
            activity=activity,
            by=by,
            new_place=new_place,
            neighbourhood_only=neighbourhood_only,
            schedule=schedule,
            keep_dates=keep_dates,
            requested_status=requested_status,
            submit_draft=submit_draft,
            translations=translations,
            **changes,
        )


def _activity_change(
    *,
    activity: Activity,
    by: AbstractBaseUser,
    new_place: NewPlace | None,
    neighbourhood_only: bool,
    schedule: ScheduleInput | None,
    keep_dates: bool,
    requested_status: str | None,
    submit_draft: bool,
    translations: Mapping[str, Mapping[str, str]] | None,
    **changes,
) -> Activity:
    by_moderator = user_is_moderator(by)
    if requested_status is not None and activity.status == Status.CANCELLED:
        activity_restore(activity=activity, by=by)
    if "place" in changes or new_place is not None or neighbourhood_only:
        changes["place"] = _place_for(
            organisation=activity.organisation,
            place=changes.get("place"),
            new_place=new_place,
            neighbourhood_only=neighbourhood_only,
            by_moderator=by_moderator,
        )
    status = None
    if requested_status is not None and requested_status != activity.status:
        status = activity_status_for(
            organisation=activity.organisation,
            requested=requested_status,
            by_moderator=by_moderator,
        )
    activity_update(activity=activity, by=by, **changes)
    if translations is not None:
        set_translations(activity, translations, by=by)
    elif activity.translations.filter(language=activity.text_language).exists():
        # The texts moved into a language they had a translation in: say which to keep.
        raise ValidationError(
            {
                "text_language": _(
                    "There is a translation in this language: remove it, or keep the "
                    "language of the texts."
                )
            }
        )
    if status is not None:
        activity_status_set(activity=activity, status=status, by=by)
    if schedule is not None:
        if keep_dates:
            schedule_change_keeping_dates(activity=activity, schedule=schedule, by=by)
        else:
            schedule_set(activity=activity, schedule=schedule, by=by)
    if submit_draft and activity.status == Status.DRAFT:
        activity_submit(activity=activity, by=by)
    return activity
