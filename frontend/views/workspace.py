"""The community workers' workspace (/werkruimte/): their organisations' activities and
the post-in-two-minutes form with its live preview of the dates. Views only translate
between HTTP and the domain: rules live in the services and queries they call."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from events.models import ACTIVITY_DETAILS, Activity, CalendarFeed, ChangeAction, Status
from events.queries import (
    activity_is_stale,
    moderation_queue,
    possible_duplicates,
    workspace_activities,
)
from events.recurrence.plain import Repeat, plain_from_rrule
from events.recurrence.rules import BRUSSELS, Dated, schedule_dates
from events.recurrence.words import schedule_words
from events.services import NewPlace, ScheduleInput, activity_change, activity_post, activity_verify
from places.models import Organisation, Place
from places.queries import organisations_neighbourhoods, workspace_places
from places.roles import Access, user_has_access, user_is_moderator, user_may_act_for
from usertext.plain_language import plain_hint

from ..forms.activity import ActivityForm
from ..forms.fields import add_service_errors, yes_no_initial
from ..forms.schedule import ScheduleForm
from ..forms.translations import ADD_BUTTON, translation_formset
from ..forms.workspace import CalendarFeedForm
from .guards import acting_organisation_ids, guarded, own_activity, safe_next

PREVIEW_DATES = 6
PREVIEW_WINDOW = timedelta(days=400)
DUPLICATE_WINDOW = timedelta(days=120)
# `?opgeslagen=1` after a save: the page says what happens now.
SAVED_PARAMETER = "opgeslagen"


@guarded
def workspace(request: HttpRequest) -> HttpResponse:
    """Where a worker lands after logging in. Policymakers, who only read, go to their map."""
    if not user_has_access(request.user, Access.ACTING):
        return redirect("frontend:worker-map")
    return workspace_page(request, acting_organisation_ids(request.user))


def workspace_page(request, organisation_ids, feed_form=None) -> HttpResponse:
    """The list page; feeds.feed_add shows it again with its form and the form's errors."""
    today = timezone.localdate()
    activities = list(workspace_activities(organisation_ids=organisation_ids))
    for activity in activities:
        activity.stale = activity_is_stale(activity, today=today)
    organisations = list(Organisation.objects.filter(id__in=organisation_ids))
    if feed_form is None and organisations:
        feed_form = CalendarFeedForm(
            organisations=organisations, places=workspace_places(organisation_ids)
        )
    return render(
        request,
        "frontend/workspace/index.html",
        {
            "activities": activities,
            "stale_count": sum(activity.stale for activity in activities),
            "organisations": organisations,
            "is_moderator": user_is_moderator(request.user),
            "pending_count": moderation_queue().count() if user_is_moderator(request.user) else 0,
            "feeds": CalendarFeed.objects.filter(organisation_id__in=organisation_ids),
            "feed_form": feed_form,
            "neighbourhoods": organisations_neighbourhoods(organisation_ids),
        },
    )


# --- Posting and editing ----------------------------------------------------------------------


@guarded
def activity_new(request: HttpRequest) -> HttpResponse:
    """Post an activity; `?van=<id>` starts from a copy of an existing one (duplicate)."""
    initial = {}
    source_id = request.GET.get("van", "")
    if source_id.isdigit():
        source = own_activity(request, int(source_id))
        initial = _initial_from(source)
        initial["date"] = None
    return _activity_form_page(request, activity=None, initial=initial)


@guarded
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = own_activity(request, pk)
    return _activity_form_page(request, activity=activity, initial=_initial_from(activity))


