"""The reads of the public activity pages and the posters (events/listing.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from events.listing import (
    activity_on_page,
    activity_upcoming,
    activity_visible_exists,
    anything_published,
    share_free,
    work_model_by_code,
    work_model_codes,
)
from events.models import Activity, CostKind
from tests.frontend.test_public_pages import offer  # noqa: F401

pytestmark = pytest.mark.django_db


def test_share_free_counts_what_the_figures_say():
    def activity(cost):
        return Activity(cost=cost)

    assert share_free([]) is None
    assert share_free([activity(CostKind.FREE)] * 3) == 1
    assert share_free([activity(CostKind.FREE), activity(CostKind.UNKNOWN)]) == 0.5
    # "Not said" is not free: an unknown cost never counts towards the claim.
    assert share_free([activity(CostKind.UNKNOWN)] * 2) == 0


def test_the_activity_page_reads_only_what_the_visitor_may_see(
    offer,  # noqa: F811
    django_assert_max_num_queries,
):
    weekly = offer["weekly"]
    anonymous = AnonymousUser()
    # The activity with its place, organisation and schedule; its work models, service
    # areas and translations (the page offers the other versions): one query each.
    with django_assert_max_num_queries(4):
        found = activity_on_page(user=anonymous, pk=weekly.pk)
        assert [m.code for m in found.work_models.all()] == ["competence", "community"]
    upcoming = activity_upcoming(found)
    assert upcoming and any(date.cancelled for date in upcoming)
    assert [date.start for date in upcoming] == sorted(date.start for date in upcoming)
    assert activity_visible_exists(user=anonymous, pk=weekly.pk)
    Activity.objects.filter(pk=weekly.pk).update(status="draft")
    assert not activity_visible_exists(user=anonymous, pk=weekly.pk)
    with pytest.raises(Activity.DoesNotExist):
        activity_on_page(user=anonymous, pk=weekly.pk)
    assert anything_published()  # the peer group still is


def test_work_models_by_code():
    assert work_model_by_code("peer").name_nl == "Lotgenotennetwerken"
    assert work_model_by_code("ranking") is None
    assert work_model_codes()[0] == "competence" and len(work_model_codes()) == 7
