import pytest
from django.db import IntegrityError, transaction

from buurt.models import Area, IndicatorValue
from tests.conftest import square

pytestmark = pytest.mark.django_db


def test_codes_are_unique_per_kind_only(territory):
    Area.objects.create(
        kind="district",
        code="T0001W1",
        name="Same code, other kind",
        geometry=square(3.7, 51, 0.01),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(
            kind="neighbourhood", code="T0001W1", name="Twin", geometry=square(3.7, 51, 0.01)
        )


def test_shares_are_fractions(territory):
    west = territory["west"]
    IndicatorValue.objects.create(area=west, indicator="share_renters", year=2023, value=0.4)
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.create(area=west, indicator="share_low_income", year=2023, value=40)
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.create(area=west, indicator="share_renters", year=2023, value=0.5)
