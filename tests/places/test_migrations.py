"""Migration places 0004 (issue 20, finding 10): hidden places left without organisation
are adopted by the organisation that uses them, or deleted when nothing uses them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("places", "0003_place_source"), ("events", "0005_user_text_fields")]


@pytest.mark.django_db(transaction=True)
def test_orphaned_hidden_places_are_adopted_or_deleted(territory):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Organisation = apps.get_model("places", "Organisation")
    Place = apps.get_model("places", "Place")
    Activity = apps.get_model("events", "Activity")
    point = "SRID=4326;POINT(3.705 51.005)"
    organisation = Organisation.objects.create(name="Praatgroepwerking")

    def hidden(name):
        return Place.objects.create(
            name=name,
            kind="other",
            precision="area",
            location=point,
            public_location=point,
            area_id=territory["west"].pk,
        )

    used, unused = hidden("In gebruik"), hidden("Ongebruikt")
    shared = Place.objects.create(name="Bib", kind="library", location=point, public_location=point)
    Activity.objects.create(
        organisation=organisation,
        kind="peer_group",
        title="Praatgroep",
        summary="Samen",
        place=used,
        status="published",
        languages=[],
        audiences=[],
    )

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()  # back to where every other test runs
    executor.migrate(latest)
    apps = executor.loader.project_state(latest).apps
    Place = apps.get_model("places", "Place")
    assert Place.objects.get(pk=used.pk).organisation_id == organisation.pk
    assert not Place.objects.filter(pk=unused.pk).exists()
    assert Place.objects.get(pk=shared.pk).organisation_id is None
