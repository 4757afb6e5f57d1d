"""The workspace's calendar feeds: registering an organisation's iCal feed, pausing it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.services import calendar_feed_register, calendar_feed_toggle
from places.models import Organisation
from places.queries import workspace_places

from ..forms.fields import add_service_errors
from ..forms.workspace import CalendarFeedForm
from .guards import acting_organisation_ids, guarded, own_feed
from .workspace import workspace_page


@require_POST
@guarded
def feed_add(request: HttpRequest) -> HttpResponse:
    organisation_ids = acting_organisation_ids(request.user)
    organisations = list(Organisation.objects.filter(id__in=organisation_ids))
    form = CalendarFeedForm(
        request.POST, organisations=organisations, places=workspace_places(organisation_ids)
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            calendar_feed_register(
                organisation_id=data["organisation"],
                name=data["name"],
                url=data["url"],
                place=data["place"],
                work_models=[model.code for model in data["work_models"]],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The calendar is registered; its events appear after the next sync."),
            )
            return redirect("frontend:workspace")
    return workspace_page(request, organisation_ids, feed_form=form)


@require_POST
@guarded
def feed_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop syncing a calendar (its activities stay as they are), or start again."""
    calendar_feed_toggle(feed=own_feed(request, pk))
    return redirect("frontend:workspace")
