"""A migration that no test database has applied: tests/config/test_health.py points the
`frontend` app (which has no migrations of its own) at this package."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "__first__")]
    operations = []
