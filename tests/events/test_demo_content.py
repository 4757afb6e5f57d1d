"""demo.yaml is checked before the demo is loaded: every mistake is one sentence that names
the entry (its key) and the field, and load_demo writes nothing."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from buurt.models import Area, IndicatorValue
from events.demo import DemoContentInvalid, demo_content_read
from events.models import Activity
from places.models import Organisation, Place

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "neighbourhoods"
FILES = [
    "municipality.geojson",
    "districts.geojson",
    "neighbourhoods.geojson",
    "indicators.csv",
    "demo.yaml",
]


def demo_copy(directory: Path, *replacements: tuple[str, str]) -> Path:
    """The shipped demo files in `directory`, demo.yaml with each text replaced once."""
    for name in FILES:
        shutil.copy(SHIPPED / name, directory / name)
    text = (directory / "demo.yaml").read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    (directory / "demo.yaml").write_text(text, encoding="utf-8")
    return directory


def problems(directory: Path) -> list[str]:
    with pytest.raises(DemoContentInvalid) as caught:
        demo_content_read(directory)
    return caught.value.problems


def test_the_shipped_demo_reads_without_problems():
    content = demo_content_read(SHIPPED)
    assert (len(content.organisations), len(content.places), len(content.activities)) == (
        7,
        17,
        26,
    )


NAAIATELIER = 'demo.yaml, activity "naaiatelier"'
TAALCAFE = 'demo.yaml, activity "taalcafe-nederlands"'
DE_SLUIS = 'demo.yaml, place "buurthuis-de-sluis"'


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        pytest.param(
            [("    host_name: Hanan", "    hots_name: Hanan")],
            [
                f"{NAAIATELIER}: hots_name is not a field here; did you mean host_name?",
                f"{NAAIATELIER}: host_name is missing.",
            ],
            id="unknown-field",
        ),
        pytest.param(
            [("    summary: Oefen je Nederlands", "    # summary: Oefen je Nederlands")],
            [f"{TAALCAFE}: summary is missing."],
            id="missing-field",
        ),
        pytest.param(
            [("work_models: [competence, community]", "work_models: [competence, comunity]")],
            [
                f'{TAALCAFE}: work_models "comunity" is not one of competence, buddy, '
                "own_network, peer, context, volunteering, community."
            ],
            id="bad-work-model",
        ),
        pytest.param(
            [("neighbourhood: 99001W04", "neighbourhood: 99001W40")],
            [
                f'{DE_SLUIS}: neighbourhood "99001W40" is not a neighbourhood of '
                "neighbourhoods.geojson (99001W01 to 99001W20)."
            ],
            id="unknown-neighbourhood",
        ),
        pytest.param(
            [("neighbourhood: 99001W04", "neighbourhood: 99001W01")],
            [
                f"{DE_SLUIS}: lon/lat (3.97664, 50.947115) lie outside its neighbourhood "
                "99001W01 (Stationsbuurt)."
            ],
            id="place-outside-its-neighbourhood",
        ),
        pytest.param(
            [('weekly: {day: FR, time: "13:30"', 'weekly: {day: FR, time: "25:00"')],
            [
                f'{NAAIATELIER}: weekly.time "25:00" is not a time of day; write "HH:MM", '
                'for example "09:30".'
            ],
            id="bad-time",
        ),
        pytest.param(
            [('weekly: {day: FR, time: "13:30"', "weekly: {day: FR, time: 13:30")],
            [f'{NAAIATELIER}: weekly.time must be in quotes, for example time: "19:00".'],
            id="time-without-quotes",
        ),
        pytest.param(
            [('weekly: {day: FR, time: "13:30"', 'weekly: {day: VR, time: "13:30"')],
            [f'{NAAIATELIER}: weekly.day "VR" is not one of MO, TU, WE, TH, FR, SA, SU.'],
            id="bad-weekday",
        ),
        pytest.param(
            [("  - key: naaiatelier", "  - key: taalcafe-nederlands")],
            [f"{TAALCAFE}: key is used by an earlier entry."],
            id="duplicate-key",
        ),
        pytest.param(
            [
                (
                    '    title: "Repair Café: samen',
                    '    title: Repair Café\n    title: "Repair Café: samen',
                )
            ],
            ['demo.yaml, activity "repair-cafe": title is given twice.'],
            id="field-given-twice",
        ),
        pytest.param(
            [
                (
                    "    place: buurthuis-t-spoor\n    weekly: {day: FR",
                    "    place: spoor\n    weekly: {day: FR",
                )
            ],
            [f'{NAAIATELIER}: place "spoor" is not the key of a place.'],
            id="unknown-place",
        ),
        pytest.param(
            [
                (
                    "organisation: repair-cafe-buurtegem\n    kind: other",
                    "organisation: repair\n    kind: other",
                )
            ],
            [
                'demo.yaml, place "wijkatelier-de-vonk": organisation "repair" is not the key '
                "of an organisation."
            ],
            id="unknown-organisation",
        ),
        pytest.param(
            [('    wheelchair: "yes"', "    wheelchair: yes")],
            [
                f'{DE_SLUIS}: wheelchair true is not one of yes, partial, no, unknown; write "yes" '
                'or "no" in quotes.'
            ],
            id="bare-yes",
        ),
        pytest.param(
            [('cost: {paid: "2.00"', 'cost: {paid: "2,00"')],
            [f'{NAAIATELIER}: cost.paid "2,00" is not an amount in euros such as "2.00".'],
            id="bad-amount",
        ),
        pytest.param(
            [
                (
                    "    cost: free\n    registration: not needed\n    host_name: Els",
                    "    cost: gratis\n    registration: not needed\n    host_name: Els",
                )
            ],
            [f'{TAALCAFE}: cost must be free or {{paid: "2.00", social_tariff: …}}, not "gratis".'],
            id="bad-cost",
        ),
        pytest.param(
            [
                (
                    "      how: Schrijf je in aan het onthaal",
                    "      hoe: Schrijf je in aan het onthaal",
                )
            ],
            [
                f"{NAAIATELIER}: registration.hoe is not a field here; did you mean how?",
                f"{NAAIATELIER}: registration.how is missing.",
            ],
            id="registration-without-how",
        ),
        pytest.param(
            [
                (
                    '    weekly: {day: TU, time: "14:00", minutes: 90}',
                    '    once: {days_from_today: 3, time: "14:00", minutes: 90}\n'
                    '    weekly: {day: TU, time: "14:00", minutes: 90}',
                )
            ],
            [f"{TAALCAFE}: weekly, monthly or once: give exactly one (here 2)."],
            id="two-schedules",
        ),
        pytest.param(
            [("languages: [nl]", "languages: [nl, xx]")],
            [f'{TAALCAFE}: languages "xx" is not a language code (ISO 639-1).'],
            id="bad-language",
        ),
        pytest.param(
            [("  - key: naaiatelier", "  - key: Naai Atelier")],
            [
                'demo.yaml, activity "Naai Atelier": key "Naai Atelier" is not a key: use '
                "lower-case letters, digits and hyphens, for example buurthuis-de-sluis."
            ],
            id="bad-key",
        ),
        pytest.param(
            [
                (
                    "    summary: Oefen je Nederlands",
                    "    text_language: de\n    summary: Oefen je Nederlands",
                )
            ],
            [f'{TAALCAFE}: text_language "de" is not one of nl, fr, en.'],
            id="bad-text-language",
        ),
    ],
)
def test_a_mistake_names_the_entry_and_the_field(tmp_path, replacements, expected):
    assert problems(demo_copy(tmp_path, *replacements)) == expected


def test_every_problem_is_listed_at_once(tmp_path):
    directory = demo_copy(
        tmp_path,
        ("neighbourhood: 99001W04", "neighbourhood: 99001W40"),
        ('weekly: {day: FR, time: "13:30"', 'weekly: {day: FR, time: "25:00"'),
    )
    with pytest.raises(DemoContentInvalid) as caught:
        demo_content_read(directory)
    message = str(caught.value)
    assert message.startswith("demo.yaml has 2 problems:\n- ")
    assert 'place "buurthuis-de-sluis": neighbourhood' in message
    assert 'activity "naaiatelier": weekly.time' in message


def test_a_yaml_syntax_error_says_where(tmp_path):
    directory = demo_copy(tmp_path, ("    kind: recurring\n", "    kind: [recurring\n"))
    [problem] = problems(directory)
    assert problem.startswith("demo.yaml is not valid YAML (line ")


def test_an_entry_without_a_key_is_named_by_its_number(tmp_path):
    directory = demo_copy(tmp_path, ("  - key: buurtwerk-buurtegem\n", "  - \n"))
    assert problems(directory)[0] == "demo.yaml, organisation number 1 (no key): key is missing."


@pytest.mark.django_db
def test_load_demo_stops_with_the_sentence_and_writes_nothing(settings, tmp_path):
    settings.DEMO_DATA_DIR = demo_copy(
        tmp_path, ('weekly: {day: FR, time: "13:30"', 'weekly: {day: FR, time: "25:00"')
    )
    with pytest.raises(CommandError) as caught:
        call_command("load_demo", stdout=StringIO())
    assert str(caught.value) == (
        f'The demo could not be loaded: {NAAIATELIER}: weekly.time "25:00" is not a time of '
        'day; write "HH:MM", for example "09:30".'
    )
    assert not Area.objects.exists() and not IndicatorValue.objects.exists()
    assert not Organisation.objects.exists() and not Place.objects.exists()
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_loaded_demo_is_left_as_it_was_when_the_file_breaks(settings, tmp_path):
    call_command("load_demo", stdout=StringIO())
    title = Activity.objects.get(import_key="demo:naaiatelier").title
    settings.DEMO_DATA_DIR = demo_copy(
        tmp_path,
        ('title: "Naaiatelier: herstellen en zelf maken"', "title: Naaiatelier"),
        ("neighbourhood: 99001W04", "neighbourhood: 99001W40"),
    )
    with pytest.raises(CommandError, match=r'place "buurthuis-de-sluis": neighbourhood'):
        call_command("load_demo", stdout=StringIO())
    with pytest.raises(CommandError, match=r"The demo could not be removed: .*99001W40"):
        call_command("load_demo", "--remove", stdout=StringIO())
    assert Activity.objects.get(import_key="demo:naaiatelier").title == title
    assert Activity.objects.count() == 26


@pytest.mark.django_db
def test_the_language_of_the_texts_is_optional_and_dutch_when_not_said(settings, tmp_path):
    settings.DEMO_DATA_DIR = demo_copy(
        tmp_path,
        (
            "    summary: Oefen je Nederlands",
            "    text_language: fr\n    summary: Oefen je Nederlands",
        ),
    )
    call_command("load_demo", stdout=StringIO())
    assert Activity.objects.get(import_key="demo:taalcafe-nederlands").text_language == "fr"
    others = Activity.objects.exclude(import_key="demo:taalcafe-nederlands")
    assert set(others.values_list("text_language", flat=True)) == {"nl"}
