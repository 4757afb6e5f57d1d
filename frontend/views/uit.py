"""The workspace's UiT sources: an organisation's UiTdatabank queries (list, add, change),
with the last error of each sync."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from events.models import UitSource
from events.services import uit_source_register, uit_source_update
from places.models import Organisation
from places.queries import workspace_places
from places.roles import user_may_act_for

from ..forms.fields import add_service_errors
from ..forms.workspace import UitSourceForm
from .guards import acting_only, acting_organisation_ids


def _form(request: HttpRequest, organisation_ids: set[int], **kwargs) -> UitSourceForm:
    return UitSourceForm(
        request.POST if request.method == "POST" else None,
        organisations=list(Organisation.objects.filter(id__in=organisation_ids)),
        places=workspace_places(organisation_ids),
        **kwargs,
    )


def _values(data: dict) -> dict:
    return {
        "name": data["name"],
        "query": data["query"],
        "work_models": [model.code for model in data["work_models"]],
        "audiences": data["audiences"],
        "needs_moderation": data["needs_moderation"],
        "place": data["place"],
    }


@acting_only
def uit_sources(request: HttpRequest) -> HttpResponse:
    """The organisation's UiT sources and the form to add one."""
    organisation_ids = acting_organisation_ids(request.user)
    form = _form(request, organisation_ids)
    if request.method == "POST" and form.is_valid():
        try:
            uit_source_register(
                organisation_id=form.cleaned_data["organisation"], **_values(form.cleaned_data)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The UiT source is registered; its events appear after the next sync.")
            )
            return redirect("frontend:workspace-uit")
    sources = (
        UitSource.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation")
        .prefetch_related("work_models")
    )
    return render(
        request,
        "frontend/workspace/uit.html",
        {"sources": sources, "form": form, "source": None},
    )


@acting_only
def uit_source_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change one UiT source (its organisation stays)."""
    source = get_object_or_404(UitSource.objects.select_related("organisation"), pk=pk)
    if not user_may_act_for(request.user, source.organisation_id):
        raise PermissionDenied
    initial = {
        "organisation": source.organisation_id,
        "name": source.name,
        "query": source.query,
        "work_models": list(source.work_models.values_list("code", flat=True)),
        "audiences": list(source.audiences),
        "needs_moderation": source.needs_moderation,
        "place": source.place_id,
        "active": source.active,
    }
    form = _form(request, {source.organisation_id}, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            uit_source_update(
                source=source, active=form.cleaned_data["active"], **_values(form.cleaned_data)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The UiT source is saved; the next sync applies it."))
            return redirect("frontend:workspace-uit")
    return render(
        request, "frontend/workspace/uit.html", {"sources": None, "form": form, "source": source}
    )
