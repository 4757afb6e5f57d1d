"""Who may do what: the roles people hold in organisations, and what each role may see and
change. The API's permissions and the pages' guards both ask here."""

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
