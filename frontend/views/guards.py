"""Who may open the pages for organisations and policymakers: anonymous visitors log in
first, logged-in users without the role are refused (403). The rules themselves live in
places.roles."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from places.roles import (
    user_acts_for_an_organisation,
    user_is_moderator,
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
