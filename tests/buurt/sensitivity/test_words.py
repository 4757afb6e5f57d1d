"""The reasons of an assessment in words, in Dutch, French and English."""

import pytest

from buurt.models import IndicatorValue
from buurt.sensitivity.words import reasons_in_words
from tests.buurt.sensitivity.territory import STABLE_VULNERABLE, T0, assess, row_town

pytestmark = pytest.mark.django_db


# --- In words --------------------------------------------------------------------------------
def test_reasons_in_plain_words():
    assessment = assess(row_town(STABLE_VULNERABLE, "adjacent")[0])
    dutch = reasons_in_words(assessment)
    # reference: (0.6 + 4 × 0.2) / 5 = 28 %
    assert "Het aandeel huurders (60%) ligt boven dat van de gemeente (28%)." in dutch
    assert (
        "Woningmarkt: aangrenzend (grenst aan een gebied met hoge of snel stijgende prijzen)."
        in dutch
    )
    assert any("T1W1" in sentence for sentence in dutch)
    assert "The share of renters (60%) is above the municipality's (28%)." in (
        reasons_in_words(assessment, "en")
    )
    french = reasons_in_words(assessment, "fr-be")
    assert (
        "La part de locataires (60\u202f%) est supérieure à celle de la commune (28\u202f%)."
        in (french)
    )
    assert reasons_in_words(assessment, "de") == dutch
    assert all(sentence.endswith(".") for sentence in dutch + french)


def test_unequal_figures_never_read_as_equal():
    areas = row_town(STABLE_VULNERABLE, "adjacent")
    IndicatorValue.objects.filter(indicator="share_renters", area__in=areas[1:]).update(value=0.28)
    IndicatorValue.objects.filter(indicator="share_renters", area=areas[0]).update(value=0.2804)
    # reference (0.2804 + 4 × 0.28) / 5 = 0.28008: one decimal would say 28% and 28%
    dutch = reasons_in_words(assess(areas[0]))
    assert "Het aandeel huurders (28,04%) ligt boven dat van de gemeente (28,01%)." in dutch


def test_missing_data_in_words():
    subject = row_town(STABLE_VULNERABLE, "adjacent", subject_t1={"households": 40})[0]
    IndicatorValue.objects.filter(area=subject, indicator="share_renters", year=T0).delete()
    assessment = assess(subject)
    assert reasons_in_words(assessment) == [
        "Niet beoordeeld: de gegevens volstaan niet.",
        "Ontbreekt: het aandeel huurders in 2018.",
        "Te weinig huishoudens in 2023 (40; minstens 100 nodig).",
    ]
    assert reasons_in_words(assessment, "en")[1] == "Missing: the share of renters in 2018."


def test_a_language_added_later_gets_djangos_separators_until_it_has_its_own(settings):
    from django.utils import translation

    from buurt.sensitivity.words import _number

    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "German")]
    with translation.override("de"):
        assert _number(12345.5, 1) == "12.345,5"
    with translation.override("fr"):
        assert _number(12345.5, 1) == "12\u202f345,5"
