# The published activities' ids as a partial index, for index-only counts of the filters.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0013_activity_search_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["id"],
                name="activity_published_ids",
            ),
        ),
    ]
