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
