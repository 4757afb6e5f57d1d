"""`load_demo --remove` takes the fictional territory out before a real one is served, and
leaves real data alone."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from buurt.models import Area, IndicatorValue
from events.models import Activity, Occurrence
from places.models import Organisation, Place

pytestmark = pytest.mark.django_db


def test_the_demo_goes_and_a_real_territory_stays(settings):
    settings.DEBUG = True  # the demo admin account exists in development only
    call_command("load_territory", "44021", stdout=StringIO(), stderr=StringIO())
    real = (Area.objects.count(), Place.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert get_user_model().objects.filter(username="demo-admin").exists()
    assert Activity.objects.exists()

    out = StringIO()
    call_command("load_demo", "--remove", stdout=out)
    assert "Demo removed: 25 areas, 7 organisations, 17 places, 26 activities" in out.getvalue()
    assert (Area.objects.count(), Place.objects.count()) == real
    assert not Area.objects.filter(code__startswith="99001").exists()
    assert not IndicatorValue.objects.exists()
    assert not Organisation.objects.exists()
    assert not Activity.objects.exists() and not Occurrence.objects.exists()
    assert not get_user_model().objects.filter(username="demo-admin").exists()

    call_command("load_demo", "--remove", stdout=StringIO())  # nothing left: still fine
