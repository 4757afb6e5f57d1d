from rest_framework.permissions import SAFE_METHODS, BasePermission

from places.roles import user_is_moderator, user_may_act_for, user_sees_worker_data


class ReadOrOrganisationMember(BasePermission):
    """Anyone reads; writes need a login, and each object belongs to an organisation the
    user works for (checked per object)."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        return user_may_act_for(request.user, obj.organisation_id)


class ReadOrModerator(BasePermission):
    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or user_is_moderator(request.user)


class WorkerData(BasePermission):
    """Community workers, moderators and policymakers only: never the public."""

    message = "Only community workers, moderators and policymakers see this."

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated) and user_sees_worker_data(
            request.user
        )
