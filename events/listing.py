"""Reads for the public pages of single activities, the posters and the short links: what
the views of frontend/views/public.py and posters.py used to ask the models themselves."""

from django.utils import timezone

from .models import Activity, CostKind, Occurrence, WorkModel
from .queries import activities_visible_to, published_activities

# The activity page lists this many coming dates.
UPCOMING_DATES = 8


def activity_on_page(*, user, pk: int) -> Activity:
    """One activity as its public page shows it, if `user` may see it (else
    Activity.DoesNotExist), with what the page reads in a few queries."""
    return (
        activities_visible_to(user)
        .select_related("place", "place__area", "organisation", "schedule")
        .prefetch_related("work_models", "service_areas", "translations")
        .defer("place__location", "place__area__geometry")
        .get(pk=pk)
    )


def activity_upcoming(activity: Activity, *, limit: int = UPCOMING_DATES) -> list[Occurrence]:
    """The activity's dates that are not over yet, cancelled ones included (marked)."""
    return list(activity.occurrences.filter(end__gte=timezone.now()).order_by("start")[:limit])


def work_model_by_code(code: str) -> WorkModel | None:
    return WorkModel.objects.filter(code=code).first()


def work_model_codes() -> list[str]:
    """The seven codes in their display order (for a 400 that lists what is allowed)."""
    return list(WorkModel.objects.values_list("code", flat=True))


def share_free(activities: list[Activity]) -> float | None:
    """The share of `activities` that are free (None for none): a poster may only say
    "most activities are free" when they are."""
    if not activities:
        return None
    return sum(activity.cost == CostKind.FREE for activity in activities) / len(activities)


def activity_visible_exists(*, user, pk: int) -> bool:
    """Whether `user` may see the activity (the short links lead only to pages they may
    see; the activity page itself says the same)."""
    return activities_visible_to(user).filter(pk=pk).exists()


def anything_published() -> bool:
    """Whether any activity is public at all (a city that has just started has none)."""
    return published_activities().exists()
