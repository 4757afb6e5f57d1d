"""`manage.py export_hsds PATH`: the whole directory as HSDS 3.0 files, valid, published only."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from api.hsds.ids import hsds_id
from events.models import Activity, Status
from places.models import Place, Precision

from .schemas import errors

pytestmark = pytest.mark.django_db

SCHEMAS = {
    "organizations": "organization.json",
    "services": "service.json",
    "locations": "location.json",
    "service_at_locations": "service_at_location.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
}


def _export(folder, *args) -> dict[str, list]:
    out = StringIO()
    call_command("export_hsds", str(folder), *args, stdout=out)
    return {name: json.loads((folder / f"{name}.json").read_text()) for name in SCHEMAS}


def test_every_file_is_valid_and_holds_the_published_directory(demo, tmp_path):
    draft = Activity.objects.filter(status=Status.PUBLISHED).first()
    Activity.objects.filter(pk=draft.pk).update(status=Status.DRAFT)
    files = _export(tmp_path / "hsds", "--base-url", "https://buurtwijzer.example.be/")
    for name, schema in SCHEMAS.items():
        problems = [line for item in files[name] for line in errors(schema, item)]
        assert problems == [], name
    published = Activity.objects.filter(status=Status.PUBLISHED)
    assert {item["id"] for item in files["services"]} == {
        hsds_id("service", pk) for pk in published.values_list("pk", flat=True)
    }
    assert hsds_id("service", draft.pk) not in {item["id"] for item in files["services"]}
    assert len(files["taxonomy_terms"]) == 7
    assert all(
        item["url"].startswith("https://buurtwijzer.example.be/activiteit/")
        for item in files["services"]
    )
    # The programme without a venue, and the place shown by its area only, as the API has them.
    programme = published.get(place__isnull=True)
    (service,) = [
        item for item in files["services"] if item["id"] == hsds_id("service", programme.pk)
    ]
    assert service["service_areas"] and "service_at_locations" not in service
    hidden = Place.objects.filter(precision=Precision.AREA).first()
    (location,) = [
        item for item in files["locations"] if item["id"] == hsds_id("location", hidden.pk)
    ]
    assert "addresses" not in location
    text = "".join((tmp_path / "hsds" / f"{name}.json").read_text() for name in SCHEMAS)
    assert hidden.address.split(",")[0] not in text


def test_the_language_option_writes_the_work_models_in_it(demo, tmp_path):
    files = _export(tmp_path, "--language", "fr")
    assert {term["language"] for term in files["taxonomy_terms"]} == {"fr"}
    assert "Ami personnel" in {term["name"] for term in files["taxonomy_terms"]}


def test_a_rerun_replaces_the_files_whole(demo, tmp_path):
    first = _export(tmp_path)
    Activity.objects.filter(status=Status.PUBLISHED).update(status=Status.DRAFT)
    second = _export(tmp_path)
    assert first["services"] and second["services"] == []
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        f"{name}.json" for name in SCHEMAS
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--base-url", "buurtwijzer.example.be"], "--base-url must start with http"),
        (["--language", "de"], "invalid choice"),
    ],
)
def test_bad_options_exit_with_a_sentence(demo, tmp_path, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_hsds", str(tmp_path), *arguments, stdout=StringIO())


def test_a_file_as_path_exits_with_a_sentence(demo, tmp_path):
    target = tmp_path / "file.json"
    target.write_text("keep me")
    with pytest.raises(CommandError, match="is a file, not a folder"):
        call_command("export_hsds", str(target), stdout=StringIO())
    assert target.read_text() == "keep me"
