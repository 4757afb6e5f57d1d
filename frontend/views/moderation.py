"""The moderators' queue: approve or send back waiting posts, verify organisations."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.languages import AUTONYMS
from events.models import Activity, Audience, Status
from events.queries import moderation_queue
from events.recurrence.words import activity_schedule_in_words
from events.services import activity_publish, activity_reject, organisation_verify
from places.models import Organisation

from ..forms.workspace import RejectForm
from .guards import guarded


@guarded
def moderation(request: HttpRequest) -> HttpResponse:
    pending = list(moderation_queue().select_related("schedule"))
    language = translation.get_language() or "nl"
    for activity in pending:
        activity.when = activity_schedule_in_words(activity, language)
        activity.audience_labels = [Audience(code).label for code in activity.audiences]
        activity.language_labels = [AUTONYMS.get(code, code) for code in activity.languages]
    unverified = {
        activity.organisation for activity in pending if not activity.organisation.verified
    }
    return render(
        request,
        "frontend/workspace/moderation.html",
        {
            "pending": pending,
            "organisations": sorted(unverified, key=lambda o: o.name),
            "reject_form": RejectForm(),
        },
    )


@require_POST
@guarded
def moderation_approve(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk, status=Status.PENDING)
    activity_publish(activity=activity, by=request.user)
    messages.success(request, _("“%(title)s” is published.") % {"title": activity.title})
    return redirect("frontend:workspace-moderation")


@require_POST
@guarded
def moderation_reject(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk, status=Status.PENDING)
    form = RejectForm(request.POST)
    if form.is_valid():
        activity_reject(activity=activity, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(
            request, _("“%(title)s” went back to its poster.") % {"title": activity.title}
        )
    else:
        messages.error(request, _("Give a reason, so that the poster can correct the post."))
    return redirect("frontend:workspace-moderation")


@require_POST
@guarded
def moderation_verify_organisation(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    if request.POST.get("confirm") != "1":
        messages.error(
            request,
            _("Tick the box to confirm: verifying %(name)s publishes all its waiting posts.")
            % {"name": organisation.name},
        )
        return redirect("frontend:workspace-moderation")
    published = organisation_verify(organisation=organisation, by=request.user)
    messages.success(
        request,
        _("%(name)s is verified; %(count)s waiting post(s) published.")
        % {"name": organisation.name, "count": len(published)},
    )
    return redirect("frontend:workspace-moderation")
