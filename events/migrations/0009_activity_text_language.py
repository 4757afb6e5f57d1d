"""The language an activity's texts are written in becomes a stored fact (issue 19).

Until now no field said which language an organisation wrote its title, summary and texts
in: the pages guessed it from the short function words of the texts each time they were
drawn (usertext.language.text_language), and the guess mislabels short titles. From now on
the workspace form, the API, calendar feeds and the demo data say it, and the pages read it.

Existing rows: nobody ever said, so we store the very guess the pages have been showing
until today, made once here from title, summary, description and what to expect. That is
honest in the only sense available: every existing page keeps the `lang` it had, nothing
becomes a fact that was not shown before, and a wrong guess can now be corrected in the
form. New rows default to Dutch, the workspace's first language. The reverse migration
drops the field.
"""

from django.db import migrations, models

from usertext.language import text_language

TEXT_FIELDS = ("title", "summary", "description", "what_to_expect")


def store_the_guess(apps, schema_editor):
    Activity = apps.get_model("events", "Activity")
    by_language: dict[str, list[int]] = {}
    for pk, *texts in Activity.objects.values_list("pk", *TEXT_FIELDS).iterator():
        by_language.setdefault(text_language(*texts), []).append(pk)
    for language, pks in by_language.items():
        if language != "nl":  # the column's default already says Dutch
            Activity.objects.filter(pk__in=pks).update(text_language=language)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0008_work_model_plain_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="text_language",
            field=models.CharField(
                choices=[("nl", "Dutch"), ("fr", "French"), ("en", "English")],
                default="nl",
                db_default="nl",
                max_length=5,
                verbose_name="language of the texts",
            ),
        ),
        migrations.RunPython(store_the_guess, migrations.RunPython.noop),
    ]
