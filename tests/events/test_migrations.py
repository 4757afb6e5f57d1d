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


@pytest.mark.django_db(transaction=True)
def test_stored_texts_are_cleaned_by_the_grown_rule(territory):
    """events 0011 (issue 15): rows written before the rule removed control characters and
    kept one-line texts on one line are cleaned once; other rows and updated_at stay. (The
    fields clean every value the ORM writes, so the old rows are written in SQL here.)"""
    before = [("events", "0010_uit_source")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Organisation = apps.get_model("places", "Organisation")
    Activity = apps.get_model("events", "Activity")
    Place = apps.get_model("places", "Place")
    organisation = Organisation.objects.create(name="Buurtwerk Noord")
    Organisation.objects.create(name="Buurtwerk Zuid")
    clash = Organisation.objects.create(name="Buurtwerk Zuid 2")
    hostile = Activity.objects.create(
        organisation=organisation, kind="peer_group", title="t", summary="s", status="published"
    )
    plain = Activity.objects.create(
        organisation=organisation, kind="event", title="Buurtfeest", summary="Samen"
    )
    point = "SRID=4326;POINT(3.71 51.01)"
    place = Place.objects.create(name="p", kind="other", location=point, public_location=point)
    old_rows = [
        ("places_organisation", organisation.pk, {"name": "Buurtwerk\r\nNoord\x07"}),
        ("places_organisation", clash.pk, {"name": "Buurtwerk\tZuid"}),  # would clash: kept
        (
            "events_activity",
            hostile.pk,
            {
                "title": "Taal\x0bcafé\r\nvoor iedereen",
                "summary": "\x1b",  # nothing of a required text would be left: kept
                "what_to_expect": "Koffie.\r\nPraten.\x07",
            },
        ),
        ("places_place", place.pk, {"name": "Zaal\r\nDe Brug", "address": "Kerkstraat 1\r\n9000"}),
    ]
    with connection.cursor() as cursor:
        for table, pk, values in old_rows:
            columns = ", ".join(f"{column} = %s" for column in values)
            cursor.execute(f"UPDATE {table} SET {columns} WHERE id = %s", [*values.values(), pk])
    stamps = dict(Activity.objects.values_list("pk", "updated_at"))

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(latest)
    apps = executor.loader.project_state(latest).apps
    Activity = apps.get_model("events", "Activity")
    Organisation = apps.get_model("places", "Organisation")
    Place = apps.get_model("places", "Place")

    cleaned = Activity.objects.get(pk=hostile.pk)
    assert (cleaned.title, cleaned.summary, cleaned.what_to_expect) == (
        "Taalcafé voor iedereen",
        "\x1b",
        "Koffie.\nPraten.",
    )
    assert Activity.objects.get(pk=plain.pk).title == "Buurtfeest"
    assert dict(Activity.objects.values_list("pk", "updated_at")) == stamps
    assert set(Organisation.objects.values_list("name", flat=True)) == {
        "Buurtwerk Noord",
        "Buurtwerk Zuid",
        "Buurtwerk\tZuid",
    }
    moved = Place.objects.get(pk=place.pk)
    assert (moved.name, moved.address) == ("Zaal De Brug", "Kerkstraat 1 9000")
