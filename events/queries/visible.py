"""Which activities a reader may see, and when their next date is."""

from datetime import date, datetime, time

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from places.roles import user_is_moderator, user_organisation_ids

from ..models import Activity, Occurrence, Status
from ..recurrence.rules import BRUSSELS


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=BRUSSELS)


def published_activities() -> QuerySet[Activity]:
    return Activity.objects.filter(status=Status.PUBLISHED)


def activities_visible_to(user) -> QuerySet[Activity]:
    """Anonymous users see published activities; members also their organisations' drafts
    and pending posts; moderators and superusers everything."""
    if user_is_moderator(user):
        return Activity.objects.all()
    visible = Q(status=Status.PUBLISHED)
    organisations = user_organisation_ids(user)
    if organisations:
        visible |= Q(organisation_id__in=organisations)
    return Activity.objects.filter(visible)


def next_occurrence_start() -> Subquery:
    return Subquery(
        Occurrence.objects.filter(
            activity=OuterRef("pk"), start__gte=timezone.now(), cancelled=False
        )
        .order_by("start")
        .values("start")[:1]
    )
