"""Model fields for text people write. They apply the rule of usertext: a UserCharField
holds one line (usertext.user_line_clean), a UserTextField several (usertext.user_text_clean).

to_python cleans, so full_clean (which the services, the admin and so the API, the workspace
and calendar sync go through) stores and validates the cleaned text: a text of only removed
characters is then empty and refused like any blank required field. Django's CharField and
TextField also call to_python when they prepare a value for the database, so every ORM
write (save, create, update, bulk_create) and lookup is cleaned too; only raw SQL and COPY
(places.services.places_upsert) must clean by hand.
"""

from django.db import models

from . import user_line_clean, user_text_clean


class UserCharField(models.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return user_line_clean(value) if isinstance(value, str) else value


class UserTextField(models.TextField):
    def to_python(self, value):
        value = super().to_python(value)
        return user_text_clean(value) if isinstance(value, str) else value
