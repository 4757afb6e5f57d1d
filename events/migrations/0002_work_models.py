from django.db import migrations

from events.work_models import WORK_MODELS, work_models_ensure

def create_work_models(apps, schema_editor):
    work_models_ensure(apps.get_model("events", "WorkModel"))


def remove_work_models(apps, schema_editor):
    apps.get_model("events", "WorkModel").objects.filter(
        code__in=[row[0] for row in WORK_MODELS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]
    operations = [migrations.RunPython(create_work_models, remove_work_models)]
