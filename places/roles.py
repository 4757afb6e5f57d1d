"""Who may do what: the roles people hold in organisations, and what each role may see and
change. The API's permissions and the pages' guards both ask here."""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ImproperlyConfigured

from .models import ACTING_ROLES, MemberRole, Membership


def user_roles(user) -> set[str]:
    """The membership roles a user holds in any organisation, read once per request (the
    header and the page's own checks ask several times)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_membership_roles"):
        user._membership_roles = set(
            Membership.objects.filter(user=user).values_list("role", flat=True).distinct()
        )
    return user._membership_roles


def user_is_moderator(user) -> bool:
    """Moderators check first posts of unverified organisations; superusers may do all."""
    return user.is_authenticated and (user.is_superuser or MemberRole.MODERATOR in user_roles(user))


def user_acts_for_an_organisation(user) -> bool:
    """Community workers and moderators post and edit; policymakers only read."""
    return user.is_authenticated and (
        user.is_superuser or bool(user_roles(user) & set(ACTING_ROLES))
    )


def user_organisation_ids(user) -> set[int]:
    """The organisations a user acts for (community worker or moderator; policymakers only
    read)."""
    if not user.is_authenticated:
        return set()
    return set(
        Membership.objects.filter(user=user, role__in=ACTING_ROLES).values_list(
            "organisation_id", flat=True
        )
    )


def user_sees_worker_data(user) -> bool:
    """Community workers, moderators and policymakers see what the public does not
    (the gentrification-sensitivity layer): a label in public would stigmatise."""
    return user.is_authenticated and (user.is_superuser or bool(user_roles(user)))


def user_sees_coverage_dashboard(user) -> bool:
    """Policymakers (read only), moderators and superusers see the coverage dashboard;
    community workers without those roles do not."""
    return user.is_authenticated and (
        user.is_superuser or bool(user_roles(user) & {MemberRole.POLICYMAKER, MemberRole.MODERATOR})
    )


def user_may_act_for(user, organisation_id: int) -> bool:
    """Community workers act for their own organisations; moderators and superusers for
    all."""
    return user_is_moderator(user) or organisation_id in user_organisation_ids(user)


def start_page(user) -> str:
    """The URL name of the page a user starts on after logging in, by the role that acts
    most: moderators (and superusers) check posts, community workers post, policymakers
    read the coverage dashboard; without a role, the public home page."""
    if user_is_moderator(user):
        return "frontend:workspace-moderation"
    if user_acts_for_an_organisation(user):
        return "frontend:workspace"
    if MemberRole.POLICYMAKER in user_roles(user):
        return "frontend:coverage-index"
    return "frontend:home"


# --- Who may open which route ----------------------------------------------------------------
#
# One table, route name -> who may read (GET, HEAD, OPTIONS) and who may write (POST, PUT,
# PATCH, DELETE). The pages' guard (frontend.views.guards.guarded) and the API's permission
# (api.permissions.ByRoleTable) both read it, and tests/config/test_permissions_matrix.py
# walks every route of the URL resolver against it: a route missing here fails that test.


class Access(StrEnum):
    """Who may do something, from the public to the site's administrators."""

    # Anyone; the route reads nothing that is not public.
    PUBLIC = "public"
    # Anyone reads what is published; drafts and pending posts only the members of their
    # organisation and moderators (events.queries.activities_visible_to).
    PUBLISHED = "published"
    # Any logged-in user (their own account).
    LOGGED_IN = "logged_in"
    # Community workers, moderators and policymakers: the sensitivity layer.
    WORKER_DATA = "worker_data"
    # Policymakers, moderators and superusers: the coverage dashboard.
    DASHBOARD = "dashboard"
    # Community workers and moderators post for an organisation they act for (named in the
    # form or body and checked there with user_may_act_for); policymakers only read.
    ACTING = "acting"
    # As ACTING, on an object in the URL that belongs to an organisation the user acts for
    # (moderators and superusers: any).
    OWN = "own"
    MODERATOR = "moderator"
    # The Django admin: staff, with the admin's own model permissions.
    STAFF = "staff"


