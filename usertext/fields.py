"""Model fields for text people write. Cleaning (full_clean, which the services, the admin
and so the API and the workspace all go through) applies the rule of usertext: a
UserCharField holds one line (usertext.user_line_clean), a UserTextField several
(usertext.user_text_clean); a text of only removed characters is then empty and refused like
any blank required field."""

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
