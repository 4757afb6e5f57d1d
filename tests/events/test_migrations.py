"""Migration events 0007 (issue 19): facts nobody chose (the old defaults "free", "no
registration", "basic Dutch fine", no audience, all at once) become unknown; a row where
any of them was chosen keeps its values."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("events", "0006_unknown_facts_and_cancel_reasons")]


@pytest.mark.django_db(transaction=True)
def test_never_chosen_defaults_become_unknown(territory):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Organisation = apps.get_model("places", "Organisation")
    Activity = apps.get_model("events", "Activity")
    organisation = Organisation.objects.create(name="Buurtwerk")

    def activity(title, **facts):
        defaults = {
            "cost": "free",
            "registration_required": False,
            "basic_dutch_ok": True,
            "audiences": [],
            "languages": [],
        }
        return Activity.objects.create(
            organisation=organisation,
            kind="peer_group",
            title=title,
            summary="Samen",
            status="published",
            **{**defaults, **facts},
        )

    from_the_form = activity("Praatgroep")  # what the workspace form saved
    said_free = activity("Koffie", audiences=["seniors"])  # the API or the demo: chosen
    paid = activity("Cursus", cost="paid", cost_amount=5, registration_required=True)
    tariff = activity("Uitstap", social_tariff="UiTPAS €1")

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()  # back to where every other test runs
    executor.migrate(latest)
    Activity = executor.loader.project_state(latest).apps.get_model("events", "Activity")

    unknown = Activity.objects.get(pk=from_the_form.pk)
    assert (unknown.cost, unknown.registration_required, unknown.basic_dutch_ok) == (
        "unknown",
        None,
        None,
    )
    kept = Activity.objects.get(pk=said_free.pk)
    assert (kept.cost, kept.registration_required, kept.basic_dutch_ok) == ("free", False, True)
    assert Activity.objects.get(pk=paid.pk).cost == "paid"
    assert Activity.objects.get(pk=tariff.pk).cost == "free"


@pytest.mark.django_db(transaction=True)
def test_the_text_language_of_existing_activities_is_the_guess_they_were_shown_with(territory):
    """Migration events 0009: nobody said which language existing activities are written
    in, so each keeps the language its pages guessed until now; new ones default to Dutch."""
    before = [("events", "0008_work_model_plain_labels")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Organisation = apps.get_model("places", "Organisation")
    Activity = apps.get_model("events", "Activity")
    organisation = Organisation.objects.create(name="Buurtwerk")

    def activity(title, summary, **texts):
        return Activity.objects.create(
            organisation=organisation, kind="recurring", title=title, summary=summary, **texts
        ).pk

    dutch = activity("Praatgroep", "Samen koffie drinken met de buren van de wijk.")
    french = activity(
        "Café des voisins",
        "Un café avec les voisins du quartier.",
        description="Venez avec vos enfants pour un moment ensemble dans la salle.",
    )
    english = activity(
        "Neighbours' coffee",
        "A coffee with the neighbours.",
        what_to_expect="You meet the people of your street for a chat at the table.",
    )
    short = activity("Atelier vélo", "Vélo")  # too little to tell: Dutch

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(latest)
    Activity = executor.loader.project_state(latest).apps.get_model("events", "Activity")
    stored = dict(Activity.objects.values_list("pk", "text_language"))
    assert [stored[pk] for pk in (dutch, french, english, short)] == ["nl", "fr", "en", "nl"]
    new = Activity.objects.create(organisation_id=organisation.pk, kind="event", title="X")
    assert new.text_language == "nl"