@dataclass(frozen=True)
class Rule:
    """`read` for GET, HEAD and OPTIONS; `write` for POST, PUT, PATCH and DELETE, None when
    the route takes no writes (it answers 405)."""

    read: Access | None
    write: Access | None = None

    def access_for(self, method: str) -> Access | None:
        return self.read if method.upper() in READ_METHODS else self.write


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_READ = Rule(Access.PUBLIC)

ROUTES: dict[str, Rule] = {
    # Plumbing and accounts.
    "healthz": _READ,
    "set_language": Rule(Access.PUBLIC, Access.PUBLIC),
    "language-switch": _READ,
    "favicon": _READ,
    "service-worker": _READ,
    "short-link": _READ,
    "login": Rule(Access.PUBLIC, Access.PUBLIC),
    "logout": Rule(None, Access.PUBLIC),
    "password_change": Rule(Access.LOGGED_IN, Access.LOGGED_IN),
    "password_change_done": Rule(Access.LOGGED_IN),
    "password_reset": Rule(Access.PUBLIC, Access.PUBLIC),
    "password_reset_done": _READ,
    "password_reset_confirm": Rule(Access.PUBLIC, Access.PUBLIC),
    "password_reset_complete": _READ,
    "schema": _READ,
    "api-docs": _READ,
    "tile": _READ,
    # The REST API.
    "api:api-root": _READ,
    "api:work-model-list": _READ,
    "api:work-model-detail": _READ,
    "api:area-list": _READ,
    "api:area-detail": _READ,
    "api:place-list": Rule(Access.PUBLIC, Access.ACTING),
    "api:place-clusters": _READ,
    "api:organisation-list": Rule(Access.PUBLIC, Access.MODERATOR),
    "api:organisation-detail": _READ,
    "api:activity-list": Rule(Access.PUBLISHED, Access.ACTING),
    "api:activity-detail": Rule(Access.PUBLISHED, Access.OWN),
    "api:activity-ical": Rule(Access.PUBLISHED),
    "api:occurrence-list": Rule(Access.PUBLISHED),
    "api:occurrence-detail": Rule(Access.PUBLISHED),
    "api:coverage": _READ,
    "api:sensitivity": Rule(Access.WORKER_DATA),
    "api:feed-ical": _READ,
    "api:feed-atom": _READ,
    # Open Referral HSDS: published data only, for everyone.
    "hsds:root": _READ,
    "hsds:services": _READ,
    "hsds:service": _READ,
    "hsds:organizations": _READ,
    "hsds:organization": _READ,
    "hsds:locations": _READ,
    "hsds:location": _READ,
    "hsds:service-at-locations": _READ,
    "hsds:service-at-location": _READ,
    "hsds:taxonomies": _READ,
    "hsds:taxonomy": _READ,
    "hsds:taxonomy-terms": _READ,
    "hsds:taxonomy-term": _READ,
    # The public pages.
    "frontend:home": _READ,
    "frontend:activity": Rule(Access.PUBLISHED),
    "frontend:neighbourhood": _READ,
    "frontend:poster": _READ,
    "frontend:poster-pdf": _READ,
    "frontend:embed-neighbourhood": _READ,
    "frontend:embed-organisation": _READ,
    # Subscriptions without an account: the token in the mail's links is the key.
    "frontend:subscribe": Rule(Access.PUBLIC, Access.PUBLIC),
    "frontend:subscription-confirm": Rule(Access.PUBLIC, Access.PUBLIC),
    "frontend:subscription-unsubscribe": Rule(Access.PUBLIC, Access.PUBLIC),
    "frontend:subscription-change": Rule(Access.PUBLIC, Access.PUBLIC),
    "frontend:privacy": _READ,
    "frontend:manifest": _READ,
    # Community workers, moderators and policymakers.
    "frontend:worker-map": Rule(Access.WORKER_DATA, Access.ACTING),
    "frontend:worker-area": Rule(Access.WORKER_DATA),
    "frontend:coverage-index": Rule(Access.DASHBOARD),
    "frontend:coverage": Rule(Access.DASHBOARD),
    "frontend:coverage-export": Rule(Access.DASHBOARD),
    # The workspace. Policymakers may open its start page: it sends them to their map.
    "frontend:workspace": Rule(Access.WORKER_DATA),
    "frontend:workspace-new": Rule(Access.ACTING, Access.ACTING),
    "frontend:workspace-preview": Rule(Access.ACTING),
    "frontend:workspace-plain-language": Rule(None, Access.ACTING),
    "frontend:workspace-activity": Rule(Access.OWN, Access.OWN),
    "frontend:workspace-still-correct": Rule(None, Access.OWN),
    "frontend:workspace-cancel": Rule(Access.OWN, Access.OWN),
    "frontend:workspace-restore": Rule(None, Access.OWN),
    "frontend:workspace-restore-date": Rule(None, Access.OWN),
    "frontend:workspace-history": Rule(Access.OWN),
    "frontend:workspace-cancel-date": Rule(Access.OWN, Access.OWN),
    "frontend:workspace-feed-add": Rule(None, Access.ACTING),
    "frontend:workspace-feed-toggle": Rule(None, Access.OWN),
    "frontend:workspace-uit": Rule(Access.ACTING, Access.ACTING),
    "frontend:workspace-uit-edit": Rule(Access.OWN, Access.OWN),
    "frontend:workspace-moderation": Rule(Access.MODERATOR),
    "frontend:workspace-approve": Rule(None, Access.MODERATOR),
    "frontend:workspace-reject": Rule(None, Access.MODERATOR),
    "frontend:workspace-verify-organisation": Rule(None, Access.MODERATOR),
}
# Every route of a namespace that guards itself: the admin asks for staff and model
# permissions (its login page and its own redirects included).
NAMESPACES: dict[str, Rule] = {"admin": Rule(Access.STAFF, Access.STAFF)}
# Logging in and out of the admin shows and changes nothing but the visitor's session.
ROUTES["admin:login"] = Rule(Access.PUBLIC, Access.PUBLIC)
ROUTES["admin:logout"] = Rule(Access.PUBLIC, Access.PUBLIC)


