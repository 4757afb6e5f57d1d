"""The stored run: replacing and reading, the summary, the demo, the command and the admin."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from buurt.models import AreaKind, IndicatorValue, SensitivityAssessment, SensitivityType
from buurt.sensitivity.assess import sensitivity_assess
from buurt.sensitivity.queries import sensitivity_for
from tests.buurt.sensitivity.territory import (
    CHANGING_VULNERABLE,
    STABLE_VULNERABLE,
    T0,
    T1,
    assess,
    row_town,
)

pytestmark = pytest.mark.django_db


# --- Storing and reading ---------------------------------------------------------------------
def test_a_new_run_replaces_the_stored_one_and_is_what_is_read(django_assert_max_num_queries):
    areas = row_town(STABLE_VULNERABLE, "adjacent")
    with django_assert_max_num_queries(10):  # set-based: the same few queries for any size
        summary = sensitivity_assess(kind=AreaKind.NEIGHBOURHOOD, t0=T0, t1=T1)
    assert summary.total == 8
    assert summary.counts[SensitivityType.SUSCEPTIBLE] == 1
    first = set(SensitivityAssessment.objects.values_list("id", flat=True))
    sensitivity_assess(kind=AreaKind.NEIGHBOURHOOD, t0=T0, t1=T1)
    assert SensitivityAssessment.objects.count() == 8
    assert not first & set(SensitivityAssessment.objects.values_list("id", flat=True))

    # Other years are kept, but the latest run is what the map reads.
    give_years = [
        IndicatorValue(area=v.area, indicator=v.indicator, year=v.year - 1, value=v.value)
        for v in IndicatorValue.objects.filter(year=T0)
    ]
    IndicatorValue.objects.bulk_create(give_years)
    sensitivity_assess(kind=AreaKind.NEIGHBOURHOOD, t0=T0 - 1, t1=T1)
    assert SensitivityAssessment.objects.count() == 16
    latest = sensitivity_for(AreaKind.NEIGHBOURHOOD)
    assert {(a.t0, a.t1) for a in latest} == {(T0 - 1, T1)}
    assert {a.area_id for a in latest} >= {a.id for a in areas}
    assert not sensitivity_for(AreaKind.DISTRICT).exists()


def test_summary_lists_every_type():
    row_town(CHANGING_VULNERABLE, "accelerating")
    text = str(sensitivity_assess(kind=AreaKind.NEIGHBOURHOOD, t0=T0, t1=T1))
    for value in SensitivityType.values:
        assert value in text


# --- The demo and the command ----------------------------------------------------------------
def test_the_demo_yields_at_least_three_types():
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command(
        "assess_sensitivity", "--kind", "neighbourhood", "--t0", "2018", "--t1", "2023", stdout=out
    )
    types = set(
        SensitivityAssessment.objects.filter(area__kind="neighbourhood").values_list(
            "type", flat=True
        )
    )
    assert len(types - {SensitivityType.NONE, SensitivityType.INSUFFICIENT_DATA}) >= 2
    assert len(types) >= 3
    assert "susceptible" in out.getvalue()
    by_code = dict(SensitivityAssessment.objects.values_list("area__code", "type"))
    # the README's pattern: vulnerable and stable next to rising areas; gentrifying ones
    assert by_code["99001W01"] == SensitivityType.SUSCEPTIBLE
    assert by_code["99001W04"] in {SensitivityType.DYNAMIC, SensitivityType.LATE}
    assert by_code["99001W06"] == SensitivityType.NONE  # affluent Heidebos


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--kind", "street", "--t0", "2018", "--t1", "2023"], "Unknown kind 'street'"),
        (["--kind", "neighbourhood", "--t0", "2023", "--t1", "2023"], "must come before"),
        (["--kind", "neighbourhood", "--t0", "2023", "--t1", "2018"], "must come before"),
        (["--kind", "neighbourhood", "--t0", "2019", "--t1", "2023"], "no indicator values"),
        (["--kind", "district", "--t0", "2018", "--t1", "2023"], "no indicator values"),
    ],
)
def test_the_command_refuses_bad_input_in_one_sentence(arguments, message):
    row_town(STABLE_VULNERABLE, "adjacent")
    with pytest.raises(CommandError) as error:
        call_command("assess_sensitivity", *arguments, stdout=StringIO())
    text = str(error.value)
    assert message in text
    assert "\n" not in text and text.endswith(".") and text.count(". ") == 0
    assert not SensitivityAssessment.objects.exists()


def test_the_command_prints_counts_per_type():
    row_town(CHANGING_VULNERABLE, "accelerating")
    out = StringIO()
    call_command(
        "assess_sensitivity", "--kind", "neighbourhood", "--t0", "2018", "--t1", "2023", stdout=out
    )
    lines = out.getvalue().splitlines()
    assert "8 areas" in lines[0]
    assert any(line.split() == ["dynamic", "1"] for line in lines)
    assert any(line.split() == ["none", "7"] for line in lines)


def test_the_admin_shows_an_assessment_and_allows_no_edits(admin_client):
    subject = row_town(STABLE_VULNERABLE, "adjacent")[0]
    assessment = assess(subject)
    page = admin_client.get(
        reverse("admin:buurt_sensitivityassessment_change", args=[assessment.pk])
    )
    assert page.status_code == 200
    assert b"susceptible" in page.content.lower()
    changelist = reverse("admin:buurt_sensitivityassessment_changelist")
    assert admin_client.get(changelist, {"q": "T1W0"}).status_code == 200
    assert admin_client.get(reverse("admin:buurt_sensitivityassessment_add")).status_code == 403
