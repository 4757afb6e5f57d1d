"""Cancelling a whole activity or one of its dates from the workspace, and undoing it."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.recurrence.rules import BRUSSELS
from events.services import activity_cancel, activity_restore, occurrence_cancel, occurrence_restore

from ..forms.workspace import CancelForm
from .guards import guarded, own_activity, own_occurrence


@guarded
def activity_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation and an optional reason; POST cancels (undo: restore)."""
    activity = own_activity(request, pk)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        activity_cancel(activity=activity, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(
            request,
            _("“%(title)s” is cancelled. Changed your mind? Use “Undo the cancellation”.")
            % {"title": activity.title},
        )
        return redirect("frontend:workspace-activity", pk=activity.pk)
    return render(
        request,
        "frontend/workspace/cancel_confirm.html",
        {
            "form": form,
            "activity": activity,
            "what": activity.title,
            "action": reverse("frontend:workspace-cancel", args=[activity.pk]),
            "whole": True,
        },
    )


@require_POST
@guarded
def activity_restore_view(request: HttpRequest, pk: int) -> HttpResponse:
    activity = own_activity(request, pk)
    activity_restore(activity=activity, by=request.user)
    messages.success(request, _("“%(title)s” takes place again.") % {"title": activity.title})
    return redirect("frontend:workspace-activity", pk=activity.pk)


@guarded
def occurrence_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation and an optional reason; POST cancels the one date."""
    occurrence = own_occurrence(request, pk)
    when = formats.date_format(occurrence.start.astimezone(BRUSSELS), "l j F, H:i")
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method != "POST" or not form.is_valid():
        return render(
            request,
            "frontend/workspace/cancel_confirm.html",
            {
                "form": form,
                "activity": occurrence.activity,
                "what": when,
                "action": reverse("frontend:workspace-cancel-date", args=[occurrence.pk]),
                "whole": False,
            },
        )
    if occurrence.start < timezone.now():
        messages.error(request, _("A date in the past cannot be cancelled."))
    elif occurrence.cancelled:
        pass  # a second click (or an old page) changes nothing
    else:
        occurrence_cancel(
            occurrence=occurrence, reason=form.cleaned_data["reason"], by=request.user
        )
        messages.success(
            request,
            _(
                "The session of %(when)s is cancelled. Changed your mind? Use “Undo the "
                "cancellation” next to the date."
            )
            % {"when": when},
        )
    return redirect("frontend:workspace-activity", pk=occurrence.activity_id)


@require_POST
@guarded
def occurrence_restore_view(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = own_occurrence(request, pk)
    if occurrence.cancelled and occurrence.start >= timezone.now():
        occurrence_restore(occurrence=occurrence, by=request.user)
        when = formats.date_format(occurrence.start.astimezone(BRUSSELS), "l j F, H:i")
        messages.success(request, _("The session of %(when)s takes place again.") % {"when": when})
    return redirect("frontend:workspace-activity", pk=occurrence.activity_id)
