"""Who may open the pages for organisations and policymakers: anonymous visitors log in
first, logged-in users without the role are refused (403). The table of who may do what,
and the rules behind it, live in places.roles."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from events.models import Activity, CalendarFeed, Occurrence, UitSource
from places.models import Organisation
from places.roles import Access, route_rule, user_has_access, user_organisation_ids


def guarded(view):
    """A view decorator that lets through whom places.roles.ROUTES allows on this route
    and method: anonymous visitors log in first, logged-in users without the access are
    refused (403), a method the table does not list answers 405. Objects in the URL are
    checked by the view (own_activity, own_occurrence, own_feed) against the same rule."""

    @wraps(view)
    def guarded_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        rule = route_rule(request.resolver_match.view_name)
        access = rule.access_for(request.method)
        if access is None:
            allowed = ["GET", "HEAD"] if rule.read else []
            return HttpResponseNotAllowed(allowed + (["POST"] if rule.write else []))
        if user_has_access(request.user, access):
            return view(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied

    return guarded_view


def _own(request: HttpRequest, organisation_id: int) -> None:
    if not user_has_access(request.user, Access.OWN, organisation_id=organisation_id):
        raise PermissionDenied


def acting_organisation_ids(user) -> set[int]:
    """The organisations the user posts for in the workspace (a superuser: all)."""
    if user.is_superuser:
        return set(Organisation.objects.values_list("id", flat=True))
    return user_organisation_ids(user)


def own_activity(request: HttpRequest, pk: int) -> Activity:
    """The activity, when the user may act for its organisation; else 404 or 403."""
    activity = get_object_or_404(Activity.objects.select_related("organisation", "place"), pk=pk)
    _own(request, activity.organisation_id)
    return activity


def own_occurrence(request: HttpRequest, pk: int) -> Occurrence:
    """The dated occurrence, when the user may act for its activity's organisation."""
    occurrence = get_object_or_404(
        Occurrence.objects.select_related("activity", "activity__organisation"), pk=pk
    )
    _own(request, occurrence.activity.organisation_id)
    return occurrence


def own_feed(request: HttpRequest, pk: int) -> CalendarFeed:
    """The calendar feed, when the user may act for its organisation."""
    feed = get_object_or_404(CalendarFeed, pk=pk)
    _own(request, feed.organisation_id)
    return feed


def own_uit_source(request: HttpRequest, pk: int) -> UitSource:
    """The UiT source, when the user may act for its organisation."""
    source = get_object_or_404(UitSource.objects.select_related("organisation"), pk=pk)
    _own(request, source.organisation_id)
    return source


def safe_next(request: HttpRequest, fallback: str) -> str:
    """Where a form's `next` asks to go, when it stays on this site (no open redirect to
    https://evil.example/…); else the fallback (a URL name or path)."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return resolve_url(fallback)
