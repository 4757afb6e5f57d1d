"""The API's permission: who may call which route and method, read from the one table in
places.roles (the pages' guard reads the same)."""

from rest_framework.permissions import BasePermission

from places.roles import route_rule, user_has_access


class ByRoleTable(BasePermission):
    """places.roles.ROUTES for this route and method; for an object in the URL (an
    activity's PATCH or DELETE) also that it belongs to an organisation the user acts for.
    A method the table does not list is let through to the view, which answers 405."""

    message = "You do not have permission to perform this action."

    def _access(self, request):
        return route_rule(request.resolver_match.view_name).access_for(request.method)

    def has_permission(self, request, view):
        access = self._access(request)
        return access is None or user_has_access(request.user, access)

    def has_object_permission(self, request, view, obj):
        access = self._access(request)
        organisation_id = getattr(obj, "organisation_id", None)
        return access is None or user_has_access(
            request.user, access, organisation_id=organisation_id
        )
