"""set_translations: an activity's title, summary and "what to expect" in the residents'
languages, validated, written as a whole set, one history row per write, moderated again for
an unverified organisation; and which version a reader sees (events.texts)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from events.models import ActivityChange, ActivityTranslation, Status
from events.services import activity_change, activity_post, set_translations
from events.texts import activity_version, activity_versions, translations_of
from tests.factories import ActivityFactory, OrganisationFactory, PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db

ARABIC = {
    "title": "مجموعة حديث للآباء",
    "summary": "آباء يلتقون على فنجان قهوة.",
    "what_to_expect": "نتحدث معا، ويمكنك أن تأتي وحدك.",
}
TURKISH = {"title": "Ebeveyn sohbet grubu", "summary": "Bir fincan kahve ile buluşma."}


def rows(activity) -> list[ActivityChange]:
    return list(ActivityChange.objects.filter(activity=activity).order_by("id"))


def test_set_translations_stores_replaces_and_removes_with_one_history_row_each(territory):
    activity = ActivityFactory()
    worker = UserFactory()
    before = len(rows(activity))

    set_translations(activity, {"ar": ARABIC, "TR": TURKISH}, by=worker)
    assert translations_of(activity) == {
        "ar": ARABIC,
        "tr": {**TURKISH, "what_to_expect": ""},
    }
    history = rows(activity)
    assert len(history) == before + 1
    assert history[-1].by == worker
    assert history[-1].changes["translations"][0] == {}
    assert set(history[-1].changes["translations"][1]) == {"ar", "tr"}

    # The same set again changes nothing and leaves no row.
    set_translations(activity, {"ar": ARABIC, "tr": TURKISH}, by=worker)
    assert len(rows(activity)) == before + 1

    # A whole set: Turkish left out is removed, Arabic changed in place.
    set_translations(activity, {"ar": {**ARABIC, "title": "مجموعة حديث"}}, by=worker)
    assert translations_of(activity)["ar"]["title"] == "مجموعة حديث"
    assert list(ActivityTranslation.objects.filter(activity=activity).values_list("language")) == [
        ("ar",)
    ]
    assert len(rows(activity)) == before + 2
    assert set(rows(activity)[-1].changes) == {"translations"}


@pytest.mark.parametrize(
    ("translations", "key"),
    [
        ({"zz": TURKISH}, "translations.zz"),
        ({"arabic": TURKISH}, "translations.arabic"),
        ({"nl": TURKISH}, "translations.nl"),  # the texts themselves are Dutch
        ({"ar": {"summary": "..."}}, "translations.ar.title"),
        ({"ar": {"title": "عنوان", "summary": "   "}}, "translations.ar.summary"),
        ({"ar": {**ARABIC, "title": "x" * 201}}, "translations.ar.title"),
        ({"ar": {**ARABIC, "description": "..."}}, "translations.ar.description"),
        ({"ar": "عنوان"}, "translations.ar"),
        ({"ar": ARABIC, "AR": ARABIC}, "translations.AR"),
    ],
)
def test_bad_translations_are_refused_by_name_and_nothing_is_written(territory, translations, key):
    activity = ActivityFactory()
    set_translations(activity, {"tr": TURKISH})
    with pytest.raises(ValidationError) as refused:
        set_translations(activity, translations)
    assert key in refused.value.message_dict
    assert set(translations_of(activity)) == {"tr"}


def test_posting_with_translations_is_one_history_row(territory):
    organisation = OrganisationFactory()
    worker = UserFactory()
    activity = activity_post(
        organisation=organisation,
        by=worker,
        kind="peer_group",
        title="Praatgroep ouders",
        summary="Ouders ontmoeten elkaar.",
        work_models=["peer"],
        place=PlaceFactory(organisation=organisation),
        translations={"ar": ARABIC},
    )
    history = rows(activity)
    assert len(history) == 1
    assert history[0].action == "created"
    assert history[0].snapshot["translations"] == {"ar": ARABIC}


def test_a_change_with_fields_and_translations_is_one_history_row(territory):
    activity = ActivityFactory()
    before = len(rows(activity))
    activity_change(
        activity=activity, by=UserFactory(), title="Nieuwe titel", translations={"ar": ARABIC}
    )
    assert len(rows(activity)) == before + 1
    assert set(rows(activity)[-1].changes) >= {"title", "translations"}


def test_texts_moved_into_a_translated_language_are_refused(territory):
    activity = ActivityFactory()
    set_translations(activity, {"fr": {"title": "Groupe", "summary": "Des parents."}})
    with pytest.raises(ValidationError) as refused:
        activity_change(activity=activity, by=UserFactory(), text_language="fr")
    assert "text_language" in refused.value.message_dict
    activity.refresh_from_db()
    assert activity.text_language == "nl"
    # Swapping in one change is fine: the Dutch texts become a translation.
    activity_change(
        activity=activity,
        by=UserFactory(),
        text_language="fr",
        title="Groupe de parents",
        summary="Des parents se rencontrent.",
        translations={"nl": {"title": "Oudergroep", "summary": "Ouders ontmoeten elkaar."}},
    )
    assert set(translations_of(activity)) == {"nl"}


def test_a_changed_translation_of_an_unverified_organisation_goes_back_to_moderation(territory):
    activity = ActivityFactory(organisation=OrganisationFactory(verified=False), status="published")
    set_translations(activity, {"ar": ARABIC}, by=UserFactory())
    activity.refresh_from_db()
    assert activity.status == Status.PENDING
    activity.status = Status.PUBLISHED  # approved again
    activity.save()
    with translation.override("en"):
        set_translations(activity, {"ar": {**ARABIC, "title": "عنوان"}}, by=UserFactory())
    assert "(translations): back to the moderators" in rows(activity)[-1].note


def test_the_version_shown_is_the_asked_one_else_the_interface_language_else_dutch(territory):
    activity = ActivityFactory(title="Praatgroep", summary="Ouders.")
    set_translations(
        activity, {"ar": ARABIC, "fr": {"title": "Groupe de parole", "summary": "Parents."}}
    )
    with translation.override("fr"):
        assert activity_version(activity).title == "Groupe de parole"
        assert activity_version(activity, asked="ar").title == ARABIC["title"]
        assert activity_version(activity, asked="ar").direction == "rtl"
    with translation.override("en"):
        shown = activity_version(activity)
        assert (shown.title, shown.language, shown.direction) == ("Praatgroep", "nl", "ltr")
        assert activity_version(activity, asked="xx").title == "Praatgroep"
    assert [version.name for version in activity_versions(activity)] == [
        "Nederlands",
        "العربية",
        "Français",
    ]


def test_english_texts_without_a_dutch_translation_stay_english(territory):
    activity = ActivityFactory(text_language="en", title="Parents' group", summary="Parents.")
    with translation.override("fr"):
        assert activity_version(activity).language == "en"
    set_translations(activity, {"nl": {"title": "Oudergroep", "summary": "Ouders."}})
    with translation.override("fr"):
        assert activity_version(activity).title == "Oudergroep"
