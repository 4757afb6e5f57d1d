"""Facts that were never chosen become "unknown".

Until 0006, `cost` defaulted to "free", `registration_required` to False and
`basic_dutch_ok` to True, and the workspace form had no field for any of them (nor for
audiences, the social tariff or how to register). A post made through the form was
therefore saved as "free, no registration, basic Dutch fine", and the public page, the API
and the JSON-LD said so although nobody had.

The database does not record whether a value was chosen, so we decide per row from what
it does record: a row whose cost, amount, social tariff, registration, how to register,
basic Dutch and audiences are *all* still at the old defaults carries no sign that anyone
was ever asked; it is what the form saved (calendar imports do not set them either). For
those rows `cost` becomes "unknown", `registration_required` and `basic_dutch_ok` become
NULL (unknown). A row where any one of these differs was posted through a channel that asks
for them (the API, the demo data file), so its values were chosen and stay as they are.

The price of the rule: an API post that explicitly said "free, no registration, basic
Dutch fine, no audience" now reads "ask" rather than "free". That is the safe error:
residents are told to ask, instead of being told something nobody said. The reverse
migration cannot know which rows it changed and leaves them unknown.
"""

from django.db import migrations

NEVER_CHOSEN = {
    "cost": "free",
    "cost_amount__isnull": True,
    "social_tariff": "",
    "registration_required": False,
    "registration_how": "",
    "basic_dutch_ok": True,
    "audiences": [],
}


def never_chosen_to_unknown(apps, schema_editor):
    Activity = apps.get_model("events", "Activity")
    Activity.objects.filter(**NEVER_CHOSEN).update(
        cost="unknown", registration_required=None, basic_dutch_ok=None
    )


class Migration(migrations.Migration):
    dependencies = [("events", "0006_unknown_facts_and_cancel_reasons")]

    operations = [migrations.RunPython(never_chosen_to_unknown, migrations.RunPython.noop)]
