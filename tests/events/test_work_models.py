"""The seven work models keep the research's names; residents read a plain label first."""

import pytest
from django.utils import translation

from events.models import WorkModel
from events.work_models import PLAIN_LABELS, WORK_MODELS

pytestmark = pytest.mark.django_db


def test_every_model_has_a_plain_label_in_each_language_stored_by_the_migration():
    assert set(PLAIN_LABELS) == {row[0] for row in WORK_MODELS}
    for model in WorkModel.objects.all():
        labels = (model.label_nl, model.label_fr, model.label_en)
        assert labels == PLAIN_LABELS[model.code]
        assert all(labels) and model.label_nl != model.name_nl
    for field in ("label_nl", "label_fr", "label_en"):
        values = list(WorkModel.objects.values_list(field, flat=True))
        assert len(set(values)) == 7, f"two models share a {field}"


def test_the_label_follows_the_page_language_and_the_research_name_stays():
    competence = WorkModel.objects.get(code="competence")
    with translation.override("nl-be"):
        assert (competence.label, competence.name) == (
            "Iets bijleren",
            "Persoonlijke competentieversterking",
        )
    with translation.override("fr"):
        assert competence.label == "Apprendre quelque chose"
    with translation.override("en"):
        assert competence.label == "Learn something"


def test_a_model_without_a_label_shows_its_research_name():
    model = WorkModel(code="x", name_nl="Onderzoeksnaam", name_fr="", name_en="")
    assert model.label == "Onderzoeksnaam"


def test_a_language_added_to_the_site_reads_dutch_until_its_columns_exist(db, settings):
    from django.utils import translation

    from events.models import WorkModel

    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "German")]
    peer = WorkModel.objects.get(code="peer")
    with translation.override("de"):
        assert peer.name == "Lotgenotennetwerken"
        assert peer.label == "Mensen die hetzelfde meemaken"
