"""Who may open the pages for organisations and policymakers: anonymous visitors log in
first, logged-in users without the role are refused (403). The rules themselves live in
places.roles."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from events.models import Activity, Occurrence
from places.models import Organisation
from places.roles import (
    user_acts_for_an_organisation,
    user_is_moderator,
    user_may_act_for,
    user_organisation_ids,
    user_sees_coverage_dashboard,
    user_sees_worker_data,
)


def only_for(may_open: Callable[[object], bool]):
    """A view decorator that lets through the users for whom `may_open(user)` holds."""

    def decorate(view):
        @wraps(view)
        def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not may_open(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return decorate


# The sensitivity layer: community workers, moderators and policymakers, never the public.
workers_only = only_for(user_sees_worker_data)
# Posting and editing: community workers and moderators; policymakers only read.
acting_only = only_for(user_acts_for_an_organisation)
moderators_only = only_for(user_is_moderator)
# The coverage dashboard: policymakers, moderators and superusers.
dashboard_only = only_for(user_sees_coverage_dashboard)


def acting_organisation_ids(user) -> set[int]:
    """The organisations the user posts for in the workspace (a superuser: all)."""
    if user.is_superuser:
        return set(Organisation.objects.values_list("id", flat=True))
    return user_organisation_ids(user)


def own_activity(request: HttpRequest, pk: int) -> Activity:
    """The activity, when the user may act for its organisation; else 404 or 403."""
    activity = get_object_or_404(Activity.objects.select_related("organisation", "place"), pk=pk)
    if not user_may_act_for(request.user, activity.organisation_id):
        raise PermissionDenied
    return activity


def own_occurrence(request: HttpRequest, pk: int) -> Occurrence:
    """The dated occurrence, when the user may act for its activity's organisation."""
    occurrence = get_object_or_404(
        Occurrence.objects.select_related("activity", "activity__organisation"), pk=pk
    )
    if not user_may_act_for(request.user, occurrence.activity.organisation_id):
        raise PermissionDenied
    return occurrence


def safe_next(request: HttpRequest, fallback: str) -> str:
    """Where a form's `next` asks to go, when it stays on this site (no open redirect to
    https://evil.example/…); else the fallback (a URL name or path)."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return resolve_url(fallback)
