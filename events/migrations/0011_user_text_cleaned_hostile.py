"""Texts stored before the cleaning rule grew (issue 15) are cleaned by it once.

usertext now also removes control characters (an Atom feed with one answered 500) and keeps
one-line texts (titles, names, addresses…) on one line. New writes are cleaned by the model
fields; this cleans the rows written before, by a frozen copy of the rule (a migration must
not change when usertext does). Only rows that hold such a character are read and written,
with update(), so that no `updated_at` moves and no feed reports a change nobody made. A
cleaned organisation name that another organisation already has, or a cleaned required text
that would be empty, is left as it was. Not reversible in content: the reverse does nothing.
"""

import re

from django.db import migrations

INVISIBLE = re.compile("[\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
NEWLINE = re.compile("\r\n?")
LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]+")
# Rows worth reading: any character either rule touches (PostgreSQL's text holds no NUL).
SUSPECT = "[\x01-\x1f\x7f-\x9f\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\u2028\u2029\ufeff]"

LINE, TEXT = "line", "text"
FIELDS = {
    ("events", "Activity"): {
        **dict.fromkeys(
            [
                "title",
                "summary",
                "social_tariff",
                "registration_how",
                "host_name",
                "contact_phone",
                "cancel_reason",
            ],
            LINE,
        ),
        "description": TEXT,
        "what_to_expect": TEXT,
    },
    ("events", "Occurrence"): {"cancel_reason": LINE},
    ("events", "CalendarFeed"): {"name": LINE},
    ("places", "Place"): {"name": LINE, "address": LINE, "opening_hours": TEXT},
    ("places", "Organisation"): {"name": LINE, "phone": LINE, "description": TEXT},
}
REQUIRED = {("events", "Activity", "title"), ("events", "Activity", "summary")}
REQUIRED |= {("places", "Place", "name"), ("places", "Organisation", "name")}


def _clean(value: str, kind: str) -> str:
    value = NEWLINE.sub("\n", CONTROL.sub("", INVISIBLE.sub("", value)))
    return LINE_BREAKS.sub(" ", value) if kind == LINE else value


def clean_stored_texts(apps, schema_editor):
    for (app, name), fields in FIELDS.items():
        model = apps.get_model(app, name)
        for field, kind in fields.items():
            rows = model.objects.filter(**{f"{field}__regex": SUSPECT})
            for pk, value in rows.values_list("pk", field).iterator():
                cleaned = _clean(value, kind)
                if cleaned == value:
                    continue
                if (app, name, field) in REQUIRED and not cleaned.strip():
                    continue
                if (name, field) == ("Organisation", "name") and (
                    model.objects.filter(name=cleaned).exclude(pk=pk).exists()
                ):
                    continue
                model.objects.filter(pk=pk).update(**{field: cleaned})


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0010_uit_source"),
        ("places", "0005_user_text_fields"),
    ]

    operations = [migrations.RunPython(clean_stored_texts, migrations.RunPython.noop)]
