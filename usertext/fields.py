"""Model fields for text people write. Cleaning (full_clean, which the services, the admin
and so the API and the workspace all go through) removes the characters that
usertext.user_text_clean removes; a text of only such characters is then empty and
refused like any blank required field."""

from django.db import models

from . import user_text_clean


class UserCharField(models.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return user_text_clean(value) if isinstance(value, str) else value


class UserTextField(models.TextField):
    def to_python(self, value):
        value = super().to_python(value)
        return user_text_clean(value) if isinstance(value, str) else value
