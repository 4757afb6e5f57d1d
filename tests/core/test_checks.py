"""Check constraints asked in one query give Django's verdicts, in one round trip."""

import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection, transaction
from django.db.models import CheckConstraint
from django.test.utils import CaptureQueriesContext

from core.checks import failed_checks
from events.choices import CostKind
from events.models import Activity
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

CHECKS = [c for c in Activity._meta.constraints if type(c) is CheckConstraint]


def django_verdicts(activity, exclude=None) -> set[str]:
    """The constraints Django's own CheckConstraint.validate refuses, one query each."""
    refused = set()
    for constraint in CHECKS:
        try:
            constraint.validate(Activity, activity, exclude=exclude)
        except ValidationError:
            refused.add(constraint.name)
    return refused


@pytest.mark.parametrize(
    ("cost", "amount", "title", "exclude"),
    list(
        itertools.product(
            list(CostKind.values),
            [None, Decimal("-1"), Decimal("0"), Decimal("4.50")],
            ["", "Soepbar"],
            [None, {"cost_amount"}, {"title", "cost"}],
        )
    ),
)
def test_the_same_verdicts_as_django(cost, amount, title, exclude):
    activity = Activity(cost=cost, cost_amount=amount, title=title, summary="Samen koken.")
    ours = failed_checks(activity, Activity, CHECKS, exclude=exclude, using="default")
    assert {c.name for c in ours} == django_verdicts(activity, exclude)


def test_a_broken_rule_is_refused_with_its_message():
    activity = ActivityFactory()
    activity.cost, activity.cost_amount = CostKind.PAID, Decimal("-2")
    with pytest.raises(ValidationError) as refused:
        activity.validate_constraints()
    [message] = refused.value.message_dict[NON_FIELD_ERRORS]
    assert "activity_cost_not_negative" in message


def test_all_checks_in_one_query_inside_a_transaction():
    activity = ActivityFactory()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        activity.validate_constraints()
    selects = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    # One SELECT for the four checks, in one savepoint (Django: four, in four).
    assert len(selects) == 1
    assert selects[0].count("check_") == len(CHECKS) == 4
    assert sum(q["sql"].startswith("SAVEPOINT") for q in queries.captured_queries) == 1
