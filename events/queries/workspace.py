"""Reads for the community workers' workspace and the moderators: own activities,
stale offers, the moderation queue and possible duplicates of a new post."""

from datetime import date

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from places.models import Place

from ..models import Activity, Occurrence, Status
from .visible import activities_visible_to, next_occurrence_start

# An activity nobody confirmed for this long is flagged: stale offers cost trust.
STALE_AFTER_DAYS = 90


def workspace_activities(*, organisation_ids: set[int]) -> QuerySet[Activity]:
    """The activities of a worker's organisations, with their next date and, for one a
    moderator sent back, the reason why."""
    from ..models import ActivityChange, ChangeAction

    latest_rejection = ActivityChange.objects.filter(
        activity=OuterRef("pk"), action=ChangeAction.REJECTED
    ).order_by("-at", "-id")
    return (
        Activity.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation", "place", "place__area")
        .defer("place__location", "place__area__geometry")
        .annotate(
            next_start=next_occurrence_start(),
            rejection_note=Subquery(latest_rejection.values("note")[:1]),
        )
        .order_by(F("next_start").asc(nulls_last=True), "title")
    )


def activity_is_stale(activity: Activity, *, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        activity.last_verified is None or (today - activity.last_verified).days > STALE_AFTER_DAYS
    )


def moderation_queue() -> QuerySet[Activity]:
    """Posts of unverified organisations waiting for a moderator, oldest first."""
    return (
        Activity.objects.filter(status=Status.PENDING)
        .select_related("organisation", "place", "place__area", "created_by")
        .prefetch_related("translations")
        .defer("place__location", "place__area__geometry")
        .annotate(next_start=next_occurrence_start())
        .order_by("created_at")
    )


# Titles at least this alike (difflib ratio, case and spacing ignored) count as similar.
SIMILAR_TITLE_RATIO = 0.6
DUPLICATE_LOOKAHEAD_DATES = 12


def possible_duplicates(
    *, user, place: Place | None, title: str, dated: list, exclude_id: int | None = None
) -> list[Activity]:
    """Activities that may be the same as a new post: at the same place, with a session
    overlapping one of its first dates, and a similar title. Only among what `user` may
    see (activities_visible_to): another organisation's drafts and pending posts are its
    own business, and their titles can say who meets there."""
    from difflib import SequenceMatcher

    if place is None or not dated:
        return []
    overlaps = Q()
    for session in dated[:DUPLICATE_LOOKAHEAD_DATES]:
        overlaps |= Q(start__lt=session.end, end__gt=session.start)
    candidates = (
        activities_visible_to(user)
        .filter(place=place)
        .exclude(status=Status.CANCELLED)
        .filter(Exists(Occurrence.objects.filter(overlaps, activity=OuterRef("pk"))))
    )
    if exclude_id is not None:
        candidates = candidates.exclude(pk=exclude_id)

    def simple(text: str) -> str:
        return " ".join(text.lower().split())

    return [
        activity
        for activity in candidates.select_related("organisation")
        if SequenceMatcher(None, simple(activity.title), simple(title)).ratio()
        >= SIMILAR_TITLE_RATIO
    ]