def _initial_from(activity: Activity) -> dict:
    initial = {
        "organisation": activity.organisation_id,
        "title": activity.title,
        "summary": activity.summary,
        "kind": activity.kind,
        "work_models": list(activity.work_models.values_list("code", flat=True)),
        "place": activity.place_id,
        "neighbourhood_only": activity.place is not None and activity.place.shows_area_only,
        **{name: getattr(activity, name) for name in ACTIVITY_DETAILS},
        "audiences": list(activity.audiences),
        "languages": list(activity.languages),
        "basic_dutch_ok": yes_no_initial(activity.basic_dutch_ok),
        "registration_required": yes_no_initial(activity.registration_required),
    }
    schedule = getattr(activity, "schedule", None)
    if schedule is not None:
        start = schedule.dtstart.astimezone(BRUSSELS)
        plain = plain_from_rrule(schedule.rrule)
        end = (start + schedule.duration).astimezone(BRUSSELS)
        initial.update(
            date=start.date(),
            start_time=start.time(),
            end_time=end.time(),
            ends_next_day=end.date() > start.date(),
            repeat=plain.repeat,
            weekdays=plain.weekdays,
            month_position=plain.month_position,
            until=plain.until,
        )
    return initial


def _activity_form_page(request, *, activity: Activity | None, initial: dict) -> HttpResponse:
    organisation_ids = acting_organisation_ids(request.user)
    if activity is not None:
        organisation_ids = organisation_ids | {activity.organisation_id}
    organisations = list(Organisation.objects.filter(id__in=organisation_ids))
    schedule = getattr(activity, "schedule", None) if activity else None
    keep = {}
    if schedule is not None and plain_from_rrule(schedule.rrule).repeat == Repeat.KEEP:
        words = schedule_words(schedule, translation.get_language() or "nl")
        keep = {"keep_rrule": schedule.rrule, "keep_words": words}
    form = ActivityForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        organisations=organisations,
        places=workspace_places(organisation_ids),
        csp_nonce=request.csp_nonce,
        **keep,
    )
    translations = translation_formset(request, activity)
    preview, duplicates = None, []
    if request.method == "POST" and ADD_BUTTON in request.POST:
        pass  # one more blank translation: the form is shown again as it was filled in
    elif request.method == "POST" and all([form.is_valid(), translations.valid_or_not_sent()]):
        if "preview" in request.POST:
            preview = _preview(form.schedule)
        else:
            duplicates = (
                []
                if request.POST.get("confirm_duplicates")
                else _duplicates(request, form, exclude_id=activity.pk if activity else None)
            )
            if not duplicates:
                saved = _save(request, form, activity, translations)
                if saved is not None:
                    url = reverse("frontend:workspace-activity", args=[saved.pk])
                    return redirect(f"{url}?{SAVED_PARAMETER}=1")
    elif request.method == "POST" and form.schedule is not None:
        preview = _preview(form.schedule)
    upcoming = (
        activity.occurrences.filter(start__gte=timezone.now()).order_by("start")[:12]
        if activity is not None
        else []
    )
    return render(
        request,
        "frontend/workspace/activity_form.html",
        {
            "form": form,
            "translations": translations,
            "activity": activity,
            "preview": preview,
            "duplicates": duplicates,
            "upcoming": upcoming,
            "preview_url": reverse("frontend:workspace-preview"),
            "plain_language_url": reverse("frontend:workspace-plain-language"),
            "plain_hints": _plain_hints(form),
            "rejection": activity.changes.filter(action=ChangeAction.REJECTED).first()
            if activity is not None and activity.status == Status.DRAFT
            else None,
            "just_saved": activity is not None and request.GET.get(SAVED_PARAMETER) == "1",
        },
    )


# The activity form's fields in the order the page shows them (its sections: what, where,
# when, for whom, how to join, more), so that the error summary lists them in that order.
PLAIN_FIELDS = ("summary", "what_to_expect")


def _plain_hints(form: ActivityForm) -> dict[str, list[str]]:
    """How the texts on the form read now (the live hint updates it while typing)."""
    language = form["text_language"].value() or "nl"
    return {name: plain_hint(form[name].value() or "", language).advice() for name in PLAIN_FIELDS}


def _next_dates(schedule: ScheduleInput, window: timedelta) -> list[Dated]:
    now = timezone.now()
    return schedule_dates(schedule, window_start=now, window_end=now + window)


