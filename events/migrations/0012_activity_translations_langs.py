"""Activities in the residents' languages (issue 17 part 4): title, summary and "what to
expect" in more languages than the one the texts are written in, one row per (activity,
language). Not django-modeltranslation or django-parler: both fix the languages to
settings.LANGUAGES (nl, fr, en), while residents read Arabic, Tigrinya, Turkish, Ukrainian…
"""

import django.db.models.deletion
import usertext.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0011_user_text_cleaned_hostile"),
    ]

    operations = [
        migrations.CreateModel(
            name="ActivityTranslation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("language", models.CharField(max_length=3, verbose_name="language")),
                ("title", usertext.fields.UserCharField(max_length=200, verbose_name="title")),
                (
                    "summary",
                    usertext.fields.UserCharField(
                        max_length=300, verbose_name="summary in plain language"
                    ),
                ),
                (
                    "what_to_expect",
                    usertext.fields.UserTextField(blank=True, verbose_name="what to expect"),
                ),
                (
                    "activity",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translations",
                        to="events.activity",
                    ),
                ),
            ],
            options={
                "verbose_name": "translation",
                "verbose_name_plural": "translations",
                "ordering": ["activity", "language"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("activity", "language"), name="activitytranslation_unique_language"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("title", ""), _negated=True),
                            models.Q(("summary", ""), _negated=True),
                        ),
                        name="activitytranslation_texts_given",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("language__regex", "^[a-z]{2,3}$")),
                        name="activitytranslation_language_lower_case",
                    ),
                ],
            },
        ),
    ]