def route_rule(view_name: str) -> Rule:
    """The table's rule for a route (`resolver_match.view_name`); a route missing from the
    table is refused to everyone, never left open."""
    rule = ROUTES.get(view_name)
    if rule is None:
        rule = NAMESPACES.get(view_name.partition(":")[0] if ":" in view_name else "")
    if rule is None:
        raise ImproperlyConfigured(f"The route {view_name!r} has no row in places.roles.ROUTES.")
    return rule


def user_has_access(user, access: Access, *, organisation_id: int | None = None) -> bool:
    """Whether `user` has `access`; for OWN with `organisation_id`, also that the object's
    organisation is one the user acts for. PUBLISHED lets everyone through: which objects
    a user sees is the query's part (activities_visible_to)."""
    if access in (Access.PUBLIC, Access.PUBLISHED):
        return True
    if not user.is_authenticated:
        return False
    if access == Access.LOGGED_IN:
        return True
    if access == Access.WORKER_DATA:
        return user_sees_worker_data(user)
    if access == Access.DASHBOARD:
        return user_sees_coverage_dashboard(user)
    if access == Access.ACTING:
        return user_acts_for_an_organisation(user)
    if access == Access.OWN:
        return user_acts_for_an_organisation(user) and (
            organisation_id is None or user_may_act_for(user, organisation_id)
        )
    if access == Access.MODERATOR:
        return user_is_moderator(user)
    if access == Access.STAFF:
        return user.is_staff
    raise ValueError(f"Unknown access {access!r}")