def _preview(schedule: ScheduleInput) -> dict:
    try:
        dates = _next_dates(schedule, PREVIEW_WINDOW)[:PREVIEW_DATES]
        words = schedule_words(schedule, translation.get_language() or "nl")
    except ValidationError as error:
        return {"words": "", "dates": [], "error": " ".join(error.messages)}
    return {
        "words": words,
        "dates": [
            formats.date_format(dated.start.astimezone(BRUSSELS), "l j F Y, H:i") for dated in dates
        ],
        "error": "",
    }


def _chosen_place(form: ActivityForm) -> Place | None:
    return form.cleaned_data.get("place")


def _duplicates(request, form: ActivityForm, *, exclude_id: int | None) -> list[Activity]:
    place = _chosen_place(form)
    if place is None or form.schedule is None:
        return []
    try:
        dated = _next_dates(form.schedule, DUPLICATE_WINDOW)
    except ValidationError:
        return []
    return possible_duplicates(
        user=request.user,
        place=place,
        title=form.cleaned_data["title"],
        dated=dated,
        exclude_id=exclude_id,
    )


def _save(request, form: ActivityForm, activity: Activity | None, translations) -> Activity | None:
    """Create or update from a valid form and its translations (the whole set); service
    errors go back onto the form, a translation's onto its fieldset."""
    data = form.cleaned_data
    user = request.user
    organisation = Organisation.objects.get(pk=data["organisation"])
    if not user_may_act_for(user, organisation.id):
        raise PermissionDenied
    fields = {
        **{name: data[name] for name in ACTIVITY_DETAILS},
        "last_verified": timezone.localdate(),
    }
    core = {
        "kind": data["kind"],
        "title": data["title"],
        "summary": data["summary"],
        "work_models": [model.code for model in data["work_models"]],
        "place": data.get("place"),
        "new_place": None
        if data.get("place") is not None
        else NewPlace(
            name=data["new_place_name"],
            address=data["new_place_address"],
            kind=data["new_place_kind"] or "other",
            location=data["new_place_location"],
        ),
        "neighbourhood_only": data["neighbourhood_only"],
    }
    try:
        if activity is None:
            return activity_post(
                organisation=organisation,
                by=user,
                schedule=form.schedule,
                translations=translations.translations(),
                **core,
                **fields,
            )
        was_published = activity.status == Status.PUBLISHED
        activity_change(
            activity=activity,
            by=user,
            schedule=form.schedule,
            keep_dates=True,
            submit_draft=True,  # a corrected post goes back
            translations=translations.translations(),
            **core,
            **fields,
        )
        if was_published and activity.status == Status.PENDING:
            messages.info(
                request,
                _(
                    "Your changes go to a moderator first: until they are approved, "
                    "“%(title)s” is not on the public site."
                )
                % {"title": activity.title},
            )
        return activity
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            placed = translations.add_service_errors(error.message_dict)
            others = {
                name: messages
                for name, messages in error.message_dict.items()
                if not (placed and name.startswith("translations."))
            }
            if others:
                add_service_errors(form, ValidationError(others))
        else:
            add_service_errors(form, error)
    except IntegrityError:
        form.add_error(None, _("This could not be saved; please check the place and dates."))
    return None


@require_GET
@guarded
def preview(request: HttpRequest) -> JsonResponse:
    """The next dates of a schedule in plain terms, for the form's live preview."""
    form = ScheduleForm(request.GET)
    if not form.is_valid():
        return JsonResponse(
            {"errors": {name: list(errors) for name, errors in form.errors.items()}}, status=400
        )
    return JsonResponse(_preview(form.schedule))


@require_POST
@guarded
def activity_still_correct(request: HttpRequest, pk: int) -> HttpResponse:
    activity = own_activity(request, pk)
    activity_verify(activity=activity, by=request.user)
    messages.success(
        request, _("Thank you: “%(title)s” is marked as still correct.") % {"title": activity.title}
    )
    return redirect(safe_next(request, "frontend:workspace"))
